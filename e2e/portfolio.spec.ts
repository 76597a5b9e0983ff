import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import WebSocket from 'ws';
import type { PortfolioSummary } from '../main/contract';
import { PAGES } from '../renderer/app/pages';
import { formatMoney, formatPercent, formatPrice, formatQty, formatRatio } from '../renderer/format';
import { startKeel, type KeelServer } from './keel-server';

const SHOTS = 'test-results/screenshots';
let keel: KeelServer;

test.beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  keel = await startKeel();
});
test.afterAll(async () => {
  const { code, stderr } = await keel.stop();
  // Ctrl-C closes the database cleanly.
  expect(code).toBe(0);
  expect(stderr).toMatch(/database closed cleanly/);
});

async function api<T>(channel: string, body: object = {}): Promise<T> {
  const res = await fetch(`${keel.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keel.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const envelope = (await res.json()) as { ok: boolean; data: T };
  expect(envelope.ok).toBe(true);
  return envelope.data;
}

async function openPortfolio(page: Page): Promise<void> {
  await page.goto(keel.url);
  await expect(page.getByTestId('metric-equity')).toBeVisible({ timeout: 20_000 });
}

test('every API call and the event stream need the token', async () => {
  const res = await fetch(`${keel.origin}/api/portfolio.summary`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(401);
  const wrong = await fetch(`${keel.origin}/api/app.info`, {
    method: 'POST',
    headers: { authorization: 'Bearer nope-nope-nope-nope' },
  });
  expect(wrong.status).toBe(401);
  const ws = new WebSocket(`${keel.origin.replace('http', 'ws')}/api/events`, ['keel.v1']);
  const status = await new Promise<number>((resolve) =>
    ws.on('unexpected-response', (_q, r) => resolve(r.statusCode ?? 0)),
  );
  expect(status).toBe(401);
});

test('the page without its access link says how to get in, and shows no figures', async ({ page }) => {
  await page.goto(keel.origin + '/');
  await expect(page.getByTestId('needs-access-link')).toContainText('keel serve');
  await expect(page.getByTestId('metric-equity')).toHaveCount(0);
});

test('Portfolio shows exactly the engine’s figures, from the demo book, labelled as demo', async ({
  page,
}) => {
  const s = await api<PortfolioSummary>('portfolio.summary');
  await openPortfolio(page);
  const expected: Record<string, string> = {
    'metric-equity': formatMoney(s.equity),
    'metric-total-pnl': formatMoney(s.totalPnl),
    'metric-day-pnl': formatMoney(s.dayPnl),
    'metric-net-deposits': formatMoney(s.netDeposits),
    'metric-cumulative-return': formatPercent(s.cumulativeReturn),
    'metric-sharpe': formatRatio(s.sharpe),
    'metric-max-drawdown': formatPercent(s.maxDrawdown),
    'metric-volatility': formatPercent(s.volatility),
    'metric-win-rate': formatPercent(s.winRate),
  };
  for (const [id, text] of Object.entries(expected)) await expect(page.getByTestId(id), id).toHaveText(text);
  // The figures are real: the demo book grew, with a drawdown and a Sharpe of its own.
  expect(Number(s.equity)).toBeGreaterThan(0);
  expect(s.sharpe).not.toBeNull();

  // Every cell of every position row, in the engine's order (largest market value first).
  const rows = page.getByTestId('position-row');
  await expect(rows).toHaveCount(s.positions.length);
  for (const [i, p] of s.positions.entries()) {
    await expect(rows.nth(i)).toHaveAttribute('data-symbol', p.symbol);
    await expect(rows.nth(i).locator('td')).toHaveText([
      p.symbol,
      formatQty(p.qty),
      formatPrice(p.avgEntryPrice),
      formatPrice(p.currentPrice),
      formatMoney(p.marketValue),
      formatMoney(p.unrealizedPnl),
      formatPercent(p.unrealizedPnlPct),
      formatPercent(p.weight),
    ]);
  }
  // Every month and every year of the returns table.
  const monthly = page.getByTestId('monthly-returns');
  for (const y of s.yearlyReturns) {
    const cells = Array.from({ length: 12 }, (_, m) => {
      const month = s.monthlyReturns.find((r) => r.year === y.year && r.month === m + 1);
      return month ? formatPercent(month.return) : '';
    });
    await expect(monthly.locator(`tr[data-year="${y.year}"] td`)).toHaveText([
      ...cells,
      formatPercent(y.return),
    ]);
  }

  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toContainText(/demo/i);
  // lightweight-charts draws into canvases and its licence needs its attribution link.
  await expect(page.getByTestId('equity-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('daily-pnl-chart').locator('canvas').first()).toBeVisible();
  await expect(page.locator('a[href*="tradingview.com"]').first()).toBeAttached();
  await page.screenshot({ path: `${SHOTS}/portfolio-dark.png`, fullPage: true });
});

test('the positions and monthly tables sort by any column and export exactly what they show', async ({
  page,
}) => {
  const s = await api<PortfolioSummary>('portfolio.summary');
  expect(s.positions.length).toBeGreaterThan(2);
  await openPortfolio(page);
  const table = page.getByTestId('positions-table');
  const symbols = () =>
    table.getByTestId('position-row').evaluateAll((rows) => rows.map((r) => r.dataset.symbol));
  const engineOrder = s.positions.map((p) => p.symbol);
  expect(await symbols()).toEqual(engineOrder);

  // First click: largest unrealized P&L first; second: smallest first; third: the engine's order again.
  const byPnl = [...s.positions].sort((a, b) => Number(b.unrealizedPnl) - Number(a.unrealizedPnl));
  const header = table.locator('button[data-column="unrealizedPnl"]');
  await header.click();
  await expect(table.locator('th[aria-sort="descending"]')).toHaveText(/Unrealized P&L/);
  expect(await symbols()).toEqual(byPnl.map((p) => p.symbol));
  await page.screenshot({ path: `${SHOTS}/portfolio-positions-sorted.png`, fullPage: true });
  await header.click();
  expect(await symbols()).toEqual([...byPnl].reverse().map((p) => p.symbol));
  await header.click();
  expect(await symbols()).toEqual(engineOrder);
  await table.locator('button[data-column="symbol"]').click();
  expect(await symbols()).toEqual([...engineOrder].sort());

  // The export is the rows as shown (A→Z now), with the engine's exact decimals.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('positions-table-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^positions-.+\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.replace(/^\ufeff/, '').split('\r\n');
  expect(lines[0]).toBe('Symbol,Qty,Avg entry,Price,Market value,Unrealized P&L,Unrealized %,Weight %');
  const bySymbol = [...s.positions].sort((a, b) => a.symbol.localeCompare(b.symbol));
  expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(
    bySymbol.map((p) =>
      [p.symbol, p.qty, p.avgEntryPrice, p.currentPrice, p.marketValue, p.unrealizedPnl].join(','),
    ),
  );
  expect(lines.at(-1)).toBe('');

  // Monthly returns: the best year first by its compounded return.
  const monthly = page.getByTestId('monthly-returns');
  await monthly.locator('button[data-column="yearReturn"]').click();
  const years = await monthly
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.dataset.year)));
  expect(years).toEqual([...s.yearlyReturns].sort((a, b) => b.return - a.return).map((y) => y.year));
  const [monthlyCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('monthly-returns-csv').click(),
  ]);
  const monthlyLines = fs.readFileSync(await monthlyCsv.path(), 'utf8').split('\r\n');
  expect(monthlyLines[0]).toBe(
    '\ufeffYear,Jan %,Feb %,Mar %,Apr %,May %,Jun %,Jul %,Aug %,Sep %,Oct %,Nov %,Dec %,Year %',
  );
  expect(monthlyLines.slice(1, -1).map((l) => Number(l.split(',')[0]))).toEqual(years);
});

test('the theme switches to light and stays after a reload', async ({ page }) => {
  await openPortfolio(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect.poll(async () => (await api<{ theme: string }>('settings.get')).theme).toBe('light');
  await page.reload();
  await expect(page.getByTestId('metric-equity')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SHOTS}/portfolio-light.png`, fullPage: true });
  await api('settings.update', { theme: 'dark' });
});

