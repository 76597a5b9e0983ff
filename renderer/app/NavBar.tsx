import { useAppStore } from '../state/appStore';
import { hashFor, PAGES, type PageId } from './pages';

export function NavBar({ current }: { current: PageId }) {
  const info = useAppStore((s) => s.info);
  return (
    <nav className="nav" aria-label="Pages">
      <ul>
        {PAGES.map((p) => (
          <li key={p.id}>
            <a
              href={hashFor(p.id)}
              className={`nav-link${'built' in p ? '' : ' nav-link-later'}`}
              aria-current={p.id === current ? 'page' : undefined}
              title={'built' in p ? p.title : `${p.title} — not built yet`}
            >
              {p.label}
            </a>
          </li>
        ))}
      </ul>
      {info && (
        <div className="nav-foot muted">
          Keel {info.version} · {info.shell}
        </div>
      )}
    </nav>
  );
}
