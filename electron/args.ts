import path from 'node:path';

/**
 * `--data-dir <path>` or `--data-dir=<path>` from the command line, resolved against the current
 * directory; undefined when absent. Throws when the flag is given without a value.
 */
export function parseDataDirArg(argv: readonly string[], cwd = process.cwd()): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === '--data-dir') value = argv[i + 1];
    else if (arg?.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
    else continue;
    if (!value || value.startsWith('--')) {
      throw new Error('--data-dir needs a folder, for example: keel --data-dir ~/keel-data');
    }
    return path.resolve(cwd, value);
  }
  return undefined;
}
