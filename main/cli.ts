// `keel` command-line entry (built to out/main/cli.js; package.json bin runs it). Plain Node:
// it never loads electron, so it runs on servers, in CI and where no display exists.
import { simTrading } from './brokers/sim/setup';
import path from 'node:path';
import { version } from '../package.json';
import { parseCli, USAGE } from './cli/args';
import { systemClock } from './core/clock';
import { startEngine } from './engine';
import { launchedByWrapper, watchParent } from './platform/parent-watch';
import { defaultDataDir } from './platform/paths';
import { newToken } from './server/auth';
import { serve } from './server/http';

async function main(): Promise<number> {
  let args;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`keel: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') return (void process.stdout.write(`${USAGE}\n`), 0);
  if (args.command === 'version') return (void process.stdout.write(`${version}\n`), 0);

  const SHUTDOWN_DEADLINE_MS = 30_000;
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  const log = (line: string) => process.stderr.write(`keel: ${line}\n`);

  // Ctrl-C reaches the whole process group (npm, `npm start`, us), so a signal may arrive twice:
  // the first starts a clean shutdown, later ones only say it is under way. During start-up
  // (a first start spends seconds generating the demo book in one transaction) it stops at once:
  // an unfinished transaction is rolled back, so nothing half-made is kept.
  let running = false;
  let stopping = false;
  let stopped!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stopped = resolve));
  const stop = (why: string) => {
    if (!running) {
      log(`${why} during start-up: stopped; nothing half-made was kept.`);
      process.exit(130);
    }
    if (stopping) return log(`${why}: already shutting down…`);
    stopping = true;
    log(`${why}: shutting down…`);
    // A shutdown that hangs (a task ignoring its stop request) must not hold the folder forever:
    // SQLite rolls back whatever was not committed.
    systemClock.setTimeout(() => {
      log(
        `shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; stopping now (unfinished writes roll back).`,
      );
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    stopped();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (launchedByWrapper()) {
    watchParent({ clock: systemClock, onGone: (pid) => stop(`the launcher (PID ${pid}) went away`) });
  }

  const engine = await startEngine({
    dataDir,
    shell: 'headless',
    demoSize: args.demoSize,
    trading: simTrading(args.simMarket ? { mode: args.simMarket } : {}),
    workerScript: path.join(__dirname, 'worker.js'),
    version,
    log,
  });
  let server;
  try {
    server = await serve({
      engine,
      token: args.token ?? newToken(),
      host: args.host,
      port: args.port,
      staticDir: path.resolve(__dirname, '../renderer'),
      log,
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  running = true;
  process.stdout.write(`Keel is running at ${server.url}\n`);

  await stopRequested;
  await server.close();
  await engine.close();
  log('stopped; database closed cleanly.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`keel: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
