import type { TaskInfo } from '../schemas';

/** A valid task.progress payload for tests on either side of the contract. */
export function sampleTaskInfo(id: string, over: Partial<TaskInfo> = {}): TaskInfo {
  return {
    id,
    task: 'demo.generate',
    lane: 'write',
    state: 'running',
    done: 1,
    total: 2,
    message: null,
    error: null,
    queuedAt: '2026-01-05T14:30:00.000Z',
    updatedAt: '2026-01-05T14:30:01.000Z',
    ...over,
  };
}
