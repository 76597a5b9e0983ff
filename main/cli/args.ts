import { parseArgs } from 'node:util';
import { checkTokenShape } from '../server/auth';

export interface ServeArgs {
  command: 'serve';
  dataDir: string | undefined;
  host: string;
  port: number;
  token: string | undefined;
  demoSize: 'default' | 'large';
  /**
   * The simulated market follows NYSE sessions, or stays open evenings and weekends, for this
   * run; undefined follows the Settings switch.
   */
  simMarket: 'sessions' | 'always' | undefined;
}
export type CliArgs = ServeArgs | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage: keel serve [options]

Starts the Keel engine and serves the app and its API on this machine, headless.

Options:
  --data-dir <dir>     data folder (default: the per-user app-data folder, shared with the desktop app)
  --host <addr>        address to listen on (default 127.0.0.1)
  --port <n>           port; 0 picks any free port (default 0)
  --token <t>          fix the access token (or set KEEL_TOKEN); default: a new random token
  --demo-size <size>   demo book made on a first start: default | large (1,000,000+ fills)
  --sim-market <mode>  the simulated market: sessions (NYSE hours) | always (open evenings and weekends); for this run (default: as in Settings)
  -h, --help           this help
  -v, --version        print the version`;

/** Parses argv (without node and script); throws an Error whose message says what to fix. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'demo-size': { type: 'string' },
      'sim-market': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (command !== 'serve') {
    throw new Error(
      command === undefined
        ? 'Say what to do: keel serve'
        : `Unknown command "${command}". The command is: keel serve`,
    );
  }
  if (rest.length > 0) throw new Error(`Unexpected argument "${rest[0]}".`);
  // An empty value (say, an unset "$VAR") must not quietly mean "every interface" or "this folder".
  for (const name of ['data-dir', 'host', 'port', 'token', 'demo-size', 'sim-market'] as const) {
    if (values[name] !== undefined && values[name].trim() === '')
      throw new Error(`--${name} needs a value; it was empty.`);
  }

  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const token = values.token ?? (env.KEEL_TOKEN || undefined);
  if (token !== undefined) {
    const problem = checkTokenShape(token);
    if (problem) throw new Error(`${values.token !== undefined ? '--token' : 'KEEL_TOKEN'}: ${problem}.`);
  }
  const demoSize = values['demo-size'] ?? 'default';
  if (demoSize !== 'default' && demoSize !== 'large') {
    throw new Error(`--demo-size must be "default" or "large", not "${demoSize}".`);
  }
  const simMarket = values['sim-market'];
  if (simMarket !== undefined && simMarket !== 'sessions' && simMarket !== 'always') {
    throw new Error(`--sim-market must be "sessions" or "always", not "${simMarket}".`);
  }
  return {
    command: 'serve',
    simMarket,
    dataDir: values['data-dir'],
    host: values.host ?? '127.0.0.1',
    port,
    token,
    demoSize,
  };
}
