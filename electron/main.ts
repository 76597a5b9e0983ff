// Electron main entry (built to out/main/index.js). Kept to the wiring; see desktop-app.ts.
import { simTrading } from '../main/brokers/sim/setup';
import { startEngine } from '../main/engine';
import { runDesktopApp } from './desktop-app';

runDesktopApp({
  startEngine,
  mainDir: __dirname,
  argv: process.argv.slice(1),
  trading: simTrading({}),
});
