/**
 * Money in one exact shape from SQL to text. On every page of a month (the 3-month demo,
 * October 2026) every money cell of every section is exact decimal text as it leaves the page
 * builder (never a binary double), and the presented text is that decimal formatted, compared
 * with a formatter written here. Three sections are also checked against separate SQL over the
 * facts (DECIMAL sums cast to VARCHAR): the charges by payer class, the month's gross charges in
 * the monthly table, and the charges of the A/R roll-forward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersToQuery } from '../../dashboards/filters/index.ts';
import { buildPage, PAGES, type PageId, type PageModel } from '../../dashboards/pages/index.ts';
import { presentPage, unitOf, type PresentedPage } from '../../dashboards/present/index.ts';
import { monthFilters } from '../../reports/build.ts';
import { openDemo, TODAY, type Demo } from '../reports/demo.ts';

let demo: Demo;
const built: { model: PageModel; shown: PresentedPage }[] = [];
beforeAll(async () => {
  demo = await openDemo();
  const filters = monthFilters('2026-10', TODAY);
  await demo.ctx.pool.use(async (conn) => {
    for (const id of Object.keys(PAGES) as PageId[]) {
      const model = await buildPage(id, { conn, filters, today: TODAY, query: filtersToQuery(filters), drill: () => '', payByPerson: true });
      built.push({ model, shown: presentPage(model, 'manager') });
    }
  });
}, 180_000);
afterAll(() => demo?.close());

/** '-1234567.05' -> '-$1,234,567.05', by hand. */
function dollars(text: string): string {
  const neg = text.startsWith('-');
  const [whole, cents] = text.replace(/^-/, '').split('.') as [string, string];
  return `${neg ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const sql = (q: string) => demo.ctx.pool.use(async (c) => (await c.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[]);
const OCT = "post_date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'";

describe('money from SQL to text', () => {
  it('is exact decimal text in every money cell of every section, and shown as that decimal formatted', () => {
    let cells = 0;
    for (const { model, shown } of built) {
      for (const s of model.sections) {
        const p = shown.sections.find((x) => x.id === s.id)!;
        s.table.columns.forEach((c, i) => {
          if (unitOf(c) !== 'usd') return;
          const j = p.table.columns.indexOf(c);
          s.table.rows.forEach((r, k) => {
            const v = r[i];
            if (v === null) return;
            expect(typeof v, `${model.id}/${s.id}/${c}`).toBe('string');
            expect(v as string, `${model.id}/${s.id}/${c}`).toMatch(/^-?\d+\.\d{2}$/);
            expect(p.table.text![k]![j], `${model.id}/${s.id}/${c}`).toBe(dollars(v as string));
            cells += 1;
          });
        });
      }
    }
    // Every page has money: flows, mix, plan, A/R, roll-forward, denials, payroll.
    expect(cells).toBeGreaterThan(100);
  });

  it('equals separate SQL over the facts', async () => {
    const cellOf = (page: PageId, section: string, column: string, where: (r: readonly unknown[], cols: readonly string[]) => boolean) => {
      const t = built.find((b) => b.model.id === page)!.model.sections.find((s) => s.id === section)!.table;
      return t.rows.find((r) => where(r, t.columns))?.[t.columns.indexOf(column)];
    };
    const byClass = await sql(`SELECT payer_class, sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'charge' AND ${OCT} GROUP BY 1`);
    expect(byClass.length).toBeGreaterThan(2);
    for (const r of byClass) expect(cellOf('financial', 'mix-payer-class', 'charges_usd', (row) => row[1] === r.payer_class), String(r.payer_class)).toBe(r.usd);
    const [oct] = await sql(`SELECT sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'charge' AND ${OCT}`);
    expect(cellOf('financial', 'charges-and-payments', 'gross_charges_usd', (row, cols) => row[cols.indexOf('month')] === '2026-10-01')).toBe(oct!.usd);
    expect(cellOf('collections', 'ar-roll-forward', 'charges_usd', (row, cols) => row[cols.indexOf('month')] === '2026-10-01')).toBe(oct!.usd);
  });
});
