import { describe, expect, it } from 'vitest';
import { newYorkTime } from '../domain/calendar';
import { Rng } from '../domain/rng';
import { scaleToLevels, simulateMinuteBars, type DayBar } from './prices';

const day = (date: string): DayBar => ({ date, open: 100, high: 102, low: 99, close: 101, volume: 1e6 });

describe('demo prices', () => {
  it('makes 390 one-minute bars on a full session and 210 on an early close, none after the bell', () => {
    const full = simulateMinuteBars(day('2025-07-02'), new Rng(1)).minutes;
    expect(full).toHaveLength(390);
    expect(full.at(-1)!.ts).toBe(newYorkTime('2025-07-02', 15 * 60 + 59));
    const half = simulateMinuteBars(day('2025-07-03'), new Rng(1)).minutes;
    expect(half).toHaveLength(210);
    expect(half[0]!.ts).toBe(newYorkTime('2025-07-03', 9 * 60 + 30));
    expect(half.at(-1)!.ts).toBe(newYorkTime('2025-07-03', 12 * 60 + 59));
  });

  it('scales a series so its close on the chosen bar is the symbol level, keeping its shape', () => {
    const bars = new Map([
      [
        'XYZ',
        [
          { ...day('2024-04-30'), open: 40, high: 44, low: 39, close: 42 },
          { ...day('2024-05-01'), open: 42, high: 52, low: 41, close: 50 },
        ],
      ],
    ]);
    scaleToLevels(bars, [{ symbol: 'XYZ', price: 100, beta: 1, vol: 0, alpha: 0 }], 1);
    expect(bars.get('XYZ')).toEqual([
      { ...day('2024-04-30'), open: 80, high: 88, low: 78, close: 84 },
      { ...day('2024-05-01'), open: 84, high: 104, low: 82, close: 100 },
    ]);
  });
});
