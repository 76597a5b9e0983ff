// How `keel serve` starts and stops as people run it: through npm and npx, twice on one folder,
// on a folder that cannot hold a database. No browser needed.
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from './keel-server';

const root = path.resolve(__dirname, '..');
const CLI = path.join(root, 'out', 'main', 'cli.js');
let dataDir: string;

test.beforeAll(async () => {
  // One demo book for every test here (a first start takes seconds).
  const keel = await startKeel({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'keel-launcher-')) });
  dataDir = keel.dataDir;
  expect((await keel.stop()).code).toBe(0);
});
test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command, resolves with it once it printed the URL; collects its output. */
async function launch(
  command: string,
  args: string[],
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 60_000 }).toMatch(/Keel is running at http/);
  return { child, output: () => out };
}

/** The PID of the node process actually serving `dataDir` (under a wrapper it is not the child). */
function serverPid(): number {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  const line = ps
    .split('\n')
    .find((l) => /^node\s.*\sserve\s/.test(l.trim().replace(/^\d+\s+/, '')) && l.includes(dataDir));
  if (!line) throw new Error(`no keel serve process for ${dataDir} in:\n${ps}`);
  return Number(line.trim().split(/\s+/)[0]);
}

for (const [name, command, args] of [
  ['npm run web', 'npm', ['run', 'web', '--', '--data-dir', '@', '--port', '0']],
  ['npx keel serve', 'npx', ['keel', 'serve', '--data-dir', '@', '--port', '0']],
] as const) {
  test(`SIGTERM to the wrapper of \`${name}\` stops the real server cleanly, leaving no orphan`, async () => {
    test.skip(process.platform === 'win32', 'POSIX signals');
    const { child, output } = await launch(
      command,
      args.map((a) => (a === '@' ? dataDir : a)),
    );
    const pid = serverPid();
    expect(pid).not.toBe(child.pid);
    child.kill('SIGTERM');
    await expect.poll(() => alive(pid), { timeout: 15_000 }).toBe(false);
    expect(output()).toMatch(/went away: shutting down/);
    expect(output()).toMatch(/stopped; database closed cleanly/);
    // The folder is free again: the lock went with the process.
    expect(fs.existsSync(path.join(dataDir, 'keel.lock.json'))).toBe(false);
  });
}

test('a second keel serve on the same folder is refused, naming the first and what to do', async () => {
  const first = await startKeel({ dataDir });
  try {
    const second = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(new RegExp(`in use by another Keel \\(PID ${first.pid}, keel serve`));
    expect(second.stderr).toMatch(/--data-dir <another folder>/);
  } finally {
    expect((await first.stop()).code).toBe(0);
  }
});

test('a data folder under /proc fails at once with what to do, instead of spinning', async () => {
  test.skip(process.platform !== 'linux', '/proc is Linux');
  const t = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', '/proc/keel-e2e', '--port', '0'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(r.status).toBe(1);
  expect(Date.now() - t).toBeLessThan(10_000);
  expect(r.stderr).toMatch(
    /Could not open the Keel data folder \/proc\/keel-e2e: .*pseudo-filesystem.*Choose a folder on a real disk with --data-dir/,
  );
});
