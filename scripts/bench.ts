// `npm run bench`: Keel's speed figures, one JSON object per line on stdout: {"name","value","unit","n"}
// (use `npm run -s bench` to keep npm's own banner off stdout too). Everything else — the build,
// progress — goes to stderr. Books are generated once into .bench/ and reused (the large one takes
// about a minute). Where a figure has a natural baseline it is measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../e2e/keel-server';
import { journalApplyRate, orderRoundTrip, quoteFanOut } from './bench-trading';
import { generateDemoBook, type DemoSizeName } from '../main/demo/generate';
import { notional } from '../main/domain/fixed';
import { startEngine } from '../main/engine';
import { systemClock } from '../main/core/clock';
import { serve } from '../main/server/http';
import { DB_FILE, openDb } from '../main/store/db';
import { holdWriteLock } from '../main/store/testing/lock-holder';
import { tempDb, insertAccount, insertStrategy } from '../main/store/testing/db';
import { floodFromAnotherProcess } from '../main/testing/flood';
import { inWriteTransaction, type Durability } from '../main/store/write';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the launchers' CommonJS build helper
const { buildApp } = require('./build.cjs') as { buildApp: (o: { toStderr: boolean }) => string | null };

const root = path.resolve(__dirname, '..');
const cache = path.join(root, '.bench');
const builtWorker = path.join(root, 'out', 'main', 'worker.js');

function emit(name: string, value: number, unit: string, n: number): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, n })}\n`);
}
const note = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

function book(size: DemoSizeName): string {
  const dir = path.join(cache, size);
  if (!fs.existsSync(path.join(dir, DB_FILE))) {
    fs.mkdirSync(dir, { recursive: true });
    note(`generating the ${size} demo book in ${dir} (once)…`);
    const db = openDb(dir);
    generateDemoBook(db, size);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  return dir;
}

/** A copy of a cached book in a fresh folder, for runs that write. */
function copyOf(size: DemoSizeName): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-'));
  fs.copyFileSync(path.join(book(size), DB_FILE), path.join(dir, DB_FILE));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real cold start: a new `keel serve` process on an existing book, until it prints its URL. */
async function coldStart(): Promise<void> {
  const dir = book('default');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const keel = await startKeel({ dataDir: dir });
    times.push(performance.now() - t);
    await keel.stop();
  }
  emit('cli.cold_start_to_url', median(times), 'ms', times.length);

  // The engine alone, inside a warm process (what the desktop shell's main process pays).
  const inProcess: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript: builtWorker });
    const ready = await engine.dispatch('app.info', {});
    inProcess.push(performance.now() - t);
    if (!ready.ok) throw new Error('engine did not answer');
    await engine.close();
  }
  emit('engine.start_to_ready_in_process', median(inProcess), 'ms', inProcess.length);
}

async function firstStart(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-first-'));
  const t = performance.now();
  const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript: builtWorker });
  emit('engine.first_start_serving', performance.now() - t, 'ms', 1);
  // The demo book is made in the background; data channels answer once it is there.
  const accounts = await engine.dispatch('accounts.list', {});
  if (!accounts.ok) throw new Error(accounts.error.message);
  emit('engine.first_start_demo_book_ready', performance.now() - t, 'ms', 1);
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function summaryLarge(): Promise<void> {
  const dir = book('large');
  const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript: builtWorker });
  const first = await engine.dispatch('portfolio.summary', {});
  if (!first.ok) throw new Error(first.error.message);
  const fills = (first.data as { activity: { fills: number } }).activity.fills;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await engine.dispatch('portfolio.summary', {});
    times.push(performance.now() - t);
  }
  await engine.close();
  emit(`portfolio.summary.large_book_${Math.floor(fills / 1000)}k_fills`, median(times), 'ms', times.length);
}

/**
 * HTTP latency of the API on a real server with its worker threads: reads while another process
 * holds the database's write lock (baseline: the same reads with no lock), and other calls while
 * 1,000 identical summaries flood the engine (baseline: the same calls at rest).
 */
async function responsiveness(): Promise<void> {
  const data = copyOf('default');
  const ui = path.join(data.dir, 'ui');
  fs.mkdirSync(ui);
  const token = 'bench-token-0123456789abcdef';
  const engine = await startEngine({ dataDir: data.dir, shell: 'headless', workerScript: builtWorker });
  const server = await serve({ engine, token, host: '127.0.0.1', port: 0, staticDir: ui, log: note });
  const call = async (channel: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{}',
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${channel} answered ${res.status}`);
    return performance.now() - t;
  };
  const reads = async (rounds: number) => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++)
      for (const c of ['app.info', 'settings.get', 'accounts.list', 'portfolio.summary'])
        times.push(await call(c));
    return times;
  };
  try {
    await reads(3); // warm up
    const free = await reads(25);
    const holder = await holdWriteLock(path.join(data.dir, DB_FILE));
    const locked = await reads(25);
    await holder.release();
    emit('api.read_latency_p50.db_free', median(free), 'ms', free.length);
    emit('api.read_latency_p50.db_write_locked_elsewhere', median(locked), 'ms', locked.length);
    emit('api.read_latency_p99.db_free', p99(free), 'ms', free.length);
    emit('api.read_latency_p99.db_write_locked_elsewhere', p99(locked), 'ms', locked.length);

    // The flood comes from another process (a runaway tab, a script), so the probes here measure
    // the server rather than this process's own client backlog.
    const quiet: number[] = [];
    for (let i = 0; i < 40; i++) quiet.push(await call(i % 2 ? 'app.info' : 'settings.get'));
    const flood = floodFromAnotherProcess(server.origin, token, 'portfolio.summary', 1_000);
    await flood.started;
    const during: number[] = [];
    for (let i = 0; i < 40; i++) during.push(await call(i % 2 ? 'app.info' : 'settings.get'));
    const result = await flood.done;
    if (!result.statuses.every((s) => s === 200)) throw new Error('some flood requests failed');
    emit('api.interactive_latency_p50.at_rest', median(quiet), 'ms', quiet.length);
    emit('api.interactive_latency_p50.during_1000_summary_flood', median(during), 'ms', during.length);
    emit('api.interactive_latency_p99.during_1000_summary_flood', p99(during), 'ms', during.length);
    emit('api.summary_flood_1000_all_answered', result.ms, 'ms', 1_000);
  } finally {
    await server.close();
    await engine.close();
    data.cleanup();
  }
}

