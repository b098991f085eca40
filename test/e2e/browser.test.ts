/// <reference lib="dom" />
/**
 * End to end in a real browser (Debian's Chromium, test/helpers/patientBrowser.ts, driven by
 * playwright-core): every dashboard opens with no console errors and no serious accessibility
 * violations (axe-core), filters change the numbers, a bar drills down, a CSV exports, a file
 * uploads and loads, its rejects show, a semicolon/decimal-comma file gets a profile of its own from the upload page and loads
 * exactly, keyboard navigation reaches the controls, and print hides the controls. With
 * PRACTICEBOARD_SCREENS=1, full-page screenshots of each page go to test/output/screens/ (ignored
 * by git) for a person to look at; nothing is asserted on them, so a run without costs no check.
 * Where no browser is installed the suite says so loudly; under CI it fails instead.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.ts';
import { PASSWORD, startDemoServer, type DemoServer } from '../helpers/demoServer.ts';
import { BROWSER_WAIT_MS, BROWSER_ARGS, CHROMIUM, HAVE_BROWSER, patient, warnIfNoBrowser } from '../helpers/patientBrowser.ts';
import { header, row } from '../helpers/rows.ts';

const SHOTS = 'test/output/screens';
/** Screenshots for a person to look at (PRACTICEBOARD_SCREENS=1); nothing is asserted on them. */
const SCREENS = process.env.PRACTICEBOARD_SCREENS === '1';
const shot = async (page: Page, name: string) => {
  if (SCREENS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

warnIfNoBrowser('end-to-end browser tests');

let s: DemoServer;
let browser: Browser;
let session: BrowserContext;

/** A browser context signed in through the sign-in form, as a user of the product would. */
async function signedIn(username: string): Promise<BrowserContext> {
  const context = patient(await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }));
  const page = await context.newPage();
  await page.goto(`${s.base}/signin`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/' || u.pathname === '/reports'), page.click('form.signin button[type=submit]')]);
  await page.close();
  return context;
}

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(s.base + path);
  return { page, errors };
}

/** axe-core's serious and critical violations on `page`, as the user gets it (CSP enforced; test/helpers/axe.ts). */
async function axeViolations(page: Page): Promise<string[]> {
  return (await seriousViolations(page)).map((v) => `${v.id} (${v.impact}, ${v.targets.length} nodes)`);
}

const tileValue = (page: Page, id: string) => page.locator(`#t-${id} ~ .value`).first().innerText();

