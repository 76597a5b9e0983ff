import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderStatus } from '../brokers/types';
import { insertAccount, T0, tempDb } from '../store/testing/db';
import { appendOrderEvent, rebuildOrders, type JournalEvent, type JournalKind } from './journal';

const SHARE = 1_000_000_000n;

function insertOrder(env: ReturnType<typeof tempDb>, id: string): void {
  env.db
    .prepare(
      `INSERT INTO orders (id, account_id, client_order_id, symbol, side, type, qty, status, source, submitted_at, updated_at)
       VALUES (?, 'acct-1', ?, 'SPY', 'buy', 'limit', ?, 'pending_new', 'manual', ?, ?)`,
    )
    .run(id, `c-${id}`, 100n * SHARE, T0, T0);
}

function event(
  orderId: string,
  at: number,
  kind: JournalKind,
  status: OrderStatus,
  over: Partial<JournalEvent> = {},
): JournalEvent {
  return { orderId, at, kind, status, filledQty: 0n, avgFillPrice: null, origin: 'sim', ...over };
}

function row(env: ReturnType<typeof tempDb>, id: string) {
  return env.db
    .prepare(
      'SELECT status, filled_qty, avg_fill_price, broker_order_id, replaced_by_order_id, reject_reason, updated_at FROM orders WHERE id = ?',
    )
    .safeIntegers()
    .get(id);
}

describe('order journal', () => {
  let env: ReturnType<typeof tempDb>;
  afterEach(() => env.cleanup());

  function setup(...ids: string[]) {
    env = tempDb();
    insertAccount(env.db);
    for (const id of ids) insertOrder(env, id);
  }

  it('folds each event into the order row: broker id, fills, final state', () => {
    setup('o1');
    appendOrderEvent(env.db, event('o1', T0 + 1, 'new', 'new', { brokerOrderId: 'B-1' }));
    appendOrderEvent(
      env.db,
      event('o1', T0 + 2, 'partial_fill', 'partially_filled', {
        filledQty: 40n * SHARE,
        avgFillPrice: 500_010_000n,
        executionId: 'x1',
      }),
    );
    appendOrderEvent(
      env.db,
      event('o1', T0 + 3, 'fill', 'filled', {
        filledQty: 100n * SHARE,
        avgFillPrice: 500_016_000n,
        executionId: 'x2',
      }),
    );
    expect(row(env, 'o1')).toEqual({
      status: 'filled',
      filled_qty: 100n * SHARE,
      avg_fill_price: 500_016_000n,
      broker_order_id: 'B-1',
      replaced_by_order_id: null,
      reject_reason: null,
      updated_at: BigInt(T0 + 3),
    });
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('keeps the rejection reason and the replacement link', () => {
    setup('o1', 'o2', 'o3');
    appendOrderEvent(
      env.db,
      event('o1', T0 + 1, 'rejected', 'rejected', { message: 'insufficient buying power' }),
    );
    appendOrderEvent(env.db, event('o2', T0 + 1, 'new', 'new'));
    appendOrderEvent(env.db, event('o2', T0 + 2, 'replaced', 'replaced', { relatedOrderId: 'o3' }));
    appendOrderEvent(env.db, event('o3', T0 + 2, 'new', 'new'));
    expect(row(env, 'o1')).toMatchObject({ status: 'rejected', reject_reason: 'insufficient buying power' });
    expect(row(env, 'o2')).toMatchObject({ status: 'replaced', replaced_by_order_id: 'o3' });
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('finds a row that disagrees with its journal, and rebuilds it from the events', () => {
    setup('o1', 'o2');
    appendOrderEvent(env.db, event('o1', T0 + 1, 'new', 'new'));
    appendOrderEvent(env.db, event('o2', T0 + 1, 'new', 'new'));
    appendOrderEvent(env.db, event('o2', T0 + 5, 'canceled', 'canceled'));
    env.db.prepare("UPDATE orders SET status = 'filled', filled_qty = 1 WHERE id = 'o2'").run();
    expect(rebuildOrders(env.db)).toEqual(['o2']);
    expect(rebuildOrders(env.db, true)).toEqual(['o2']);
    expect(row(env, 'o2')).toMatchObject({ status: 'canceled', filled_qty: 0n, updated_at: BigInt(T0 + 5) });
    expect(rebuildOrders(env.db)).toEqual([]);
  });

  it('reports an order with no events at all', () => {
    setup('o1');
    expect(rebuildOrders(env.db)).toEqual(['o1']);
  });

  it('equals the fold of its events for any sequence of events', () => {
    const kinds: [JournalKind, OrderStatus][] = [
      ['new', 'new'],
      ['partial_fill', 'partially_filled'],
      ['pending_cancel', 'pending_cancel'],
      ['canceled', 'canceled'],
      ['rejected', 'rejected'],
      ['replaced', 'replaced'],
      ['expired', 'expired'],
    ];
    setup();
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: kinds.length - 1 }),
            fc.option(fc.string({ minLength: 1, maxLength: 5 })),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (steps) => {
          const id = `p${n++}`;
          insertOrder(env, id);
          let filled = 0n;
          steps.forEach(([k, text], i) => {
            const [kind, status] = kinds[k]!;
            if (kind === 'partial_fill') filled += SHARE;
            appendOrderEvent(
              env.db,
              event(id, T0 + i, kind, status, {
                filledQty: filled,
                avgFillPrice: filled > 0n ? 100_000_000n + BigInt(i) : null,
                executionId: kind === 'partial_fill' ? `${id}-x${i}` : null,
                brokerOrderId: text && i % 2 === 0 ? `B-${id}-${text}` : null,
                message: text,
                relatedOrderId: kind === 'replaced' ? id : null,
              }),
            );
          });
          expect(rebuildOrders(env.db)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
