import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface KeelServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  pid: number;
  /** SIGINT, then the exit code and everything written to stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

const CLI = path.resolve(__dirname, '../out/main/cli.js');

/**
 * Starts the built `keel serve` on any free port, as a user would, and resolves once it has
 * printed its URL. Without `dataDir` it uses a new temporary folder, removed again on stop();
 * a given folder is left as it is (the benchmark reuses its books).
 */
export async function startKeel(options: { dataDir?: string } = {}): Promise<KeelServer> {
  if (!fs.existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-'));
  // The simulated market always open, so the trading tests do not depend on the time of day.
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--sim-market', 'always'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`keel serve printed no URL in 60 s; stderr:\n${stderr}`)),
      60_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /(http:\/\/\S+#token=\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`keel serve exited (${code}) before printing its URL:\n${stderr}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    origin: url.slice(0, url.indexOf('/#')),
    token: url.slice(url.indexOf('#token=') + 7),
    dataDir,
    pid: child.pid!,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return { code, stderr };
    },
  };
}
