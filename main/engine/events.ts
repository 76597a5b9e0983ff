import { eventKeys, events, type EventName, type EventPayload } from '../contract/channels';
import type { EventFrame } from '../contract/http';
import { MAX_TOPICS, topicId } from '../contract/topics';
import { EngineError } from '../core/errors';
import type { EventStream } from './types';

/**
 * In-process bus of pushed events. Payloads are validated against the contract before fan-out
 * (an invalid one throws at the emitter and reaches nobody), keyed events get their key, and a
 * listener that throws never stops the others.
 */
export class EventBus {
  private readonly listeners = new Set<(frame: EventFrame) => void>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload) as EventPayload<E>;
    const keyOf = eventKeys[event] as ((p: EventPayload<E>) => string) | undefined;
    const frame: EventFrame = keyOf
      ? { event, key: keyOf(parsed), payload: parsed }
      : { event, payload: parsed };
    for (const listener of [...this.listeners]) {
      try {
        listener(frame);
      } catch (err) {
        this.log(`an event listener failed on ${event}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** Every frame; returns the unsubscribe function. */
  listen(listener: (frame: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A stream that starts with no topics and delivers to `send` what matches them. */
  open(send: (frame: EventFrame) => void): EventStream {
    const topics = new Set<string>();
    const stop = this.listen((frame) => {
      if (
        topics.has(frame.event) ||
        (frame.key !== undefined && topics.has(topicId({ event: frame.event, key: frame.key })))
      )
        send(frame);
    });
    return {
      subscribe(list) {
        const next = new Set(topics);
        for (const t of list) next.add(topicId(t));
        if (next.size > MAX_TOPICS)
          throw new EngineError(
            'bad_request',
            `At most ${MAX_TOPICS} topics per client; unsubscribe from some first.`,
          );
        for (const t of list) topics.add(topicId(t));
      },
      unsubscribe(list) {
        for (const t of list) topics.delete(topicId(t));
      },
      close: stop,
    };
  }
}
