/**
 * metricSeries: month-by-month values ending with the filter's month, each month computed on
 * its own (point-in-time A/R at each month end, trailing windows ending with each month).
 */
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { metricSeries } from '../../dashboards/metrics/index.ts';
import { MARCH, sharedFixture } from './fixture.ts';

let conn: DuckDBConnection;
sharedFixture((c) => (conn = c));

describe('metricSeries', () => {
  it('A/R at every month end, unknown before the ledger starts, credit balances left out', async () => {
    const s = await metricSeries(conn, 'ar_total', MARCH, 6);
    expect(s.map((p) => p.month)).toEqual(['2023-10-01', '2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01', '2024-03-01']);
    expect(s.map((p) => p.value)).toEqual([
      null, // October 2023: before the first posting (2023-11-22)
      200, // C5
      320, // C5 200 + C8 120
      480, // C5 200 + C6 100 + C7 80 + C8 (120 - CO-45 20)
      530, // C5 200 + C6 (100 - 40) + C7 80 + C8 100 + C9 90; C4 is 10 in credit (150 - 160) and left out
      475, // as in metrics.test.ts
    ]);
  });

  it('aging buckets move with the month end', async () => {
    const s = await metricSeries(conn, 'ar_over_120', MARCH, 3);
    // C5 (DOS 2023-11-20) is 72 days old on 01-31, 101 on 02-29, 132 on 03-31
    expect(s.map((p) => p.value)).toEqual([0, 0, 160]);
  });

  it('net collection rate month by month', async () => {
    const s = await metricSeries(conn, 'net_collection_rate', MARCH, 3);
    // Jan: payments 0 / (180 - 20); Feb: 200 / (240 - 0); Mar: 330 / (650 - 160)
    expect(s[0]?.value).toBe(0);
    expect(s[1]?.value).toBeCloseTo(200 / 240, 12);
    expect(s[2]?.value).toBeCloseTo(330 / 490, 12);
  });

  it('a trailing rate trails each month of the series', async () => {
    const s = await metricSeries(conn, 'net_collection_rate_3m', MARCH, 3);
    // Jan (Nov-Jan): 0 / ((200 + 120 + 180) - 20) = 0
    expect(s[0]?.value).toBe(0);
    // Feb (Dec-Feb): 200 / ((120 + 180 + 240) - 20) = 200 / 520
    expect(s[1]?.value).toBeCloseTo(200 / 520, 12);
    // Mar (Jan-Mar): 530 / 890
    expect(s[2]?.value).toBeCloseTo(530 / 890, 12);
  });

  it('uses the month of filter.to, not filter.from, and honours filters', async () => {
    const s = await metricSeries(conn, 'visits', { from: '2020-01-01', to: '2024-03-31', locationId: 'L1' }, 2);
    // Feb: A10; Mar: A1, A2, A8
    expect(s).toEqual([
      { month: '2024-02-01', value: 1 },
      { month: '2024-03-01', value: 3 },
    ]);
  });

  it('rejects a bad month count and an unknown metric', async () => {
    await expect(metricSeries(conn, 'visits', MARCH, 0)).rejects.toThrow(/months must be an integer/);
    await expect(metricSeries(conn, 'nope', MARCH, 3)).rejects.toThrow(/unknown metric/);
  });
});
