import { type Envelope, type EventFrame } from '../../main/contract';
import { type Engine, type EngineOptions } from '../../main/engine/types';

/** An Engine that records what the shell asks of it; the real engine has its own tests. */
export class FakeEngine implements Engine {
  readonly calls: Array<{ channel: string; request: unknown }> = [];
  readonly listeners = new Set<(frame: EventFrame) => void>();
  closeCount = 0;
  /** Makes dispatch throw, to test the shell's last-resort envelope. */
  dispatchError: Error | null = null;

  constructor(readonly dataDir = '/tmp/keel-fake-engine') {}

  async dispatch(channel: string, request: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ channel, request });
    if (this.dispatchError) throw this.dispatchError;
    return { ok: true, data: { channel, request } };
  }

  onEvent(listener: (frame: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners) listener({ event, payload });
  }

  async close(): Promise<void> {
    this.closeCount += 1;
  }
}

/** A startEngine stand-in that records its options and hands out one FakeEngine. */
export function fakeStartEngine(engine = new FakeEngine()) {
  const started: EngineOptions[] = [];
  const startEngine = async (options: EngineOptions): Promise<Engine> => {
    started.push(options);
    return engine;
  };
  return { engine, started, startEngine };
}
