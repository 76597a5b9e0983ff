#!/usr/bin/env node
// The `keel` command (package.json "bin"). Runs the built CLI; builds it first if it is missing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('keel: first run — building the app (electron-vite build)…\n');
  const viteBin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0 || !fs.existsSync(cli)) {
    process.stderr.write('keel: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
require(cli);
