// Runs `electron-vite build` (out/main, out/preload, out/renderer) for the launchers:
// npm start, the `keel` command and npm's prepare step.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/**
 * Builds the app. `quiet` drops the bundle listing (errors still show); `toStderr` sends it to
 * stderr instead of stdout (the benchmark's stdout carries only its JSON lines). Returns null
 * on success, else a sentence saying what went wrong.
 */
function buildApp({ quiet = false, toStderr = false } = {}) {
  let bin;
  try {
    bin = path.join(
      path.dirname(require.resolve('electron-vite/package.json', { paths: [root] })),
      'bin',
      'electron-vite.js',
    );
  } catch {
    return 'electron-vite is not installed. Run `npm install` first.';
  }
  const r = spawnSync(process.execPath, [bin, 'build'], {
    cwd: root,
    stdio: ['ignore', quiet ? 'ignore' : toStderr ? 2 : 'inherit', 'inherit'],
  });
  if (r.error) return `could not run the build: ${r.error.message}`;
  if (r.status !== 0)
    return 'the build failed (see the errors above). Run `npm run build` to see them again.';
  return null;
}

module.exports = { buildApp, root };
