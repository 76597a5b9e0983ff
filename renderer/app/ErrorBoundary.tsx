import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** Keeps a crashing page from blanking the whole window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel state-panel state-error" role="alert">
        <h2>This page failed to draw</h2>
        <p className="mono">{this.state.error.message}</p>
        <p>This is a bug in Keel. Reload the window; if it keeps happening, report the message above.</p>
      </div>
    );
  }
}
