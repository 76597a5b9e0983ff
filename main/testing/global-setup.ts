// Generates the default demo book once per test run; tests copy the file instead of
// regenerating it (≈5 s each), which keeps `npm test` quick on two cores.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDemoBook } from '../demo/generate';
import { openDb } from '../store/db';

declare module 'vitest' {
  export interface ProvidedContext {
    demoBookDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-demo-fixture-'));
  const db = openDb(dir);
  generateDemoBook(db, 'default');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  project.provide('demoBookDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
