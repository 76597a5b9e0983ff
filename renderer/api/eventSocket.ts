import { events, isEventName, type EventName } from '../../main/contract';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The part of the browser WebSocket this class uses (so tests can pass a fake). */
export interface SocketLike {
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

type Listener = (payload: unknown) => void;

/** One shared WebSocket for every event subscriber, reconnecting with exponential backoff. */
export class EventSocket {
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private everOpened = false;
  private closed = false;
  private readonly listeners = new Map<EventName, Set<Listener>>();

  constructor(private readonly options: EventSocketOptions) {}

  subscribe(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    this.ensureOpen();
    return () => {
      set.delete(listener);
    };
  }

  /** Stops for good (for example once the token was rejected). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
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
    for (const listener of [...(this.listeners.get(frame.event) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (err) {
        console.error(`keel: a '${frame.event}' listener failed`, err);
      }
    }
  }
}
