// `npm run bench`: Keel's speed figures, one JSON object per line: {"name","value","unit","n"}.
// Books are generated once into .bench/ and reused (the large one takes ~30 s to make).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../e2e/keel-server';
import { generateDemoBook, type DemoSizeName } from '../main/demo/generate';
import { notional } from '../main/domain/fixed';
import { startEngine } from '../main/engine';
import { openDb } from '../main/store/db';
import { tempDb, insertAccount, insertStrategy } from '../main/store/testing/db';

const root = path.resolve(__dirname, '..');
const cache = path.join(root, '.bench');
const builtWorker = path.join(root, 'out', 'main', 'worker.js');
const workerScript = fs.existsSync(builtWorker) ? builtWorker : undefined;

function emit(name: string, value: number, unit: string, n: number): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toPrecision(4)), unit, n })}\n`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function book(size: DemoSizeName): string {
  const dir = path.join(cache, size);
  if (!fs.existsSync(path.join(dir, 'keel.sqlite'))) {
    fs.mkdirSync(dir, { recursive: true });
    process.stderr.write(`bench: generating the ${size} demo book in ${dir} (once)…\n`);
    const db = openDb(dir);
    generateDemoBook(db, size);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  return dir;
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
    const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript });
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
  const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript });
  emit('engine.first_start_with_demo_book', performance.now() - t, 'ms', 1);
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function summaryLarge(): Promise<void> {
  const dir = book('large');
  const engine = await startEngine({ dataDir: dir, shell: 'headless', workerScript });
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
  fs.mkdirSync(cache, { recursive: true });
  await coldStart();
  await firstStart();
  await summaryLarge();
  fillInsertRate();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
