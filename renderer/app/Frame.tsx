import { useAppStore } from '../state/appStore';
import { useRouteStore } from '../state/routeStore';
import { ErrorBoundary } from './ErrorBoundary';
import { NavBar } from './NavBar';
import { PageView } from './PageView';
import { TaskStrip } from './TaskStrip';
import { TopBar } from './TopBar';

/** The window: top bar, left navigation, and the current page. */
export function Frame() {
  const page = useRouteStore((s) => s.page);
  const appError = useAppStore((s) => (s.status === 'error' ? s.error : null));
  const retry = useAppStore((s) => s.load);
  return (
    <div className="frame">
      <TopBar />
      <NavBar current={page} />
      <main className="content" aria-live="polite">
        <TaskStrip />
        {appError && (
          <div className="banner banner-error" role="alert">
            <strong>Cannot load the app status:</strong> {appError.message} {appError.hint}
            <button type="button" className="button-small" onClick={() => void retry()}>
              Retry
            </button>
          </div>
        )}
        <ErrorBoundary key={page}>
          <PageView page={page} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
