// npm runs this after `npm install`/`npm ci` in this repo: build the app so `npx keel serve`
// works at once. Without dev dependencies (a production install) there is nothing to build with.
'use strict';
const { buildApp } = require('./build.cjs');

try {
  require.resolve('electron-vite/package.json');
} catch {
  process.exit(0);
}
const problem = buildApp({ quiet: true });
if (problem) {
  process.stderr.write(`keel: after install, ${problem}\n`);
  process.exit(1);
}
