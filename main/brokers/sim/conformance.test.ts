import { ManualClock } from '../../core/testing/manual-clock';
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
