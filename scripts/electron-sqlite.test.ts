import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteFileName } from '../electron/desktop-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require('./electron-sqlite.cjs') as {
  ensureElectronSqlite: (root: string, version: string, log?: (l: string) => void) => string;
  buildCommands: (root: string, version: string, platform?: string, arch?: string) => [string, string[]][];
  fileName: (version: string, platform?: string, arch?: string) => string;
};

describe('better-sqlite3 for Electron', () => {
  it('writes the file the desktop shell looks for', () => {
    expect(native.fileName('45.4.1', 'darwin', 'arm64')).toBe(
      electronSqliteFileName('45.4.1', 'darwin', 'arm64'),
    );
  });

  it('asks for Electron’s ABI, never Node’s: a prebuilt binary first, then a compile against Electron headers', () => {
    const [prebuilt, compile] = native.buildCommands('/r', '45.4.1', 'linux', 'x64');
    expect(prebuilt![0]).toMatch(/prebuild-install/);
    expect(prebuilt![1]).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=45.4.1', '--arch=x64']),
    );
    expect(compile![0]).toMatch(/node-gyp/);
    expect(compile![1]).toEqual(
      expect.arrayContaining([
        '--runtime=electron',
        '--target=45.4.1',
        '--dist-url=https://electronjs.org/headers',
      ]),
    );
  });

  it('reuses a build that is already there without rebuilding', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-native-'));
    try {
      const file = path.join(root, 'out', 'native', native.fileName('45.4.1'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'binary');
      const logs: string[] = [];
      expect(native.ensureElectronSqlite(root, '45.4.1', (l) => logs.push(l))).toBe(file);
      expect(logs).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
