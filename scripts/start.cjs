#!/usr/bin/env node
// `npm start`: build, then open the desktop app — or, where Electron cannot run (no binary, no
// display), serve the same app headless so `npm start` always gives a working Keel.
// Extra arguments pass through: `npm start -- --data-dir ./my-data`.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { buildApp } = require('./build.cjs');
const { ensureElectronSqlite } = require('./electron-sqlite.cjs');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);

function fail(message) {
  console.error(`Keel: ${message}`);
  process.exit(1);
}

/** Always build: it takes seconds and never runs a stale bundle. */
function build() {
  const problem = buildApp();
  if (problem) fail(problem);
}

/**
 * Where the Electron binary is, or why it cannot start. Reads electron's path.txt rather than
 * `require('electron')`, which tries to download the binary when it is missing.
 */
function findElectron(from = root, env = process.env, platform = process.platform) {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json', { paths: [from] }));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  let relative;
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return { reason: 'no Electron binary installed' };
  }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
  const binary = path.join(distDir, relative);
  if (!fs.existsSync(binary)) return { reason: 'no Electron binary installed' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  }
  return { binary };
}

/**
 * Electron that dies on its own, with an error, within seconds of starting never got going —
 * missing system libraries, a display that went away, a refused sandbox — so the headless app
 * is served instead. A quit by the user (exit 0) or by a signal is respected.
 */
const EARLY_FAILURE_MS = 15_000;
function electronFailedEarly(code, signal, elapsedMs) {
  return signal === null && typeof code === 'number' && code !== 0 && elapsedMs < EARLY_FAILURE_MS;
}

/**
 * Runs a child with our stdio, forwards Ctrl+C / kill to it, and exits with its status — or,
 * when `onEarlyFailure` is given and the child failed early, calls it instead of exiting.
 */
function run(command, commandArgs, env, onEarlyFailure) {
  const started = Date.now();
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => forward(signal));
  // npm passes a SIGTERM to its shell, which dies without passing it on: if we are orphaned,
  // stop the child as if we had been signalled, so no Keel keeps running with its database open.
  const parent = process.ppid;
  const orphanCheck = setInterval(() => {
    if (process.ppid !== parent) forward('SIGTERM');
  }, 500);
  orphanCheck.unref();
  child.on('error', (error) => fail(`could not start ${path.basename(command)}: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (onEarlyFailure && electronFailedEarly(code, signal, Date.now() - started)) {
      for (const sig of ['SIGINT', 'SIGTERM']) process.removeAllListeners(sig);
      return onEarlyFailure(code);
    }
    process.exit(code ?? 128 + (os.constants.signals[signal] || 0));
  });
}

function main() {
  build();
  const electron = findElectron();
  if (electron.binary) {
    // node_modules holds better-sqlite3 built for Node; Electron needs its own ABI's build.
    try {
      const version = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
      ensureElectronSqlite(root, version);
    } catch (error) {
      electron.reason = `better-sqlite3 for Electron is missing: ${error.message}`;
      delete electron.binary;
    }
  }
  if (electron.binary) {
    const env = { ...process.env };
    // Inherited from some terminals (e.g. VS Code's); it would make Electron behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    run(electron.binary, [root, ...args], env, (code) =>
      serveHeadless(`Electron exited with code ${code} right after starting`),
    );
    return;
  }
  serveHeadless(`Electron cannot start here (${electron.reason})`);
}

function serveHeadless(why) {
  const cli = path.join(root, 'out', 'main', 'cli.js');
  if (!fs.existsSync(cli)) fail(`${cli} is missing after the build; check electron.vite.config.ts.`);
  console.error(`Keel: ${why} — serving the same app headless instead.`);
  // The server also watches us: if this launcher is killed outright, it shuts down cleanly.
  run(process.execPath, [cli, 'serve', ...args], { ...process.env, KEEL_EXIT_WITH_PARENT: '1' });
}

if (require.main === module) main();

module.exports = { findElectron, electronFailedEarly };
