import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { DB_FILE } from '../store/db';

/** A fresh data folder holding a copy of the run's demo book. */
export function demoDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-data-'));
  fs.copyFileSync(path.join(inject('demoBookDir'), DB_FILE), path.join(dir, DB_FILE));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function emptyDataDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-empty-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
