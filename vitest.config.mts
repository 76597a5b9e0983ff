import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // The desktop shell is tested against a fake electron module (the binary cannot run in CI).
    alias: { electron: fileURLToPath(new URL('./electron/testing/fake-electron.ts', import.meta.url)) },
  },
  test: {
    include: [
      'main/**/*.test.ts',
      'electron/**/*.test.ts',
      'preload/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    exclude: ['e2e/**', 'node_modules/**', 'out/**'],
    globalSetup: ['main/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
