import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { startKeel, type KeelServer } from './keel-server';

const SHOTS = 'test-results/screenshots';
let keel: KeelServer;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  keel = await startKeel();
  // A first start makes the demo book (seconds; longer on a loaded machine): wait for it here,
  // so each test times only what it tests. accounts.list answers once trading has started.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await fetch(`${keel.origin}/api/accounts.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keel.token}`, 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => null);
    if (r?.ok && ((await r.json()) as { ok: boolean }).ok) break;
    if (Date.now() > deadline) throw new Error('the demo book was not ready within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});
test.afterAll(async () => {
  await keel.stop();
});

test('a market order placed from the ticket fills at the simulated broker and shows everywhere', async ({
  page,
}) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
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
  const money = (t: string | null) => Number((t ?? '').replace(/[$,]/g, ''));
  const cashBefore = money(await page.getByTestId('balance-cash').textContent());
  await page.getByTestId('ticket-symbol').fill('SPY');
  await page.getByTestId('ticket-qty').fill('5');
  await expect(page.getByTestId('ticket-estimate')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await page.getByTestId('ticket-qty').press('Enter'); // the keyboard sends it
  await expect(page.getByTestId('ticket-result')).toContainText(/Bought 5 of 5 SPY: filled at \$/, {
    timeout: 10_000,
  });
  await expect(page.getByTestId('recent-orders').locator('tbody tr').first()).toContainText('filled');
  await expect(page.getByTestId('recent-fills').locator('tbody tr').first()).toContainText('SPY');
  // The account summary moved with the fill: cash less the shares and the fees.
  const fill = page.getByTestId('recent-fills').locator('tbody tr').first().locator('td');
  const price = money(await fill.nth(4).textContent());
  const fee = money(await fill.nth(5).textContent());
  await expect
    .poll(async () => money(await page.getByTestId('balance-cash').textContent()))
    .toBeCloseTo(cashBefore - 5 * price - fee, 2);
  const after = await page
    .getByTestId('live-positions')
    .locator('tr[data-symbol="SPY"] td')
    .nth(1)
    .textContent();
  const held = Number((before ?? '0').replace(/,/g, '')) + 5;
  expect(Number(after!.replace(/,/g, ''))).toBe(held);
  await page.screenshot({ path: `${SHOTS}/trading.png`, fullPage: true });

  // Portfolio shows the same position, reloaded from the pushed fill.
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  const spyPosition = page.locator('[data-testid="position-row"][data-symbol="SPY"] td').nth(1);
  await expect
    .poll(async () => Number(((await spyPosition.textContent()) ?? '').replace(/,/g, '')), {
      timeout: 20_000,
    })
    .toBe(held);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
  await expect(page.getByTestId('order-ticket')).toBeVisible({ timeout: 20_000 });

  // A refusal comes back with the broker's reason and changes nothing.
  await page.getByTestId('ticket-qty').fill('1000000');
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('ticket-error')).toContainText(/insufficient buying power/i);
  await page.screenshot({ path: `${SHOTS}/trading-refused.png`, fullPage: true });
});

test('a resting limit order is replaced from the blotter, then cancelled', async ({ page }) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
  await expect(page.getByTestId('order-ticket')).toBeVisible({ timeout: 20_000 });
  // The account trades through the simulated broker: marked as demo, not live.
  await expect(page.getByTestId('trading-mode-badge')).toHaveText('DEMO');
  await expect(page.getByTestId('trading-live-badge')).toHaveCount(0);
  await page.getByTestId('ticket-type').selectOption('limit');
  await page.getByTestId('ticket-tif').selectOption('gtc');
  await page.getByTestId('ticket-qty').fill('3');
  await page.getByTestId('ticket-limit').fill('5.00'); // far below the market: it rests
  await page.getByTestId('ticket-limit').press('Enter');
  const open = page.getByTestId('open-orders');
  await expect(open.locator('tbody tr')).toHaveCount(1, { timeout: 10_000 });
  await expect(open.locator('tbody tr').first()).toContainText('5.00');

  await open.getByTestId('replace-order').click();
  const form = page.getByTestId('replace-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('replace-qty')).toHaveValue('3');
  await page.getByTestId('replace-limit').fill('6.25');
  await page.screenshot({ path: `${SHOTS}/trading-replace.png`, fullPage: true });
  await page.getByTestId('replace-limit').press('Enter');
  await expect(form).toHaveCount(0);
  // One working order again, at the new price; the old one ended as replaced.
  await expect(open.locator('tbody tr')).toHaveCount(1);
  await expect(open.locator('tbody tr').first()).toContainText('6.25');
  await expect(page.getByTestId('recent-orders').locator('tr[data-status="replaced"]').first()).toContainText(
    '5.00',
  );

  await open.getByTestId('cancel-order').click();
  await expect(page.getByText('No working orders.')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('recent-orders').locator('tbody tr').first()).toContainText('canceled');
});

