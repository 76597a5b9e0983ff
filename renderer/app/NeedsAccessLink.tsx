/** Full page shown when the headless UI has no access token, or the engine rejected it. */
export function NeedsAccessLink() {
  return (
    <main className="access-page" data-testid="needs-access-link">
      <div className="access-card">
        <div className="brand brand-large">Keel</div>
        <h1>
          This page needs its access link — open the URL printed by <code>keel serve</code>
        </h1>
        <p>
          The link ends in <code>#token=…</code>. Copy the whole URL from the terminal where{' '}
          <code>keel serve</code> runs. If the server was restarted, it printed a new link: the old one no
          longer works.
        </p>
      </div>
    </main>
  );
}
