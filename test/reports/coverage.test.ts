/**
 * One coverage query: the dashboards' freshness line, the pack's completeness notes, `etl status`
 * and the metrics' rollup_coverage state the same span for each source on the same warehouse (the
 * 3-month demo). The expected spans come from separate SQL over the facts: billing by post date,
 * appointments by scheduled start, payroll from the first pay period's start to the last one's end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshness } from '../../dashboards/freshness.ts';
import { buildPackModel } from '../../reports/build.ts';
import { etlStatus } from '../../server/commands/etlHistory.ts';
import { commandLine } from '../../server/commands/invocation.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';

let demo: Demo;
beforeAll(async () => {
  demo = await openDemo();
}, 180_000);
afterAll(() => demo?.close());

const FACT_SPANS = `
SELECT 'appointments' AS source, min(scheduled_start)::DATE::VARCHAR AS first_date, max(scheduled_start)::DATE::VARCHAR AS last_date FROM fact_appointment
UNION ALL SELECT 'billing', min(post_date)::VARCHAR, max(post_date)::VARCHAR FROM fact_billing_txn
UNION ALL SELECT 'payroll', min(period_start)::VARCHAR, max(period_end)::VARCHAR FROM fact_payroll
ORDER BY source`;

describe('what each source covers', () => {
  it('is the same on the page, in the pack, in etl status and in the metrics', async () => {
    const { expected, pageFresh, pack, rollup } = await demo.ctx.pool.use(async (c) => ({
      expected: (await c.runAndReadAll(FACT_SPANS)).getRowObjectsJS() as { source: string; first_date: string; last_date: string }[],
      pageFresh: await freshness(c, TODAY),
      pack: await buildPackModel(c, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW, restatements: 'none' }),
      rollup: (await c.runAndReadAll("SELECT source, first_date::VARCHAR AS first_date, last_date::VARCHAR AS last_date FROM rollup_coverage WHERE source IN ('billing', 'appointments', 'payroll') ORDER BY source")).getRowObjectsJS(),
    }));
    // The payroll span starts on a pay period's start, before its first period end.
    const payroll = expected.find((e) => e.source === 'payroll')!;
    expect(payroll.first_date < '2026-08-15').toBe(true);

    const span = (rows: readonly { source: string; first: string | null; last: string | null }[]) =>
      Object.fromEntries(rows.filter((r) => expected.some((e) => e.source === r.source)).map((r) => [r.source, [r.first, r.last]]));
    const want = span(expected.map((e) => ({ source: e.source, first: e.first_date, last: e.last_date })));
    expect(span(pageFresh.map((f) => ({ source: f.source, first: f.firstDate, last: f.lastDate })))).toEqual(want);
    expect(span(pack.completeness.sources.map((f) => ({ source: f.source, first: f.firstDate, last: f.lastDate })))).toEqual(want);
    expect(span(rollup.map((r) => ({ source: String(r.source), first: r.first_date as string, last: r.last_date as string })))).toEqual(want);

    const status = await etlStatus(demo.ctx, 5, commandLine(() => NOW));
    expect(span(status.coverage.map((r) => ({ source: r.source, first: r.first_date, last: r.last_date })))).toEqual(want);
    // The last load agrees too (the page shows it to the minute).
    for (const f of pageFresh) expect(status.coverage.find((r) => r.source === f.source)?.last_loaded_at?.slice(0, 16)).toBe(f.lastLoadedAt);
    // Reference data is listed by etl status from its files: every source with a file is there.
    const files = await demo.ctx.pool.use(async (c) => (await c.runAndReadAll('SELECT DISTINCT source FROM etl_file ORDER BY source')).getRowObjectsJS().map((r) => r.source));
    expect(status.coverage.map((r) => r.source)).toEqual(files);
  }, 180_000);
});
