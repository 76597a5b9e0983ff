import { events, type EventName, type EventPayload } from '../contract/channels';
import type { EventFrame } from '../contract/http';

/** In-process bus of pushed events; payloads are validated against the contract before fan-out. */
export class EventBus {
  private readonly listeners = new Set<(frame: EventFrame) => void>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload);
    for (const listener of [...this.listeners]) {
      try {
        listener({ event, payload: parsed });
      } catch {
        // A failing subscriber (e.g. a closed socket) must not stop the others.
      }
    }
  }

  subscribe(listener: (frame: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