/** What durability costs per small write: a FULL-synced commit against a NORMAL one, same run. */
async function commitLatency(): Promise<void> {
  const env = tempDb();
  const insert = env.db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES (?, '1', 0)");
  let seq = 0;
  const run = async (durability: Durability, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await inWriteTransaction(env.db, () => insert.run(`row-${seq++}`), {
        durability,
        lockWaitMs: 1_000,
        clock: systemClock,
        checkpoint: () => {},
      });
      times.push(performance.now() - t);
    }
    return times;
  };
  await run('full', 20);
  const normal = await run('normal', 300);
  const full = await run('full', 300);
  env.cleanup();
  emit('sqlite.commit_latency_p50.normal', median(normal), 'ms', normal.length);
  emit('sqlite.commit_latency_p50.full_fsync', median(full), 'ms', full.length);
}

function fillInsertRate(): void {
  const env = tempDb();
  insertAccount(env.db);
  insertStrategy(env.db);
  env.db
    .prepare(
      `INSERT INTO orders (id, account_id, client_order_id, symbol, side, type, qty, status, source, submitted_at, updated_at)
       VALUES ('o1', 'acct-1', 'c1', 'SPY', 'buy', 'market', 1, 'filled', 'manual', 0, 0)`,
    )
    .run();
  const insert = env.db.prepare(
    `INSERT INTO fills (id, order_id, account_id, execution_id, symbol, side, qty, price, notional, filled_at)
     VALUES (?, 'o1', 'acct-1', ?, 'SPY', 'buy', ?, ?, ?, ?)`,
  );
  const n = 200_000;
  const t = performance.now();
  env.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const q = BigInt(1 + (i % 50)) * 1_000_000_000n;
      const p = 500_000_000n + BigInt(i % 1000) * 10_000n;
      insert.run(`f${i}`, `x${i}`, q, p, notional(q, p), 1_767_225_600_000 + i);
    }
  })();
  const seconds = (performance.now() - t) / 1000;
  env.cleanup();
  emit('sqlite.fill_insert_rate', n / seconds, 'rows/s', n);
}

async function main(): Promise<void> {
  note('building the app (output on stderr)…');
  const problem = buildApp({ toStderr: true });
  if (problem) throw new Error(problem);
  fs.mkdirSync(cache, { recursive: true });
  await coldStart();
  await firstStart();
  await summaryLarge();
  await responsiveness();
  await commitLatency();
  fillInsertRate();
  await trading();
}

async function trading(): Promise<void> {
  const a = copyOf('default');
  try {
    await orderRoundTrip(a.dir, builtWorker, emit);
  } finally {
    a.cleanup();
  }
  await journalApplyRate(emit);
  const b = copyOf('default');
  const ui = path.join(b.dir, 'ui');
  fs.mkdirSync(ui);
  try {
    await quoteFanOut(b.dir, ui, emit);
  } finally {
    b.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
