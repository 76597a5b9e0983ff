import { events, isEventName, type EventName } from '../../main/contract';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser WebSocket this class uses (so tests can pass a fake). */
export interface SocketLike {
  readyState?: number;
  send(data: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface EventSocketOptions {
  url: string;
  protocols: string[];
  onStatus?: (status: SocketStatus) => void;
  /** After the socket came back from a drop: events may have been missed, so refetch. */
  onReconnected?: () => void;
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  /** Backoff: first delay and ceiling in ms; each failure doubles the delay (with jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

interface Listener {
  key: string | undefined;
  fn: (payload: unknown) => void;
}

const topicOf = (event: EventName, key: string | undefined) =>
  key === undefined ? event : `${event}\u0000${key}`;

/**
 * One shared WebSocket for every event subscriber, reconnecting with exponential backoff. The
 * server sends only the topics subscribed: the first listener of a topic subscribes it, the last
 * one to leave unsubscribes it, and after a reconnect every topic is subscribed again.
 */
export class EventSocket {
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private everOpened = false;
  private closed = false;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  /** Listeners per topic; a topic is subscribed on the server while it has any. */
  private readonly topics = new Map<string, { event: EventName; key: string | undefined; count: number }>();
  private isOpen = false;

  constructor(private readonly options: EventSocketOptions) {}

  subscribe(event: EventName, fn: (payload: unknown) => void, key?: string): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const listener: Listener = { key, fn };
    set.add(listener);
    const id = topicOf(event, key);
    const topic = this.topics.get(id);
    if (topic) topic.count++;
    else {
      this.topics.set(id, { event, key, count: 1 });
      this.sendTopics('subscribe', [{ event, key }]);
    }
    this.ensureOpen();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(listener);
      const t = this.topics.get(id);
      if (!t || --t.count > 0) return;
      this.topics.delete(id);
      this.sendTopics('unsubscribe', [{ event, key }]);
    };
  }

  private sendTopics(
    type: 'subscribe' | 'unsubscribe',
    topics: readonly { event: EventName; key: string | undefined }[],
  ): void {
    if (!this.isOpen || !this.socket || topics.length === 0) return;
    const list = topics.map((t) =>
      t.key === undefined ? { event: t.event } : { event: t.event, key: t.key },
    );
    try {
      this.socket.send(JSON.stringify({ type, topics: list }));
    } catch {
      // The socket is closing; every topic is sent again when it reopens.
    }
  }

  /** Stops for good (for example once the token was rejected). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.isOpen = false;
    socket?.close(1000, 'client closed');
    this.options.onStatus?.('closed');
  }

  /** Delay before the next attempt after `failures` consecutive failures. */
  nextDelay(failures: number): number {
    const min = this.options.minDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 15_000;
    const base = Math.min(max, min * 2 ** Math.max(0, failures - 1));
    const jitter = 0.5 + (this.options.random ?? Math.random)() * 0.5;
    return Math.round(base * jitter);
  }

  private ensureOpen(): void {
    if (this.closed || this.socket || this.retryTimer) return;
    this.connect();
  }

  private connect(): void {
    this.options.onStatus?.(this.everOpened ? 'reconnecting' : 'connecting');
    const create =
      this.options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols));
    let socket: SocketLike;
    try {
      socket = create(this.options.url, this.options.protocols);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const wasReconnect = this.everOpened;
      this.isOpen = true;
      this.sendTopics('subscribe', [...this.topics.values()]);
      this.failures = 0;
      this.everOpened = true;
      this.options.onStatus?.('open');
      if (wasReconnect) this.options.onReconnected?.();
    };
    socket.onmessage = (ev) => this.dispatch(ev.data);
    socket.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.isOpen = false;
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.failures += 1;
    this.options.onStatus?.(this.everOpened ? 'reconnecting' : 'connecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.connect();
    }, this.nextDelay(this.failures));
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: { event?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(data) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || !isEventName(frame.event)) return;
    const parsed = events[frame.event].safeParse(frame.payload);
    if (!parsed.success) {
      console.warn(`keel: ignored a malformed '${frame.event}' event`, parsed.error.issues);
      return;
    }
    const key =
      typeof (frame as { key?: unknown }).key === 'string' ? (frame as { key: string }).key : undefined;
    for (const listener of [...(this.listeners.get(frame.event) ?? [])]) {
      if (listener.key !== undefined && listener.key !== key) continue;
      try {
        listener.fn(parsed.data);
      } catch (err) {
        console.error(`keel: a '${frame.event}' listener failed`, err);
      }
    }
  }
}
