import type { PageDef } from './pages';

/** A page that a later roadmap capability delivers. Says so plainly and shows no figures. */
export function PlaceholderPage({ page }: { page: PageDef }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{page.title}</h1>
      </header>
      <div className="panel state-panel placeholder" data-testid="placeholder">
        <p className="placeholder-lead">
          Not built yet — arrives with <strong>{page.capability}</strong>
        </p>
        {page.summary && <p className="muted">Planned: {page.summary}</p>}
      </div>
    </section>
  );
}
