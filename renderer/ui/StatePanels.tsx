import type { ErrorInfo } from '../api/client';

export function LoadingPanel({ what }: { what: string }) {
  return (
    <div className="panel state-panel" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorPanel({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: ErrorInfo;
  onRetry?: () => void;
}) {
  return (
    <div className="panel state-panel state-error" role="alert" data-testid="error">
      <h2>{title}</h2>
      <p>
        {error.message} <span className="muted mono">({error.code})</span>
      </p>
      <p className="muted">{error.hint}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
