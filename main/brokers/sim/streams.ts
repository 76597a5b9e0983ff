/**
 * The simulated venue's order-updates stream: every change goes to each connected client with
 * the order as it is after it; a dropped client misses events until it reconnects (fault
 * injection for the reconciliation tests).
 */
import type { OrderUpdateHandlers, Subscription } from '../port';
import type { BrokerFill, BrokerOrder, OrderEventKind } from '../types';

interface StreamClient {
  handlers: OrderUpdateHandlers;
  connected: boolean;
}

export class OrderStream {
  private readonly clients = new Set<StreamClient>();

  subscribe(handlers: OrderUpdateHandlers): Subscription {
    const client: StreamClient = { handlers, connected: true };
    this.clients.add(client);
    handlers.state?.('live');
    return {
      close: () => {
        this.clients.delete(client);
        handlers.state?.('closed');
      },
    };
  }

  emit(kind: OrderEventKind, order: BrokerOrder, fill: BrokerFill | null): void {
    const at = fill?.at ?? order.updatedAt;
    const source = JSON.stringify({
      venue: 'sim',
      event: kind,
      order: order.brokerOrderId,
      execution: fill?.executionId ?? null,
    });
    for (const c of this.clients) {
      if (!c.connected) continue;
      c.handlers.update({
        kind,
        order: structuredClone(order),
        fill: fill ? structuredClone(fill) : null,
        at,
        source,
      });
    }
  }

  drop(): void {
    for (const c of this.clients) {
      c.connected = false;
      c.handlers.state?.('reconnecting');
    }
  }

  reconnect(): void {
    for (const c of this.clients) {
      c.connected = true;
      c.handlers.state?.('live');
    }
  }

  close(): void {
    for (const c of [...this.clients]) c.handlers.state?.('closed');
    this.clients.clear();
  }
}
