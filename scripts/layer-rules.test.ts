import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The house's layer rules live in eslint.config.mjs; this proves each one fires (a glob that
// silently matches nothing would let a forbidden import through unnoticed).
const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: file });
  return result!.messages
    .filter((m) =>
      [
        'no-restricted-imports',
        'no-restricted-globals',
        'no-restricted-syntax',
        'no-restricted-properties',
      ].includes(m.ruleId ?? ''),
    )
    .map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['main/engine/x.ts', "import { app } from 'electron';"],
    ['main/engine/x.ts', "import React from 'react';"],
    ['main/engine/x.ts', "import { create } from 'zustand';"],
    ['main/engine/x.ts', "import { x } from '../../renderer/format';"],
    ['main/engine/x.ts', "import { x } from '../../electron/ipc';"],
    ['main/engine/x.ts', 'console.log(document.title);'],
    ['main/contract/x.ts', "import fs from 'node:fs';"],
    ['main/contract/x.ts', "import { startEngine } from '../engine';"],
    ['renderer/pages/x.ts', "import fs from 'fs';"],
    ['renderer/pages/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/pages/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/pages/x.ts', "import { openDb } from '../../main/store/db';"],
    ['renderer/pages/x.ts', "import { ipcRenderer } from 'electron';"],
    ['preload/x.ts', "import { z } from 'zod';"],
    ['preload/x.ts', "import { startEngine } from '../main/engine';"],
    ['preload/x.ts', "import fs from 'node:fs';"],
    ['main/workers/x.ts', "import { startEngine } from '../engine';"],
    ['main/workers/x.ts', "import { registry } from '../engine/tasks';"],
    ['main/store/x.ts', "import { Lane } from '../workers/lane';"],
    ['main/store/repos/x.ts', "import { registry } from '../../engine/tasks';"],
    ['main/core/x.ts', "import { openDb } from '../store/db';"],
    ['main/core/x.ts', "import { React } from 'react';"],
    ['main/engine/x.ts', 'const t = Date.now();'],
    ['main/engine/x.ts', 'const d = new Date();'],
    ['main/workers/x.ts', 'const t = performance.now();'],
    ['main/server/x.ts', 'setTimeout(() => {}, 5);'],
    ['main/store/x.ts', 'setInterval(() => {}, 5);'],
    ['main/engine/x.ts', "import { setTimeout as wait } from 'node:timers/promises';"],
    ['main/engine/x.ts', "import timers from 'timers';"],
    ['main/engine/x.ts', 'globalThis.setTimeout(() => {}, 5);'],
    ['main/engine/x.ts', 'setImmediate(() => {});'],
    ['main/engine/x.ts', 'const t = process.hrtime.bigint();'],
    ['main/engine/x.ts', 'const d = new Date(undefined as unknown as number);'],
    ['main/engine/x.ts', "const t = Date['now']();"],
    ['main/engine/x.ts', 'const w = window;'],
  ])('%s refuses: %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['main/engine/x.ts', "import fs from 'node:fs';"],
    ['main/engine/x.ts', "import { channels } from '../contract';"],
    ['main/contract/x.ts', "import { z } from 'zod';"],
    ['renderer/pages/x.ts', "import { channels } from '../../main/contract';"],
    ['renderer/pages/x.ts', "import { createChart } from 'lightweight-charts';"],
    ['preload/x.ts', "import { contextBridge } from 'electron';"],
    ['preload/x.ts', "import { isChannelName } from '../main/contract/names';"],
    ['preload/x.ts', "import { createBridge } from './bridge';"],
    ['electron/x.ts', "import { startEngine } from '../main/engine';"],
    ['main/engine/x.ts', "import { createTaskRunner } from '../workers/runner';"],
    ['main/workers/x.ts', "import { openDb } from '../store/db';"],
    ['main/core/x.ts', "import { ErrorCode } from '../contract/errors';"],
    ['main/engine/x.ts', 'const d = new Date(0).toISOString();'],
    ['main/core/clock.ts', 'const t = Date.now();'],
    ['main/engine/x.test.ts', 'setTimeout(() => {}, 5);'],
    ['main/workers/testing/x.ts', 'const t = performance.now();'],
    ['main/cli.ts', 'setTimeout(() => {}, 5);'],
    ['main/engine/x.ts', 'const d = new Date(clock.now());'],
  ])('%s allows: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
