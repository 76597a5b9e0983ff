import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const root = __dirname;

export default defineConfig({
  // One main build holds three entries: the Electron app, the headless CLI (`keel serve`, plain
  // Node, never loads electron) and the worker-thread entry for heavy engine work.
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main.ts'),
          cli: resolve(root, 'main/cli.ts'),
          worker: resolve(root, 'main/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything but electron into it.
      externalizeDeps: false,
      // Sandboxed preloads must be a single CommonJS file.
      rollupOptions: { input: { index: resolve(root, 'preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
