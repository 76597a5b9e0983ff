import { describe, expect, it } from 'vitest';
import { hashFor, PAGES, pageFromHash } from './pages';

describe('pages', () => {
  it('lists every planned page in navigation order', () => {
    expect(PAGES.map((p) => p.label)).toEqual([
      'Portfolio',
      'Projection',
      'Last Run',
      'Trades',
      'Strategies',
      'Execution Quality',
      'Symbols',
      'Hedging',
      'Charts',
      'Trading',
      'Safety',
      'Webhooks',
      'Data & Sync',
      'Settings',
    ]);
  });

  it('names the roadmap capability of every page not built yet', () => {
    for (const p of PAGES) if (!('built' in p)) expect(p.capability).toBeTruthy();
  });

  it('routes by hash', () => {
    expect(pageFromHash('#/trades')).toBe('trades');
    expect(pageFromHash('#/data-sync')).toBe('data-sync');
    expect(pageFromHash('#trades')).toBe('trades');
    expect(pageFromHash('#/nope')).toBeNull();
    expect(pageFromHash('')).toBeNull();
    expect(pageFromHash(hashFor('settings'))).toBe('settings');
  });
});
