// Electron main entry (built to out/main/index.js). Kept to the wiring; see desktop-app.ts.
import { startEngine } from '../main/engine';
import { runDesktopApp } from './desktop-app';

runDesktopApp({ startEngine, mainDir: __dirname, argv: process.argv.slice(1) });
