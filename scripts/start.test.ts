import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

type Found = { binary?: string; reason?: string };
const { findElectron, electronFailedEarly } = createRequire(import.meta.url)('./start.cjs') as {
  findElectron: (from: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform) => Found;
  electronFailedEarly: (code: number | null, signal: string | null, elapsedMs: number) => boolean;
};

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with an electron package in the given install state. */
function project(state: 'none' | 'no-binary' | 'installed'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-start-'));
  made.push(dir);
  if (state === 'none') return dir;
  const pkg = path.join(dir, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"0.0.0"}');
  if (state === 'installed') {
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
  }
  return dir;
}

describe('npm start: can Electron run here?', () => {
  it('no: the package is missing', () => {
    expect(findElectron(project('none'), {}, 'darwin')).toEqual({
      reason: 'the electron package is not installed',
    });
  });

  it('no: the binary was never downloaded (and it does not try to download it)', () => {
    expect(findElectron(project('no-binary'), { DISPLAY: ':0' }, 'linux')).toEqual({
      reason: 'no Electron binary installed',
    });
  });

  it('no: Linux without a display', () => {
    expect(findElectron(project('installed'), {}, 'linux').reason).toMatch(/no display/);
  });

  it('yes: a binary and a display (X11 or Wayland), or macOS/Windows', () => {
    const dir = project('installed');
    const binary = path.join(dir, 'node_modules', 'electron', 'dist', 'electron');
    expect(findElectron(dir, { DISPLAY: ':0' }, 'linux')).toEqual({ binary });
    expect(findElectron(dir, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ binary });
    expect(findElectron(dir, {}, 'darwin')).toEqual({ binary });
  });
});

describe('falling back when Electron dies at start', () => {
  it('serves headless after an error exit within seconds of launch', () => {
    expect(electronFailedEarly(1, null, 800)).toBe(true);
    expect(electronFailedEarly(133, null, 14_000)).toBe(true);
  });

  it('respects a normal quit, a signal, and a failure after the app had been running', () => {
    expect(electronFailedEarly(0, null, 500)).toBe(false);
    expect(electronFailedEarly(null, 'SIGINT', 500)).toBe(false);
    expect(electronFailedEarly(1, null, 60_000)).toBe(false);
  });
});
