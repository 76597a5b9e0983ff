import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { startKeel, type KeelServer } from './keel-server';

const SHOTS = 'test-results/screenshots';
let keel: KeelServer;

test.beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  keel = await startKeel();
});
test.afterAll(async () => {
  await keel.stop();
});

test('a market order placed from the ticket fills at the simulated broker and shows everywhere', async ({
  page,
}) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading' }).click();
  await expect(page.getByTestId('trading-page')).toBeVisible({ timeout: 20_000 });
  // The always-open simulated market says so on every page.
  await expect(page.getByTestId('sim-market-badge')).toHaveText('SIM MARKET · ALWAYS OPEN');
  const quotes = page.getByTestId('quotes-table');
  // The watchlist and every held symbol.
  await expect.poll(() => quotes.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
  // Quotes tick: the SPY row changes within a few seconds.
  const spyRow = quotes.locator('tbody tr').first();
  const first = await spyRow.textContent();
  await expect.poll(async () => spyRow.textContent(), { timeout: 10_000 }).not.toBe(first);

  const before = await page
    .getByTestId('live-positions')
    .locator('tr[data-symbol="SPY"] td')
    .nth(1)
    .textContent();
  await page.getByTestId('ticket-symbol').fill('SPY');
  await page.getByTestId('ticket-qty').fill('5');
  await expect(page.getByTestId('ticket-estimate')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await page.getByTestId('ticket-qty').press('Enter'); // the keyboard sends it
  await expect(page.getByTestId('ticket-result')).toContainText(/Bought 5 of 5 SPY: filled at \$/, {
    timeout: 10_000,
  });
  await expect(page.getByTestId('recent-orders').locator('tbody tr').first()).toContainText('filled');
  await expect(page.getByTestId('recent-fills').locator('tbody tr').first()).toContainText('SPY');
  const after = await page
    .getByTestId('live-positions')
    .locator('tr[data-symbol="SPY"] td')
    .nth(1)
    .textContent();
  expect(Number(after!.replace(/,/g, ''))).toBe(Number((before ?? '0').replace(/,/g, '')) + 5);
  await page.screenshot({ path: `${SHOTS}/trading.png`, fullPage: true });

  // A refusal comes back with the broker's reason and changes nothing.
  await page.getByTestId('ticket-qty').fill('1000000');
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('ticket-error')).toContainText(/insufficient buying power/i);
  await page.screenshot({ path: `${SHOTS}/trading-refused.png`, fullPage: true });
});
