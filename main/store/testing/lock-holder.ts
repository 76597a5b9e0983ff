import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Another process holding a SQLite lock on a file: `write` (BEGIN IMMEDIATE: writers wait,
 * readers go on) until released. The real situation of a sync tool or a database browser with
 * keel.sqlite open, not a stand-in inside the test's own process.
 */
export async function holdWriteLock(file: string): Promise<{ pid: number; release(): Promise<void> }> {
  const betterSqlite = path.dirname(require.resolve('better-sqlite3/package.json'));
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const db = new Database(${JSON.stringify(file)}, { timeout: 0 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); });
    process.stdin.on('end', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await waitFor(child, 'locked');
  return {
    pid: child.pid!,
    async release() {
      const done = waitFor(child, 'released');
      child.stdin!.write('go\n');
      await done;
      child.stdin!.end();
    },
  };
}

/** Runs a small Node script in another process; resolves once it printed `ready`. */
export async function spawnReady(script: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await waitFor(child, 'ready');
  return child;
}

function waitFor(child: ChildProcess, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(word)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the helper process exited (${code}) before printing "${word}"`)),
    );
  });
}
