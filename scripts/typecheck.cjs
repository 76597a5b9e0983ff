// `tsc --noEmit` for each process's tsconfig: main/ without DOM, renderer/ without Node, etc.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const tsc = path.join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');
let failed = false;
for (const project of [
  'tsconfig.main.json',
  'tsconfig.electron.json',
  'tsconfig.web.json',
  'tsconfig.tools.json',
]) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], {
    stdio: 'inherit',
    cwd: path.join(__dirname, '..'),
  });
  if (r.status !== 0) {
    process.stderr.write(`typecheck: ${project} has errors (above)\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
