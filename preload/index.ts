// Preload (sandboxed, bundled to one CommonJS file): exposes the contract bridge as `window.keel`.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('keel', createBridge(ipcRenderer));
