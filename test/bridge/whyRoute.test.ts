/**
 * GET /why/:metricId over HTTP on the real app (a two-month demo practice): staff read the
 * bridge with its waterfalls (wide and for a phone) and driver tables, each overview tile links
 * to it, a bad measure or filter is named, and the view is audited as a page view with its
 * filters. The board reads it only at an approved pack's month, practice-wide, whatever else
 * the address says, linked from the reading view's headlines, and audited too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS } from '../auth/authApp.ts';

let s: AppServer;
beforeAll(async () => {
  s = await startAppServer({ months: 2, passwordParams: TEST_PARAMS });
}, 180_000);
afterAll(() => s?.close());

describe('the why view', () => {
  it('shows a manager the bridge of collections for October 2026 against September, with a waterfall per dimension', async () => {
    const manager = await s.as('manager');
    const res = await manager.get('/why/net_payments?month=2026-10&compare=prior');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Why payments (collections) moved');
    expect(page).toContain('compared with September 2026');
    for (const h of ['By payer class', 'By payer', 'By provider', 'By location', 'By procedure group', 'Volume and rate', 'Top drivers']) expect(page).toContain(h);
    expect(page.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(12);
    // Each waterfall twice: 640 px wide, and 360 px for a phone with its own ids, shown by CSS.
    expect(page.match(/<figure class="chart chart-wide"><svg[^>]*viewBox="0 0 640 /g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(page.match(/<figure class="chart chart-narrow"><svg[^>]*viewBox="0 0 360 /g)?.length).toBe(page.match(/<figure class="chart chart-wide">/g)?.length);
    // The page's own filters are kept: the compare links carry the month.
    expect(page).toContain('/why/net_payments?period=month&amp;month=2026-10&amp;compare=yoy');
  }, 60_000);

  it('links each bridged tile of the overview to its why view, with the page filters', async () => {
    const manager = await s.as('manager');
    const page = await (await manager.get('/?month=2026-10')).text();
    for (const id of ['gross_charges', 'net_payments', 'net_collection_rate', 'days_in_ar', 'visits', 'no_show_rate']) {
      expect(page).toContain(`href="/why/${id}?period=month&amp;month=2026-10&amp;compare=prior`);
    }
    // A measure without a bridge has no link.
    expect(page).not.toContain('/why/denial_rate');
  }, 60_000);

  it('refuses a board member the dashboards\' form with free filters, and a month whose pack is not approved', async () => {
    const board = await s.as('board');
    expect((await board.get('/why/visits?month=2026-10')).status).toBe(403);
    expect((await board.get('/why/visits/2026-09')).status).toBe(403);
  }, 60_000);

  it('names a measure without a why view (404) and a bad filter (400)', async () => {
    const manager = await s.as('manager');
    expect((await manager.get('/why/denial_rate?month=2026-10')).status).toBe(404);
    const bad = await manager.get('/why/visits?month=2026-10&compare=sideways');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('compare');
  }, 60_000);

  it('is audited as a page view with its filter parameters', async () => {
    const manager = await s.as('manager');
    await manager.get('/why/gross_charges?month=2026-10&compare=yoy');
    // The entry is written when the response ends: wait for it (no time limit asserted).
    const read = () => s.pool.use(async (c) =>
      (await c.runAndReadAll("SELECT action, target, details FROM audit_log WHERE target LIKE '/why/gross_charges%' OR details::VARCHAR LIKE '%/why/gross_charges%'")).getRowObjectsJson());
    let rows = await read();
    for (let i = 0; i < 100 && rows.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await read();
    }
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rows)).toContain('page.view');
    expect(JSON.stringify(rows)).toContain('compare=yoy');
  }, 60_000);
});

describe('the draft pack: story and generated commentary', () => {
  it('carries the story for the board and pre-fills only the empty editors of a draft, marked as generated', async () => {
    const manager = await s.as('manager');
    const before = await (await manager.get('/reports/2026-10')).text();
    // Every section's empty editor starts from the draft, marked generated; but staffing's: the
    // demo's October payroll runs only to the 24th and its appointments to the 30th, so its
    // headlines show no change (as the dashboards do) and the story explains none.
    for (const id of ['overview', 'financial', 'collections']) expect(before).toContain(`id="g-${id}"`);
    expect(before).not.toContain('id="g-staffing"');
    expect(before).toMatch(/<textarea id="t-financial"[^>]*>Gross charges (rose|fell|was unchanged)/);
    // Saved commentary is never overwritten by the draft.
    expect((await manager.post('/reports/2026-10/commentary', { section: 'financial', text: 'Our own words.' })).status).toBe(303);
    const after = await (await manager.get('/reports/2026-10')).text();
    expect(after).toMatch(/<textarea id="t-financial"[^>]*>Our own words\.<\/textarea>/);
    expect(after).not.toContain('id="g-financial"');
    expect(after).toContain('id="g-overview"');
    // The draft was not saved: the offline HTML of the draft shows only what was saved.
    const offline = await (await manager.get('/reports/2026-10.html')).text();
    expect(offline).toContain('Our own words.');
    expect(offline).not.toMatch(/Gross charges (rose|fell) [^<]*on September 2026/);
  }, 120_000);

  it('stores the story with the approved pack, and the board sees no editor and no generated text', async () => {
    const manager = await s.as('manager');
    expect((await manager.post('/reports/2026-10/approve', { confirm: '1' })).status).toBe(303);
    const board = await s.as('board');
    const res = await board.get('/reports/2026-10');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<textarea');
    expect(page).not.toContain('class="note generated"');
    const stored = await s.pool.use(async (c) => (await c.runAndReadAll("SELECT model_json AS m FROM report_pack WHERE month = '2026-10'")).getRowObjectsJson());
    expect(stored.length).toBe(1);
    const model = JSON.parse(String(stored[0]!.m)) as { story?: { comparison: string; bridges: { metricId: string }[] } };
    expect(model.story?.comparison).toBe('prior');
    // Visits, no-shows and payroll cost are only partly loaded for October: no bridge (no change shown).
    expect(model.story?.bridges.map((b) => b.metricId)).toEqual(['gross_charges', 'net_payments', 'net_collection_rate', 'days_in_ar']);
  }, 120_000);
});

describe('the why view for the board', () => {
  // After the approval above (the suites of a file run in order).
  it('links each bridged headline of the reading view to its why view at the pack\'s month', async () => {
    const board = await s.as('board');
    const page = await (await board.get('/reports/2026-10')).text();
    for (const id of ['gross_charges', 'net_payments', 'net_collection_rate', 'days_in_ar', 'visits', 'no_show_rate']) {
      expect(page).toContain(`href="/why/${id}/2026-10?compare=prior"`);
    }
  }, 60_000);

  it('shows a board member the whole practice for the month, pooled for the board, whatever other filters the address carries', async () => {
    const board = await s.as('board');
    const res = await board.get('/why/visits/2026-10?compare=prior');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('For the board: the whole practice and one month');
    expect(page).toContain('compared with September 2026');
    // A counted measure: the provider list only (two lists could be differenced).
    expect(page).toContain('By provider');
    expect(page).not.toContain('By location');
    expect(page).toContain('href="/reports/2026-10"');
    expect(page).toContain('href="/why/visits/2026-10?compare=yoy"');
    // Filters and a period in the address change nothing: the board's grain is fixed.
    const strip = (t: string) => t.replace(/name="_csrf" value="[^"]*"/g, '');
    const filtered = await (await board.get('/why/visits/2026-10?compare=prior&location=L1&period=quarter&provider=P01')).text();
    expect(strip(filtered)).toBe(strip(page));
    // The manager's view of the same month splits by location too.
    const manager = await s.as('manager');
    expect(await (await manager.get('/why/visits/2026-10')).text()).toContain('By location');
  }, 60_000);

  it('is audited as the board member\'s page view', async () => {
    const board = await s.as('board');
    expect((await board.get('/why/payroll_cost/2026-10?compare=yoy')).status).toBe(200);
    const read = () => s.pool.use(async (c) =>
      (await c.runAndReadAll("SELECT a.action, u.role, a.target, a.details FROM audit_log a JOIN app_user u ON u.user_id = a.actor WHERE a.target LIKE '/why/payroll_cost/2026-10%' OR a.details::VARCHAR LIKE '%/why/payroll_cost/2026-10%'")).getRowObjectsJson());
    let rows = await read();
    for (let i = 0; i < 100 && rows.length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await read();
    }
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(rows)).toContain('page.view');
    expect(rows.map((r) => r.role)).toContain('board');
  }, 60_000);
});
