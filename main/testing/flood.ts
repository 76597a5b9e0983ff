import { spawn } from 'node:child_process';

export interface FloodResult {
  /** HTTP status of every request, in the order sent. */
  statuses: number[];
  /** Distinct response bodies (1 when every answer was the same). */
  distinctBodies: number;
  /** From the first request sent to the last answer, ms. */
  ms: number;
}

/**
 * Sends `count` requests to one channel at once from another process, as a runaway client would,
 * so that whoever measures in this process measures the server and not its own client's backlog.
 * Resolves once every answer is in; `started` resolves when the requests are on their way.
 */
export function floodFromAnotherProcess(
  origin: string,
  token: string,
  channel: string,
  count: number,
): { started: Promise<void>; done: Promise<FloodResult> } {
  const script = `
    const [origin, token, channel, count] = process.argv.slice(1);
    const t = performance.now();
    const calls = Array.from({ length: Number(count) }, () =>
      fetch(origin + '/api/' + channel, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: '{}' })
        .then(async (r) => [r.status, await r.text()]));
    process.stdout.write('started\\n');
    Promise.all(calls).then((all) => {
      const result = { statuses: all.map((a) => a[0]), distinctBodies: new Set(all.map((a) => a[1])).size, ms: performance.now() - t };
      process.stdout.write(JSON.stringify(result) + '\\n');
    });
  `;
  const child = spawn(process.execPath, ['-e', script, origin, token, channel, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const done = new Promise<FloodResult>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('started\n')) markStarted();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as FloodResult);
    });
    child.once('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`the flood process exited with ${code}`)),
    );
  });
  return { started, done };
}