test('the simulated market’s hours switch in Settings, and every page says which', async ({ page }) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await expect(page.getByTestId('sim-market-badge')).toHaveText('SIM MARKET · ALWAYS OPEN', {
    timeout: 20_000,
  });
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = page.getByTestId('sim-market-settings');
  await expect(panel).toContainText('Set for this run by --sim-market');
  await page.getByTestId('sim-market-sessions').click();
  await expect(page.getByTestId('sim-market-badge')).toHaveText('SIM MARKET · NYSE HOURS');
  await expect(page.getByTestId('sim-market-sessions')).toHaveAttribute('aria-checked', 'true');
  await page.screenshot({ path: `${SHOTS}/settings-market-hours.png`, fullPage: true });
  // Saved: a reload shows it, and the engine answers it.
  await page.reload();
  await expect(page.getByTestId('sim-market-badge')).toHaveText('SIM MARKET · NYSE HOURS', {
    timeout: 20_000,
  });
  // Back to always open, for the other tests of this server.
  await page.getByTestId('sim-market-always').click();
  await expect(page.getByTestId('sim-market-badge')).toHaveText('SIM MARKET · ALWAYS OPEN');
});

test('a live account is marked LIVE and its orders wait for the typed symbol', async ({ page }) => {
  // No live broker can be reached from the tests: the engine's answers for a live Alpaca account
  // are stood in for at the network layer; the page under test is the real one.
  const LIVE = 'alpaca-live-1';
  const placed: unknown[] = [];
  const replaced: unknown[] = [];
  const resting = {
    id: 'live-ord-1',
    accountId: LIVE,
    clientOrderId: 'k-live-1',
    brokerOrderId: 'alp-1',
    symbol: 'AAPL',
    assetClass: 'us_equity',
    side: 'buy',
    positionEffect: null,
    type: 'limit',
    timeInForce: 'gtc',
    orderClass: 'simple',
    qty: '10',
    filledQty: '0',
    avgFillPrice: null,
    limitPrice: '150',
    stopPrice: null,
    trailPrice: null,
    trailPercent: null,
    extendedHours: false,
    status: 'new',
    source: 'manual',
    parentOrderId: null,
    replacesOrderId: null,
    replacedByOrderId: null,
    rejectReason: null,
    submittedAt: '2026-12-03T15:00:00.000Z',
    updatedAt: '2026-12-03T15:00:00.000Z',
  };
  await page.route('**/api/**', async (route) => {
    const channel = new URL(route.request().url()).pathname.replace('/api/', '');
    const body = (route.request().postDataJSON() ?? {}) as { accountId?: string };
    if (channel === 'accounts.list' || (channel === 'accounts.activate' && body.accountId === LIVE)) {
      const real = await (
        await route.fetch(
          channel === 'accounts.list'
            ? {}
            : { url: route.request().url().replace('accounts.activate', 'accounts.list'), postData: '{}' },
        )
      ).json();
      const activating = channel === 'accounts.activate';
      const live = {
        id: LIVE,
        name: 'Main brokerage',
        broker: 'alpaca',
        mode: 'live',
        currency: 'USD',
        active: activating,
        // Its quotes are the broker's own: simulated prices must never show beside it.
        trading: { ...real.data[0].trading, live: true, quoteFeed: 'alpaca' },
      };
      const others = real.data.map((a: { active: boolean }) => ({
        ...a,
        active: activating ? false : a.active,
      }));
      return route.fulfill({ json: { ok: true, data: [...others, live] } });
    }
    if (body.accountId !== LIVE && (body as { orderId?: string }).orderId !== resting.id)
      return route.continue();
    const answers: Record<string, unknown> = {
      'account.balances': {
        accountId: LIVE,
        equity: '250000',
        cash: '50000',
        buyingPower: '100000',
        longMarketValue: '200000',
        shortMarketValue: '0',
        daytradeCount: 0,
        patternDayTrader: false,
        tradingBlocked: false,
      },
      'orders.list': [resting],
      'fills.list': [],
      'positions.list': [],
      'quotes.subscribe': [],
    };
    if (channel === 'orders.replace' && (body as { orderId?: string }).orderId === resting.id) {
      replaced.push(body);
      return route.fulfill({ json: { ok: false, error: { code: 'unavailable', message: 'stood in' } } });
    }
    if (channel === 'orders.place') {
      placed.push(body);
      return route.fulfill({ json: { ok: false, error: { code: 'unavailable', message: 'stood in' } } });
    }
    return route.fulfill({ json: { ok: true, data: answers[channel] ?? [] } });
  });
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
  await expect(page.getByTestId('order-ticket')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('account-switcher').selectOption(LIVE);
  await expect(page.getByTestId('trading-live-badge')).toHaveText('LIVE');
  // The frame shows the account being traded too.
  await expect(page.getByTestId('account-mode')).toHaveText('LIVE');
  await expect(page.getByTestId('trading-page')).toHaveClass(/trading-live/);
  await expect(page.getByTestId('ticket-send')).toHaveText(/^LIVE · Buy/);
  // No simulated quote reaches the live account's page, even while the simulated market ticks.
  await page.waitForTimeout(1_500);
  await expect(page.getByTestId('quotes-table').locator('tbody tr')).toHaveCount(0);

  // Replacing a live order needs the typed symbol too.
  await page.getByTestId('open-orders').getByTestId('replace-order').click();
  await page.getByTestId('replace-limit').fill('151');
  await page.getByTestId('replace-limit').press('Enter');
  await expect(page.getByTestId('replace-send')).toBeDisabled();
  expect(replaced).toEqual([]);
  await page.getByTestId('replace-confirm').fill('AAPL');
  await page.getByTestId('replace-confirm').press('Enter');
  await expect.poll(() => replaced.length).toBe(1);
  expect(replaced[0]).toEqual({ orderId: resting.id, limitPrice: '151' });
  await page.getByTestId('replace-confirm').press('Escape');

  await page.getByTestId('ticket-qty').fill('2');
  await page.getByTestId('ticket-qty').press('Enter');
  const confirm = page.getByTestId('live-confirm');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('live-confirm-order')).toContainText('Buy 2 SPY at market, DAY');
  await expect(page.getByTestId('live-confirm-send')).toBeDisabled();
  // A reflexive Enter, or the wrong symbol, sends nothing.
  await page.getByTestId('live-confirm-input').press('Enter');
  await page.getByTestId('live-confirm-input').fill('QQQ');
  await page.getByTestId('live-confirm-input').press('Enter');
  expect(placed).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/trading-live-confirm.png`, fullPage: true });
  // Escape goes back with the order unsent.
  await page.getByTestId('live-confirm-input').press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(placed).toEqual([]);

  await page.getByTestId('ticket-qty').press('Enter');
  await page.getByTestId('live-confirm-input').fill('spy');
  await page.getByTestId('live-confirm-input').press('Enter');
  await expect.poll(() => placed.length).toBe(1);
  expect(placed[0]).toMatchObject({ accountId: LIVE, symbol: 'SPY', side: 'buy', qty: '2', type: 'market' });
  await expect(page.getByTestId('ticket-error')).toContainText('stood in');
});

test('a bracket from the ticket fills its entry and leaves both exits working; cancelling one ends both', async ({
  page,
}) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
  await expect(page.getByTestId('order-ticket')).toBeVisible({ timeout: 20_000 });
  const ask = Number(
    (
      (await page
        .getByTestId('quotes-table')
        .locator('tbody tr')
        .first()
        .locator('td')
        .nth(2)
        .textContent()) ?? ''
    ).replace(/[$,]/g, ''),
  );
  expect(ask).toBeGreaterThan(100);
  await page.getByTestId('ticket-class').selectOption('bracket');
  await page.getByTestId('ticket-qty').fill('4');
  // Far from the market, so neither exit trades during the test.
  await page.getByTestId('ticket-take-profit').fill((ask * 1.5).toFixed(2));
  await page.getByTestId('ticket-stop-loss').fill((ask * 0.5).toFixed(2));
  await page.screenshot({ path: `${SHOTS}/trading-bracket-ticket.png`, fullPage: true });
  await page.getByTestId('ticket-stop-loss').press('Enter');
  const open = page.getByTestId('open-orders');
  // The entry filled at market; its two exits now work for the 4 shares.
  await expect(open.locator('tbody tr')).toHaveCount(2, { timeout: 10_000 });
  await expect(open.locator('tbody tr').filter({ hasText: 'limit' })).toContainText((ask * 1.5).toFixed(2));
  await expect(open.locator('tbody tr').filter({ hasText: 'stop' }).first()).toContainText(
    (ask * 0.5).toFixed(2),
  );
  await page.screenshot({ path: `${SHOTS}/trading-bracket-legs.png`, fullPage: true });
  await open.locator('tbody tr').first().getByTestId('cancel-order').click();
  await expect(page.getByText('No working orders.')).toBeVisible({ timeout: 10_000 });
});

test('an option is bought to open from the ticket and sold to close, at 100 shares a contract', async ({
  page,
}) => {
  await page.goto(`${keel.origin}/#token=${keel.token}`);
  await page.getByRole('link', { name: 'Trading', exact: true }).click();
  await expect(page.getByTestId('order-ticket')).toBeVisible({ timeout: 20_000 });
  // A call near the money, expiring 18 December 2026.
  const spyBid = Number(
    (
      (await page
        .getByTestId('quotes-table')
        .locator('tbody tr')
        .first()
        .locator('td')
        .nth(1)
        .textContent()) ?? ''
    ).replace(/[$,]/g, ''),
  );
  const strike = Math.round(spyBid / 5) * 5;
  const contract = `SPY261218C${String(strike * 1000).padStart(8, '0')}`;
  await page.getByTestId('ticket-asset-us_option').click();
  await page.getByTestId('ticket-symbol').fill(contract);
  await page.getByTestId('ticket-intent').selectOption('open');
  await page.getByTestId('ticket-qty').fill('1');
  // Its quote is fetched for the contract named; a contract costs 100 times its price.
  await expect(page.getByTestId('ticket-estimate')).toHaveText(/^\$[\d,]+\.\d\d$/, { timeout: 10_000 });
  const estimate = Number(
    ((await page.getByTestId('ticket-estimate').textContent()) ?? '').replace(/[$,]/g, ''),
  );
  const ask = Number(
    ((await page.getByTestId('ticket-preview').locator('dd').first().textContent()) ?? '')
      .split('/')[1]!
      .replace(/[$,\s]/g, ''),
  );
  expect(ask).toBeGreaterThan(1); // near the money, two weeks out
  expect(estimate).toBeCloseTo(ask * 100, 2);
  await page.screenshot({ path: `${SHOTS}/trading-option-ticket.png`, fullPage: true });
  await page.getByTestId('ticket-qty').press('Enter');
  await expect(page.getByTestId('ticket-result')).toContainText(`Bought 1 of 1 ${contract}: filled`, {
    timeout: 10_000,
  });
  const row = page.getByTestId('live-positions').locator(`tr[data-symbol="${contract}"]`);
  await expect(row).toBeVisible({ timeout: 10_000 });

  await page.getByTestId('ticket-sell').click();
  await page.getByTestId('ticket-intent').selectOption('close');
  await page.getByTestId('ticket-qty').fill('1');
  await page.getByTestId('ticket-qty').press('Enter');
  await expect(page.getByTestId('ticket-result')).toContainText(`Sold 1 of 1 ${contract}: filled`, {
    timeout: 10_000,
  });
  await expect(row).toHaveCount(0, { timeout: 10_000 });
  // Selling to close what is no longer held is refused with the broker's reason.
  await page.getByTestId('ticket-qty').fill('1');
  await page.getByTestId('ticket-qty').press('Enter');
  await expect(page.getByTestId('ticket-error')).toContainText(/insufficient qty/i);
});
