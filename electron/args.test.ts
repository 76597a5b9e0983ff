import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseDataDirArg } from './args';

describe('parseDataDirArg', () => {
  it('reads --data-dir <path> and --data-dir=<path>, resolved from the cwd', () => {
    expect(parseDataDirArg(['.', '--data-dir', 'data'], '/work')).toBe(path.resolve('/work/data'));
    expect(parseDataDirArg(['--data-dir=/abs/dir'], '/work')).toBe(path.resolve('/abs/dir'));
  });

  it('is undefined when absent and an error when the folder is missing', () => {
    expect(parseDataDirArg(['.', '--inspect'])).toBeUndefined();
    expect(() => parseDataDirArg(['--data-dir'])).toThrow(/needs a folder/);
    expect(() => parseDataDirArg(['--data-dir', '--other'])).toThrow(/needs a folder/);
  });
});
