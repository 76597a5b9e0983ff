import path from 'node:path';
import { DB_FILE } from '../store/db';

/** Turns a failure to open the data folder into a message that says where, what and what to do. */
export function dataDirError(dataDir: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const reason = e instanceof Error ? e.message : String(err);
  const file = path.join(dataDir, DB_FILE);
  let hint: string;
  switch (e?.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      hint = `${dataDir} is a file, not a folder. Choose a folder with --data-dir.`;
      break;
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      hint = `${file} is not a readable SQLite database (damaged, or another program's file). Move it away to start afresh, or choose another folder with --data-dir.`;
      break;
    case 'EPSEUDOFS':
      hint = `Choose a folder on a real disk with --data-dir.`;
      break;
    case 'SQLITE_BUSY':
      hint = `Another program is writing to ${file} (a backup or sync tool, a database browser). Close it and start Keel again.`;
      break;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
      hint = `Keel cannot write there. Check the folder's permissions, or choose another folder with --data-dir.`;
      break;
    default:
      hint = `Check that the folder is writable and not in use by another program, or choose another with --data-dir.`;
  }
  return new Error(`Could not open the Keel data folder ${dataDir}: ${reason}. ${hint}`, { cause: err });
}
