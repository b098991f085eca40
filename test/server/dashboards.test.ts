/**
 * HTTP tests of every dashboard page, every filter, the bad-filter path, drill-down links and
 * the data API, over a small demo practice.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../dashboards/metrics/index.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer();
}, 120_000);
afterAll(() => s.close());

const PAGES = [
  ['/', 'Overview', 9],
  ['/financial', 'Financial review', 10],
  ['/collections', 'Collections performance', 9],
  ['/staffing', 'Staffing efficiency', 12],
] as const;

async function html(path: string, status = 200): Promise<string> {
  const res = await s.get(path);
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 500)}`).toBe(status);
  return text;
}

/** The headline value of one tile, exact: the title of a value shown in readable units, else as displayed. */
function tileValue(page: string, metricId: string): string {
  const m = new RegExp(`id="t-${metricId}"[\\s\\S]*?<p class="value"><span(?: title="([^"]+)")?>([^<]+)`).exec(page);
  if (!m) throw new Error(`no tile ${metricId}`);
  return (m[1] ?? m[2]!).trim();
}

describe('dashboard pages', () => {
  for (const [path, title, tiles] of PAGES) {
    it(`${path} renders its tiles, charts and tables for the default period`, async () => {
      const page = await html(path);
      expect(page).toContain(`<h1>${title}</h1>`);
      expect(page).toContain('October 2026, compared with September 2026');
      expect(page.match(/<article class="tile/g)).toHaveLength(tiles);
      expect(page).toMatch(/<svg[^>]+role="img"/);
      expect(page).not.toMatch(/NaN|undefined|\[object Object\]/);
      expect(page).toContain('Billing: 1 Aug 2026 to 31 Oct 2026');
    });
  }

  it('states the figures of the overview from the metric catalog', async () => {
    const page = await html('/');
    expect(tileValue(page, 'gross_charges')).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(tileValue(page, 'net_collection_rate')).toMatch(/^\d+\.\d%$/);
    expect(tileValue(page, 'visits')).toMatch(/^\d{1,3}(,\d{3})*$/);
  });

  it('honours every period and comparison', async () => {
    const values = new Set<string>();
    for (const q of ['period=month&month=2026-09', 'period=quarter&month=2026-10', 'period=ytd&month=2026-10', 'period=t12m&month=2026-10', 'period=custom&from=2026-08-01&to=2026-09-30']) {
      values.add(tileValue(await html(`/financial?${q}`), 'gross_charges'));
    }
    expect(values.size).toBeGreaterThanOrEqual(3); // month, quarter-to-date and a custom range differ
    expect(await html('/?compare=yoy')).toContain('compared with October 2025');
    expect(await html('/?compare=budget')).toContain('compared with budget');
  });

  it('filters by location, provider and payer class, changing the numbers', async () => {
    const all = tileValue(await html('/financial'), 'gross_charges');
    for (const q of ['location=DTN', 'provider=PRV001', 'payerClass=medicare']) {
      const page = await html(`/financial?${q}`);
      expect(tileValue(page, 'gross_charges'), q).not.toBe(all);
    }
    expect(await html('/collections?asOf=2026-09-15')).toContain('A/R aging, as of 2026-09-30');
  });

  it('answers a bad filter with 400 and a message naming it, for pages and the API', async () => {
    const page = await html('/financial?period=fortnight', 400);
    expect(page).toContain('period');
    expect(page).not.toContain('at ');
    const unknown = await html('/?colour=red', 400);
    expect(unknown).toContain('colour');
    // Ids are any text (docs/sources.md), so a quote is just an id no location has: bound, never
    // spliced, it selects nothing, and the page shows it escaped as the chosen location.
    const inj = await html(`/financial?location=${encodeURIComponent("DTN' OR 1=1 --")}`);
    expect(tileValue(inj, 'gross_charges')).toBe('$0.00');
    expect(inj).toContain('<option value="DTN&#39; OR 1=1 --" selected>');
    await html(`/?location=${encodeURIComponent('DTN\u0000')}`, 400);
    const api = await s.get('/api/dashboards/financial/mix-payer-class.json?month=2026-13');
    expect(api.status).toBe(400);
    expect(((await api.json()) as { details: string[] }).details.join(' ')).toContain('month');
  });

  it('drills down from bars and rows to the same view filtered', async () => {
    const page = await html('/financial');
    expect(page).toMatch(/href="\/financial\?[^"]*payerClass=commercial/);
    expect(page).toMatch(/href="\/financial\?[^"]*location=DTN/);
    expect(page).toMatch(/href="\/financial\?[^"]*provider=PRV\d+/);
  });
});

describe('data API', () => {
  it('serves a section as CSV, Arrow and JSON with the same rows', async () => {
    const json = (await (await s.get('/api/dashboards/financial/mix-payer-class.json')).json()) as { columns: string[]; rows: unknown[][] };
    expect(json.columns).toEqual(['payer_class', 'payer_class_key', 'charges_usd', 'charges_pct', 'net_payments_usd', 'net_payments_pct', 'work_rvu']);
    const csvRes = await s.get('/api/dashboards/financial/mix-payer-class.csv');
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('payer_class,payer_class_key,charges_usd,charges_pct,net_payments_usd,net_payments_pct,work_rvu');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(json.rows.length + 1);
    const arrow = tableFromIPC(new Uint8Array(await (await s.get('/api/dashboards/financial/mix-payer-class.arrow')).arrayBuffer()));
    expect(arrow.numRows).toBe(json.rows.length);
    expect(String(arrow.schema.fields.find((f) => f.name === 'charges_usd')!.type)).toMatch(/Decimal/);
    const total = json.rows.reduce((sum, r) => sum + Math.round(Number(r[2]) * 100), 0);
    expect(total).toBeGreaterThan(0);
  });

  it('404s an unknown page or section, naming the sections there are', async () => {
    expect((await s.get('/api/dashboards/nope/x.csv')).status).toBe(404);
    const res = await s.get('/api/dashboards/financial/nope.csv');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('mix-payer-class');
  });
});

describe('metric definitions', () => {
  it('lists every metric of the catalog with its definition', async () => {
    const page = await html('/metrics');
    for (const m of METRICS) expect(page).toContain(`id="${m.id}"`);
    const api = (await (await s.get('/api/metrics')).json()) as { id: string; definition: string }[];
    expect(api.map((m) => m.id)).toEqual(METRICS.map((m) => m.id));
  });
});
