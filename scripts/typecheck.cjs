// `tsc --noEmit` for each process's tsconfig: main/ without DOM, renderer/ without Node, etc.
// Two at a time (CI machines have two cores); output is printed per project when it ends.
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = ['tsconfig.main.json', 'tsconfig.electron.json', 'tsconfig.web.json', 'tsconfig.tools.json'];

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty'], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      if (code !== 0) process.stderr.write(`${output}typecheck: ${project} has errors (above)\n`);
      resolve(code === 0);
    });
  });
}

async function main() {
  const queue = [...projects];
  let ok = true;
  const lanes = Array.from({ length: Math.max(1, Math.min(2, os.cpus().length)) }, async () => {
    while (queue.length > 0) ok = (await check(queue.shift())) && ok;
  });
  await Promise.all(lanes);
  process.exit(ok ? 0 : 1);
}
main();
