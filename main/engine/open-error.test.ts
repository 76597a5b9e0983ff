import { describe, expect, it } from 'vitest';
import { dataDirError } from './open-error';

const err = (code: string | undefined, message = 'low-level reason') =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

describe('a data folder that cannot be opened', () => {
  it.each([
    ['EEXIST', /\/data is a file, not a folder\. Choose a folder with --data-dir\./],
    ['ENOTDIR', /\/data is a file, not a folder/],
    [
      'SQLITE_NOTADB',
      /\/data\/keel\.sqlite is not a readable SQLite database .*Move it away to start afresh, or choose another folder with --data-dir\./,
    ],
    ['SQLITE_CORRUPT', /keel\.sqlite is not a readable SQLite database/],
    ['EPSEUDOFS', /Choose a folder on a real disk with --data-dir\./],
    ['SQLITE_BUSY', /Another program is writing to \/data\/keel\.sqlite .* Close it and start Keel again\./],
    ['EACCES', /Keel cannot write there\. Check the folder's permissions/],
    ['EPERM', /Keel cannot write there/],
    ['EROFS', /Keel cannot write there/],
    ['SQLITE_READONLY', /Keel cannot write there/],
    ['SQLITE_CANTOPEN', /Keel cannot write there/],
    [
      'EIO',
      /Check that the folder is writable and not in use by another program, or choose another with --data-dir\./,
    ],
    [undefined, /Check that the folder is writable/],
  ])('%s is explained with where, why and what to do', (code, hint) => {
    const e = dataDirError('/data', err(code));
    expect(e.message).toMatch(/^Could not open the Keel data folder \/data: low-level reason\. /);
    expect(e.message).toMatch(hint);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('says what was thrown even when it is not an Error', () => {
    expect(dataDirError('/d', 'a string').message).toMatch(
      /^Could not open the Keel data folder \/d: a string\. Check/,
    );
  });
});
