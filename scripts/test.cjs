// `npm test`: every check, in the order that fails fastest — types, lint and format, build,
// unit and integration tests (vitest, real SQLite), then end-to-end in Chromium (Playwright).
// Ends with one plain line "N passed, N failed" summing vitest and Playwright.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const steps = [
  ['typecheck', process.execPath, [path.join(__dirname, 'typecheck.cjs')]],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format', bin('prettier'), ['--check', '.']],
  ['build', bin('electron-vite'), ['build']],
  [
    'vitest',
    bin('vitest'),
    [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.join(results, 'vitest-report.json')}`,
    ],
  ],
  ['e2e', bin('playwright'), ['test']],
];

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  process.stdout.write(
    `◀ ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (r.status !== 0) failedSteps.push(name);
}

function count(file, read) {
  try {
    const [p, f] = read(JSON.parse(fs.readFileSync(file, 'utf8')));
    passed += p;
    failed += f;
  } catch {
    // The step failed before writing its report; it is already listed as failed.
  }
}
count(path.join(results, 'vitest-report.json'), (j) => [j.numPassedTests, j.numFailedTests]);
count(path.join(results, 'e2e-report.json'), (j) => [j.stats.expected, j.stats.unexpected + j.stats.flaky]);

if (failedSteps.length > 0) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
