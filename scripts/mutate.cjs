#!/usr/bin/env node
// `npm run mutate -- <folder|file…>`            mutation-test those source files (StrykerJS + vitest)
// `npm run mutate -- --since <git ref>`          …the engine files changed since that ref (and uncommitted)
// Not part of `npm test` (minutes per folder). Prints the mutation score per folder at the end and
// writes reports/mutation/mutation.{json,html}. See stryker.config.mjs for the runner settings.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const REPORT = path.join(root, 'reports', 'mutation', 'mutation.json');

/** Source files worth mutating: TypeScript under main/, not tests, test helpers or type-only files. */
function isMutable(file) {
  return (
    /^main\/.+\.ts$/.test(file) &&
    !/\.test\.ts$/.test(file) &&
    !/(^|\/)testing\//.test(file) &&
    !/\.d\.ts$/.test(file) &&
    fs.existsSync(path.join(root, file))
  );
}

function git(args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

function walk(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel) : [rel];
  });
}

function selectFiles(argv) {
  const since = argv.indexOf('--since');
  if (since >= 0) {
    const ref = argv[since + 1];
    if (!ref) throw new Error('--since needs a git ref, e.g. --since origin/main');
    const changed = new Set([
      ...git(['diff', '--name-only', `${ref}...HEAD`]),
      ...git(['diff', '--name-only', 'HEAD']),
      ...git(['ls-files', '--others', '--exclude-standard']),
    ]);
    return [...changed].filter(isMutable).sort();
  }
  if (argv.length === 0)
    throw new Error('Say what to mutate: a folder (main/engine), files, or --since <ref>.');
  return argv
    .flatMap((arg) => {
      const rel = path.relative(root, path.resolve(arg)).split(path.sep).join('/');
      if (!fs.existsSync(path.join(root, rel))) throw new Error(`${arg} does not exist.`);
      return fs.statSync(path.join(root, rel)).isDirectory() ? walk(rel) : [rel];
    })
    .filter(isMutable)
    .sort();
}

/** Mutation score per folder from Stryker's JSON report: killed + timeout over all valid mutants. */
function scoresByFolder(report) {
  const folders = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = path.posix.dirname(file.split(path.sep).join('/'));
    const s = folders.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') s.killed++;
      else if (m.status === 'Timeout') s.timeout++;
      else if (m.status === 'Survived') s.survived++;
      else if (m.status === 'NoCoverage') s.noCoverage++;
    }
    folders.set(folder, s);
  }
  return [...folders.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function main() {
  let files;
  try {
    files = selectFiles(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`mutate: ${err.message}\n`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write('mutate: no engine source files to mutate there.\n');
    return 0;
  }
  process.stderr.write(`mutate: ${files.length} file(s): ${files.join(', ')}\n`);
  const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const r = spawnSync(process.execPath, [stryker, 'run', '--mutate', files.join(',')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !fs.existsSync(REPORT)) return r.status || 1;
  const rows = scoresByFolder(JSON.parse(fs.readFileSync(REPORT, 'utf8')));
  process.stdout.write(
    '\nMutation score by folder (killed + timeout) / (killed + timeout + survived + no coverage)\n',
  );
  for (const [folder, s] of rows) {
    const detected = s.killed + s.timeout;
    const total = detected + s.survived + s.noCoverage;
    const score = total === 0 ? 100 : (100 * detected) / total;
    process.stdout.write(
      `  ${folder.padEnd(24)} ${score.toFixed(1).padStart(5)} %   ${detected}/${total}  (survived ${s.survived}, no coverage ${s.noCoverage})\n`,
    );
  }
  return 0;
}

process.exit(main());
