/**
 * Source lines of loaded rows come from the record scan's breakpoints: a few as arithmetic on
 * the row number, many (over INLINE_BREAKPOINTS) through a join on the breakpoint table. Both
 * must give every row its true line; the lines below were counted by hand.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { INLINE_BREAKPOINTS, lineSqlOf } from '../../etl/load/linePlan.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

it('inlines a few breakpoints and joins on many', () => {
  expect(lineSqlOf([[1, 1]])).toEqual({ lineSql: '(CASE WHEN t.rowid + 1 >= 1 THEN t.rowid + 1 + 1 END)', joinSql: '' });
  const many = Array.from({ length: INLINE_BREAKPOINTS + 1 }, (_, i) => [i + 1, i + 1] as const);
  expect(lineSqlOf(many).joinSql).toContain('ASOF LEFT JOIN line_bp');
});

for (const [label, records] of [['few breakpoints', 3], ['more breakpoints than are inlined', INLINE_BREAKPOINTS + 4]] as const) {
  it(`gives each row its true line with ${label}`, async () => {
    // Header on line 1; record i (from 1) on line 2i, each followed by a blank line: a breakpoint per record.
    const lines = [header('billing')];
    for (let i = 1; i <= records; i++) lines.push(row('billing', { transaction_id: `T${i}`, claim_id: `C${i}` }), '');
    const r = await h.load({ path: h.file('gaps.csv', lines.join('\n') + '\n'), source: 'billing' });
    expect(r.status).toBe('loaded');
    const got = await h.rows('SELECT transaction_id, source_line::INTEGER AS line FROM fact_billing_txn ORDER BY source_line');
    expect(got).toEqual(Array.from({ length: records }, (_, k) => ({ transaction_id: `T${k + 1}`, line: 2 * (k + 1) })));
  });
}
