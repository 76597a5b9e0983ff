import { topicId, type Envelope, type EventFrame, type Topic } from '../contract';
import { type Engine, type EngineOptions, type EventStream } from '../engine/types';

/** An Engine that records what the shell asks of it; the real engine has its own tests. */
export class FakeEngine implements Engine {
  readonly calls: Array<{ channel: string; request: unknown; signal: AbortSignal | undefined }> = [];
  /** Open event streams with the topics each holds. */
  readonly streams = new Set<{ topics: Set<string>; send: (frame: EventFrame) => void }>();
  closeCount = 0;
  /** Makes dispatch throw, to test the shell's last-resort envelope. */
  dispatchError: Error | null = null;
  /** Makes dispatch wait for this before answering, to test cancellation. */
  hold: Promise<void> | null = null;
  /** What dispatch answers; by default an echo of the call. */
  reply: Envelope<unknown> | null = null;

  constructor(readonly dataDir = '/tmp/keel-fake-engine') {}

  async dispatch(
    channel: string,
    request: unknown,
    options: { signal?: AbortSignal } = {},
  ): Promise<Envelope<unknown>> {
    this.calls.push({ channel, request, signal: options.signal });
    if (this.dispatchError) throw this.dispatchError;
    if (this.hold) await this.hold;
    return this.reply ?? { ok: true, data: { channel, request } };
  }

  openEvents(send: (frame: EventFrame) => void): EventStream {
    const stream = { topics: new Set<string>(), send };
    this.streams.add(stream);
    return {
      subscribe: (topics: readonly Topic[]) => topics.forEach((t) => stream.topics.add(topicId(t))),
      unsubscribe: (topics: readonly Topic[]) => topics.forEach((t) => stream.topics.delete(topicId(t))),
      close: () => this.streams.delete(stream),
    };
  }

  /** Pushes a frame to the streams subscribed to it, as the real engine does. */
  emit(event: string, payload: unknown, key?: string): void {
    const frame: EventFrame = key === undefined ? { event, payload } : { event, key, payload };
    for (const s of this.streams) {
      if (s.topics.has(event) || (key !== undefined && s.topics.has(topicId({ event, key })))) s.send(frame);
    }
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
