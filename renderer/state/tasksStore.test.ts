import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeelClient, TaskInfo } from '../../main/contract';
import { sampleTaskInfo } from '../../main/contract/testing/samples';
import { setApi } from '../api/client';
import {
  DONE_LINGER_MS,
  onTaskDone,
  percentDone,
  taskLabel,
  useTasksStore,
  visibleTasks,
} from './tasksStore';

const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 14, 30, s)).toISOString();
const task = (id: string, over: Partial<TaskInfo> = {}) => sampleTaskInfo(id, { updatedAt: at(1), ...over });

beforeEach(() => {
  vi.useFakeTimers();
  useTasksStore.setState({ tasks: {} });
  onTaskDone(() => {});
});
afterEach(() => vi.useRealTimers());

describe('the tasks store', () => {
  it('keeps the newest state of each task, whatever order events and lists arrive in', () => {
    const { apply } = useTasksStore.getState();
    apply(task('t1', { done: 5, total: 10, updatedAt: at(5) }));
    apply(task('t1', { done: 2, total: 10, updatedAt: at(2) }));
    expect(useTasksStore.getState().tasks.t1?.done).toBe(5);
    apply(task('t1', { done: 7, total: 10, updatedAt: at(7) }));
    expect(useTasksStore.getState().tasks.t1?.done).toBe(7);
  });

  it('says once when a task finishes, and lets it go after a moment', () => {
    const done = vi.fn();
    onTaskDone(done);
    const { apply } = useTasksStore.getState();
    apply(task('t2', { state: 'running', updatedAt: at(1) }));
    apply(task('t2', { state: 'done', done: 1, total: 1, updatedAt: at(2) }));
    apply(task('t2', { state: 'done', done: 1, total: 1, updatedAt: at(3) }));
    expect(done).toHaveBeenCalledTimes(1);
    expect(done.mock.calls[0]![0]).toMatchObject({ id: 't2', state: 'done' });
    vi.advanceTimersByTime(DONE_LINGER_MS - 1);
    expect(useTasksStore.getState().tasks.t2).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(useTasksStore.getState().tasks.t2).toBeUndefined();
  });

  it('loads what is under way, skipping finished tasks and those put away', async () => {
    const list = [
      task('a', { state: 'running' }),
      task('b', { state: 'done' }),
      task('c', { state: 'failed', error: 'x' }),
    ];
    setApi({ call: async () => list, on: () => () => {} } as unknown as KeelClient);
    await useTasksStore.getState().load();
    expect(Object.keys(useTasksStore.getState().tasks).sort()).toEqual(['a', 'c']);
    useTasksStore.getState().dismiss('c');
    await useTasksStore.getState().load();
    expect(Object.keys(useTasksStore.getState().tasks)).toEqual(['a']);
    useTasksStore.getState().apply(task('c', { state: 'failed', updatedAt: at(9) }));
    expect(useTasksStore.getState().tasks.c).toBeUndefined();
  });

  it('keeps what it has when the list cannot be loaded', async () => {
    useTasksStore.getState().apply(task('kept'));
    setApi({
      call: async () => Promise.reject(new Error('offline')),
      on: () => () => {},
    } as unknown as KeelClient);
    await useTasksStore.getState().load();
    expect(Object.keys(useTasksStore.getState().tasks)).toEqual(['kept']);
  });
});

describe('showing a task', () => {
  it('in whole percent, never above 100, and unknown before it says how much there is', () => {
    expect(percentDone(task('x', { done: 1, total: 3 }))).toBe(33);
    expect(percentDone(task('x', { done: 2, total: 3 }))).toBe(66);
    expect(percentDone(task('x', { done: 5, total: 3 }))).toBe(100);
    expect(percentDone(task('x', { done: null, total: null }))).toBeNull();
    expect(percentDone(task('x', { done: 0, total: 0 }))).toBeNull();
    expect(percentDone(task('x', { state: 'done', done: null, total: null }))).toBe(100);
  });

  it('oldest first, with a readable name', () => {
    const tasks = {
      late: task('late', { queuedAt: at(9) }),
      early: task('early', { queuedAt: at(1) }),
    };
    expect(visibleTasks(tasks).map((t) => t.id)).toEqual(['early', 'late']);
    expect(taskLabel('demo.generate')).toBe('Preparing the demo book');
    expect(taskLabel('sync.dynamodb')).toBe('sync.dynamodb');
  });
});
