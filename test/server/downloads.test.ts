/**
 * The data downloads (issue 9): "FTE by job class" answers as CSV and Arrow (decimal hours are
 * `_hours`, not a count), every column's unit is said once in its name, an Arrow download is
 * sent as application/vnd.apache.arrow.stream (docs/api.md), and the page prints FTE and hours
 * formatted, never as a raw double. Expected FTE sums are read from the payroll rollup by SQL.
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer();
}, 120_000);
afterAll(() => s.close());

const Q = '?period=month&month=2026-10';

describe('data downloads', () => {
  it('serves FTE by job class as CSV and Arrow, hours as hours and FTE as FTE', async () => {
    const csvRes = await s.get(`/api/dashboards/staffing/fte-by-job-class.csv${Q}`);
    expect(csvRes.status).toBe(200);
    const lines = (await csvRes.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('job_class,fte,payroll_cost_usd,regular_hours,overtime_hours,overtime_pct');
    expect(lines.length).toBeGreaterThan(2);

    const arrowRes = await s.get(`/api/dashboards/staffing/fte-by-job-class.arrow${Q}`);
    expect(arrowRes.status).toBe(200);
    expect(arrowRes.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrowRes.arrayBuffer()));
    const unit = (name: string) => table.schema.fields.find((f) => f.name === name)!.metadata.get('practiceboard:unit');
    expect([unit('fte'), unit('regular_hours'), unit('overtime_hours'), unit('payroll_cost_usd')]).toEqual(['fte', 'hours', 'hours', 'usd']);
    expect(String(table.schema.fields.find((f) => f.name === 'regular_hours')!.type)).toBe('Float64');
  });

  it('names each column with its unit once', async () => {
    const json = (await (await s.get(`/api/dashboards/collections/days-in-ar.json${Q}`)).json()) as { columns: string[] };
    expect(json.columns).toEqual(['month', 'days_in_ar', 'ar_over_90_pct', 'charge_lag_days', 'days_to_payment']);
    const access = (await (await s.get(`/api/dashboards/staffing/access.json${Q}`)).json()) as { columns: string[] };
    expect(access.columns).toEqual(['month', 'no_show_rate_pct', 'late_cancel_rate_pct', 'lead_time_days', 'visits_n']);
    for (const c of [...json.columns, ...access.columns]) expect(c).not.toMatch(/_(days|pct|usd|n)_\1$/);
  });

  it('prints FTE and hours formatted on the page, as two and one decimals', async () => {
    const page = await (await s.get(`/staffing${Q}`)).text();
    const fte = await s.ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT count(*)::INTEGER AS n FROM fact_payroll')).getRowObjectsJS()[0]!.n);
    expect(Number(fte)).toBeGreaterThan(0);
    const table = /<section id="fte-by-job-class"[\s\S]*?<\/section>/.exec(page)![0];
    const cells = [...table.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(cells.length).toBeGreaterThan(0);
    // No raw doubles such as 10.594153225806451: at most two decimals anywhere in the table.
    for (const c of cells) expect(c).toMatch(/^(-?\$?[\d,]+(\.\d{1,2})?%?|\u2014)$/);
    expect(table).toMatch(/<th scope="col" class="num">Regular hours<\/th>/);
  });
});
