import { ManualClock } from '../../core/testing/manual-clock';
import { createExecutors } from '../../engine/executors';
import { createStore, openDb } from '../../store';
import { insertAccount, tempDb } from '../../store/testing/db';
import { createTaskRunner } from '../../workers/runner';
import { SqliteVenueStore, simVenueTasks } from './sqlite-venue';
import { brokerConformance } from '../testing/conformance';
import { SimBroker } from './broker';
import { ManualMarket } from './testing/manual-market';
import { MemoryVenueStore } from './venue';

brokerConformance('simulated broker', async () => {
  const clock = new ManualClock();
  const market = new ManualMarket(() => clock.now());
  const store = new MemoryVenueStore();
  const startingCash = 100_000_000_000n;
  const make = () => new SimBroker({ accountId: 'sim-1', clock, market, store, startingCash });
  let broker = make();
  const harness = {
    get broker() {
      return broker;
    },
    startingCash,
    async quote(symbol: string, bid: string, ask: string, size = 1_000) {
      const micros = (d: string) => BigInt(Math.round(Number(d) * 1e6));
      clock.advance(100);
      market.set(symbol, micros(bid), micros(ask), size);
    },
    async phase(phase: 'pre' | 'regular' | 'post' | 'closed') {
      market.setPhase(phase);
    },
    async dropStream() {
      broker.dropStreams();
    },
    async reconnectStream() {
      broker.reconnectStreams();
    },
    async restart() {
      await broker.close();
      broker = make();
      return broker;
    },
    async settle() {},
    async close() {
      await broker.close();
    },
  };
  return harness;
});

// The same venue keeping its state in SQLite, as the app runs it: a restart reads it back.
brokerConformance('simulated broker, venue in SQLite', async () => {
  const env = tempDb();
  insertAccount(env.db, 'sim-1');
  const clock = new ManualClock();
  const market = new ManualMarket(() => clock.now());
  // The writer: closed and opened again across a restart, as when Keel restarts.
  const openWriter = () => {
    const executors = createExecutors({ registry: simVenueTasks, dataDir: env.dir, clock, lockWaitMs: 500 });
    const runner = createTaskRunner({ registry: simVenueTasks, executors: executors.lanes, clock });
    return {
      runner,
      async close() {
        await runner.close();
        executors.dispose();
      },
    };
  };
  let writer = openWriter();
  const reader = createStore(openDb(env.dir, { readonly: true }));
  const startingCash = 100_000_000_000n;
  const make = () =>
    new SimBroker({
      accountId: 'sim-1',
      clock,
      market,
      store: new SqliteVenueStore('sim-1', reader, writer.runner),
      startingCash,
    });
  let broker = make();
  return {
    get broker() {
      return broker;
    },
    startingCash,
    async quote(symbol: string, bid: string, ask: string, size = 1_000) {
      const micros = (d: string) => BigInt(Math.round(Number(d) * 1e6));
      clock.advance(100);
      market.set(symbol, micros(bid), micros(ask), size);
    },
    async phase(phase: 'pre' | 'regular' | 'post' | 'closed') {
      market.setPhase(phase);
    },
    async dropStream() {
      broker.dropStreams();
    },
    async reconnectStream() {
      broker.reconnectStreams();
    },
    async restart() {
      await broker.close();
      await writer.close(); // everything queued is on disk
      writer = openWriter();
      broker = make();
      return broker;
    },
    async settle() {
      await new Promise((r) => setTimeout(r, 5));
    },
    async close() {
      await broker.close();
      await writer.close();
      reader.db.close();
      env.cleanup();
    },
  };
});
