import type { TaskName } from './tasks';

export interface WorkerInit {
  dataDir: string;
  sqliteBinding?: string;
}
export interface TaskMessage {
  id: number;
  task: TaskName;
  input: unknown;
}
export type ResultMessage =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; stack?: string };