test('pushed events reach the page over the WebSocket, within the page’s CSP', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await openPortfolio(page);
  await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 10_000 });
  // Another client changes a setting: the engine pushes settings.changed to this page.
  await api('settings.update', { theme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await api('settings.update', { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(violations).toEqual([]);
});

test('pages not built yet say so and invent no numbers; the demo label stays', async ({ page }) => {
  await openPortfolio(page);
  // The app's own list of pages not built yet (its unit test pins the order).
  const pages = PAGES.filter((p) => !('built' in p)).map((p) => p.label);
  expect(pages.length).toBeGreaterThanOrEqual(11);
  for (const name of pages) {
    await page.getByRole('link', { name, exact: true }).click();
    const placeholder = page.getByTestId('placeholder');
    await expect(placeholder, name).toContainText(/not built yet/i);
    await expect(placeholder, name).not.toContainText(/\$\d|\d+\.\d+%/);
    await expect(page.getByTestId('demo-badge'), name).toBeVisible();
  }
  await page.screenshot({
    path: `${SHOTS}/placeholder-${pages.at(-1)!.toLowerCase().replace(/\W+/g, '-')}.png`,
  });
});

test('a first start shows the demo book being made, then the figures', async ({ page }) => {
  // A second server on a new, empty folder: its demo book is still being made when the page opens.
  const fresh = await startKeel();
  try {
    await page.goto(fresh.url);
    const strip = page.getByTestId('task-progress');
    await expect(strip).toBeVisible({ timeout: 10_000 });
    await expect(strip).toContainText('Preparing the demo book');
    // Progress shows as it goes: a percentage that moves.
    const percent = page.getByTestId('task-percent');
    await expect(percent).toHaveText(/^\d+%$/, { timeout: 20_000 });
    const first = Number((await percent.textContent())!.replace('%', ''));
    await expect
      .poll(async () => Number(((await percent.textContent()) ?? '0').replace(/\D/g, '') || 100), {
        timeout: 30_000,
      })
      .toBeGreaterThan(first);
    await expect(page.getByTestId('active-account')).toContainText('Preparing');
    await page.screenshot({ path: `${SHOTS}/first-start-progress.png` });
    await expect(page.getByTestId('metric-equity')).toBeVisible({ timeout: 60_000 });
    await expect(strip).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByTestId('demo-badge')).toBeVisible();
  } finally {
    expect((await fresh.stop()).code).toBe(0);
  }
});
