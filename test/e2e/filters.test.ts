/// <reference lib="dom" />
/**
 * The filter bar in a real browser (Debian's Chromium, test/helpers/patientBrowser.ts, driven by
 * playwright-core), with the CSP enforced: choosing a location narrows the provider list to the
 * providers who work there (/assets/filters.js; expected lists from separate SQL over the raw fact
 * tables), the applied filters show as chips, a chip's × removes that filter alone, and "Reset all filters" clears
 * them. No console errors (an inline script would be one under the CSP).
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startDemoServer, type DemoServer } from '../helpers/demoServer.ts';
import { BROWSER_ARGS, CHROMIUM, HAVE_BROWSER, patient, warnIfNoBrowser } from '../helpers/patientBrowser.ts';

warnIfNoBrowser('filter-bar browser tests');

let s: DemoServer;
let browser: Browser;
let session: BrowserContext;

const rows = async (sql: string) => s.ctx.warehouse.use(async (c) => (await c.runAndReadAll(sql)).getRowsJS());

describe.runIf(HAVE_BROWSER)('filter bar in a browser', () => {
  beforeAll(async () => {
    s = await startDemoServer(2);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    session = patient(await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    const page = await session.newPage();
    await page.goto(`${s.base}/signin`);
    await page.fill('input[name=username]', 'manager1');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('form.signin button[type=submit]')]);
    await page.close();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('narrows the providers to the chosen location, shows chips, removes one, and resets', async () => {
    // The location with the fewest providers, and those providers, from the raw facts and the roster.
    const works = `SELECT provider_id, location_id FROM dim_provider WHERE location_id IS NOT NULL
                   UNION SELECT provider_id, location_id FROM fact_billing_txn UNION SELECT provider_id, location_id FROM fact_appointment`;
    const [[loc]] = (await rows(`SELECT location_id FROM (${works}) GROUP BY location_id ORDER BY count(DISTINCT provider_id), location_id LIMIT 1`)) as [string][];
    const there = (await rows(`SELECT DISTINCT provider_id FROM (${works}) WHERE location_id = '${loc}' ORDER BY 1`)).map((r) => String(r[0]));
    const all = (await rows(`SELECT provider_id FROM dim_provider UNION SELECT provider_id FROM fact_billing_txn UNION SELECT provider_id FROM fact_appointment`)).length;
    expect(there.length).toBeLessThan(all);

    const page = await session.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.base}/financial`);
    const providerValues = () => page.locator('form.filters select[name=provider] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect((await providerValues()).length).toBe(all + 1);
    expect(await page.locator('.chips').count()).toBe(0);

    // Choosing the location narrows the list at once, in the browser.
    await page.selectOption('form.filters select[name=location]', loc!);
    expect((await providerValues()).slice(1).sort()).toEqual([...there].sort());
    await page.selectOption('form.filters select[name=provider]', there[0]!);
    await page.selectOption('form.filters select[name=payerClass]', 'medicare');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    let query = new URL(page.url()).searchParams;
    expect([query.get('location'), query.get('provider'), query.get('payerClass')]).toEqual([loc, there[0], 'medicare']);
    expect(await page.locator('.chips li.chip').evaluateAll((li) => li.map((l) => l.getAttribute('data-filter')))).toEqual(['location', 'provider', 'payerClass']);
    // The server lists the same providers for the location in the address.
    expect((await providerValues()).slice(1).sort()).toEqual([...there].sort());

    // Back to all locations: every provider again, the chosen one kept.
    await page.selectOption('form.filters select[name=location]', '');
    expect((await providerValues()).length).toBe(all + 1);
    expect(await page.inputValue('form.filters select[name=provider]')).toBe(there[0]);

    // A chip's × removes that filter alone.
    await Promise.all([page.waitForNavigation(), page.click('.chips li.chip[data-filter=payerClass] a')]);
    query = new URL(page.url()).searchParams;
    expect([query.get('location'), query.get('provider'), query.has('payerClass')]).toEqual([loc, there[0], false]);
    expect(await page.locator('.chips li.chip').count()).toBe(2);

    // Reset clears everything.
    await Promise.all([page.waitForNavigation(), page.click('.chips a.reset')]);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('.chips').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