describe.runIf(HAVE_BROWSER)('in a real browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startDemoServer(3);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: BROWSER_ARGS,
    });
    session = await signedIn('admin1');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  for (const [path, name] of [['/', 'overview'], ['/financial', 'financial'], ['/collections', 'collections'], ['/staffing', 'staffing'], ['/metrics', 'metrics'], ['/etl', 'etl'], ['/upload', 'upload']] as const) {
    it(`opens ${path} with no console errors and no serious accessibility violations`, async () => {
      const { page, errors } = await open(path);
      await shot(page, name);
      expect(errors).toEqual([]); // with the CSP enforced: no violation, no failed request
      // The same load, checked by axe-core (before, a second load in a context bypassing the CSP).
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('changes the numbers when a filter changes, and drills down from a bar', async () => {
    const { page } = await open('/financial');
    const before = await tileValue(page, 'gross_charges');
    await page.selectOption('select[name=location]', { index: 1 });
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    expect(page.url()).toContain('location=');
    expect(await tileValue(page, 'gross_charges')).not.toBe(before);
    await page.goto(`${s.base}/financial`);
    await Promise.all([page.waitForNavigation(), page.locator('#mix-payer-class svg a').first().click()]);
    expect(page.url()).toMatch(/payerClass=[a-z_]+/);
    await page.close();
  });

  it('filter bar: Custom range shows From and To and answers 200; Compare with marks the tiles', async () => {
    const { page, errors } = await open('/financial');
    expect(await page.isVisible('input[name=month]')).toBe(true);
    expect(await page.isVisible('input[name=from]')).toBe(false);
    await page.selectOption('select[name=period]', 'custom');
    expect(await page.isVisible('input[name=month]')).toBe(false);
    expect(await page.isVisible('input[name=from]')).toBe(true);
    await page.fill('input[name=from]', '2026-08');
    await page.fill('input[name=to]', '2026-09');
    const [custom] = await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    expect(custom!.status()).toBe(200);
    const query = new URL(page.url()).searchParams;
    expect([query.get('period'), query.get('from'), query.get('to'), query.has('month')]).toEqual(['custom', '2026-08', '2026-09', false]);
    expect(await page.content()).toContain('August 2026 to September 2026');
    expect(await page.inputValue('input[name=from]')).toBe('2026-08');
    for (const [compare, label] of [['yoy', 'Same period last year'], ['budget', 'Budget'], ['prior', 'Prior period']] as const) {
      await page.selectOption('select[name=compare]', compare);
      await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
      expect(await page.locator('article:has(#t-gross_charges) dt.compared').innerText()).toBe(`${label} (compared)`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filter bar without JavaScript: choosing Custom range answers 200 and shows its From and To', async () => {
    const context = patient(await browser.newContext({ javaScriptEnabled: false, storageState: await session.storageState() }));
    const page = await context.newPage();
    await page.goto(`${s.base}/financial?month=2026-09`);
    await page.selectOption('select[name=period]', 'custom');
    const [res] = await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    expect(res!.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('month')).toBe('2026-09');
    expect(await page.isVisible('input[name=from]')).toBe(true);
    expect(await page.inputValue('input[name=from]')).toBe('2026-09');
    await context.close();
  });

  it('exports a table as CSV', async () => {
    const { page } = await open('/financial');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#mix-payer-class .downloads a:text("CSV")')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('payer_class,payer_class_key,charges_usd,charges_pct,net_payments_usd,net_payments_pct,work_rvu');
    await page.close();
  });

  it('uploads a file, previews it, loads it and shows its rejects', async () => {
    const { page, errors } = await open('/upload');
    const rows = Array.from({ length: 40 }, (_, i) => row('billing', { transaction_id: `E2E${i}`, amount_usd: '12.00' }));
    rows[3] = row('billing', { transaction_id: 'E2E3', amount_usd: 'twelve' });
    await page.selectOption('#source', 'billing');
    await page.setInputFiles('#file', { name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from([header('billing'), ...rows].join('\n') + '\n') });
    await expect.poll(() => page.locator('#suggestion').innerText()).toContain('canonical-billing');
    await shot(page, 'upload-preview');
    await Promise.all([page.waitForURL(/\/etl\/runs\/r\d{8}/), page.click('#upload-form button[type=submit]')]);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Rows loaded\n39');
    expect(body).toMatch(/5\s+amount_usd \(amount_usd\)\s+not an amount in the profile's number format/);
    await shot(page, 'run-rejects');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells a semicolon, decimal-comma file apart from the profile whose columns it has, saves a profile for it, and loads it exactly', async () => {
    const { page, errors } = await open('/upload');
    // The amounts as the export writes them, and each in cents, by hand.
    const amounts: [string, number][] = [['1.050,25', 105025], ['176,16', 17616], ['0,05', 5], ['-20,00', -2000], ['99,99', 9999], ['3,10', 310]];
    const lines = amounts.map(([text], i) => row('billing', { transaction_id: `SEMI${i}`, amount_usd: 'AMT' }).replaceAll(',', ';').replace('AMT', text));
    const cents = amounts.reduce((sum, [, c]) => sum + c, 0);
    const total = `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
    await page.selectOption('#source', 'billing');
    await page.setInputFiles('#file', { name: 'semicolons.csv', mimeType: 'text/csv', buffer: Buffer.from([header('billing').replaceAll(',', ';'), ...lines].join('\n') + '\n') });
    await expect.poll(() => page.locator('#suggestion').innerText()).toContain('The columns match profile');
    const note = await page.locator('#suggestion').innerText();
    expect(note).toContain('(canonical-billing), but the file uses semicolons between fields where canonical-billing expects commas');
    expect(await page.inputValue('#profile')).toBe('');
    await page.locator('#mapping').waitFor({ state: 'visible' });
    expect(await page.inputValue('#mapping-fields select[data-field=amount_usd]')).toBe('amount_usd');
    expect(await page.inputValue('#mapping-fields select[data-field=transaction_id]')).toBe('transaction_id');
    await page.fill('#new-id', 'semicolon-billing');
    await page.fill('#new-label', 'Semicolon billing export');
    const [saved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/profiles') && r.request().method() === 'POST'), page.click('#save-profile')]);
    expect(saved.status()).toBe(201);
    await expect.poll(() => page.locator('#save-result').innerText()).toBe('Saved profile semicolon-billing.');
    expect(await page.inputValue('#profile')).toBe('semicolon-billing');
    await shot(page, 'upload-semicolons');
    await Promise.all([page.waitForURL(/\/etl\/runs\/r\d{8}/), page.click('#upload-form button[type=submit]')]);
    const body = await page.locator('main').innerText();
    expect(body).toContain(`Rows loaded\n${amounts.length}`);
    expect(body).toContain(`Total loaded\n${total}`);
    expect(total).toBe('1309.55');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes commentary, approves the month, and downloads its board pack PDF', async () => {
    const { page, errors } = await open('/reports/2026-10');
    await page.locator('form.commentary-form textarea').first().fill('Collections recovered after the payer backlog cleared.');
    await Promise.all([page.waitForURL(/\/reports\/2026-10/), page.locator('form.commentary-form button[type=submit]').first().click()]);
    // The pack page is streamed (a preparing note first, the pack after): wait for the pack itself.
    await page.locator('#pack-preparing').waitFor({ state: 'hidden' });
    await page.waitForLoadState('load');
    await page.locator('main', { hasText: 'Collections recovered after the payer backlog cleared.' }).waitFor({ timeout: BROWSER_WAIT_MS });
    expect(await page.locator('main').innerText()).toContain('Collections recovered after the payer backlog cleared.');
    await shot(page, 'board-pack');
    const href = await page.locator('a[href$=".pdf?size=letter"]').first().getAttribute('href');
    const pdf = await page.request.get(s.base + href, { timeout: BROWSER_WAIT_MS });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a board member only approved packs (no free-filter dashboards: issue 11 item 2)', async () => {
    const board = await signedIn('board1');
    const page = await board.newPage();
    await page.goto(`${s.base}/`);
    expect(new URL(page.url()).pathname).toBe('/reports');
    const nav = await page.locator('header nav').innerText();
    expect(nav).not.toContain('Overview');
    expect(nav).not.toContain('Financial');
    expect(nav).not.toContain('Upload');
    const denied = await page.goto(`${s.base}/financial`);
    expect(denied?.status()).toBe(403);
    await board.close();
  });

  it('reaches the controls by keyboard, and prints without them', async () => {
    const { page } = await open('/financial');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const reached = new Set<string>();
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('name') ?? document.activeElement?.tagName ?? ''));
    }
    for (const name of ['period', 'month', 'compare', 'location', 'provider', 'payerClass']) expect(reached).toContain(name);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('#mix-payer-class table').isVisible()).toBe(true);
    await shot(page, 'financial-print');
    await page.close();
  });
});
