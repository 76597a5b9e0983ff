#!/usr/bin/env node
// The `keel` command (package.json "bin"). Runs the built CLI; builds it first if it is missing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { buildApp, root } = require('./build.cjs');

const cli = path.join(root, 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('keel: first run — building the app (electron-vite build)…\n');
  const problem =
    buildApp({ quiet: true }) ?? (fs.existsSync(cli) ? null : `${cli} is missing after the build.`);
  if (problem) {
    process.stderr.write(`keel: ${problem}\n`);
    process.exit(1);
  }
}
require(cli);
