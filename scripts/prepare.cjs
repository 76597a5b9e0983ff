// npm runs this after `npm install`/`npm ci` in this repo: build the app so `npx keel serve`
// works at once. Skipped for production installs inside a packaged app.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const vite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
if (!fs.existsSync(vite)) process.exit(0);
const r = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) {
  process.stderr.write('keel: `electron-vite build` failed after install; run `npm run build` to see why.\n');
  process.exit(r.status ?? 1);
}
