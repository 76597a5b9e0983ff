import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDir } from './ensure-dir';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-dir-'));
  dirs.push(d);
  return d;
}

describe('ensureDir', () => {
  it('creates every missing level, and accepts a folder that exists', () => {
    const root = tmp();
    const deep = path.join(root, 'a', 'b', 'c');
    ensureDir(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
    ensureDir(deep);
    ensureDir(root);
  });

  it('refuses a file where a folder should be', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'file'), 'x');
    expect(() => ensureDir(path.join(root, 'file'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => ensureDir(path.join(root, 'file', 'below'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' }),
    );
  });

  it.runIf(process.platform === 'linux')('fails at once under /proc and /sys instead of spinning', () => {
    for (const dir of ['/proc/keel-test', '/proc/self/keel/deeper', '/sys/keel-test']) {
      const t = performance.now();
      expect(() => ensureDir(dir)).toThrow();
      expect(performance.now() - t).toBeLessThan(1_000);
    }
    expect(() => ensureDir('/proc/keel-test')).toThrow(
      expect.objectContaining({ code: 'EPSEUDOFS', message: expect.stringMatching(/pseudo-filesystem/) }),
    );
  });

  it('passes on a permission error unchanged', () => {
    const root = tmp();
    fs.chmodSync(root, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root may write anywhere
      expect(() => ensureDir(path.join(root, 'x'))).toThrow(expect.objectContaining({ code: 'EACCES' }));
    } finally {
      fs.chmodSync(root, 0o700);
    }
  });
});
