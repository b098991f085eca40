/**
 * The board's "why" view cannot be differenced to a small count or one person's pay. A fixture
 * of three months (July, August, September 2026) loaded through the real ETL, with one small
 * provider and one small location, read as the board in every view a board member can open
 * (each month against the one before: the views `/why/:metric/:month` offers with
 * `compare=prior`), rendered by the why page's own view. Expected numbers by hand:
 *
 * Visits (fulfilled appointments) by provider, July / August / September:
 *   Dr Ames 20 / 5 / 20   Dr Baker 20 / 40 / 45   Dr Cole 60 / 30 / 12   Dr Dunn 50 / 50 / 60
 * August: Dr Ames's 5 is small; the next smallest of August, Dr Cole (30), is withheld with it
 * (35 in all). So in both views that show August, Ames and Cole are one driver: Sep vs Aug
 * "Other (2 withheld)" 32 / 35, Aug vs Jul 35 / 80. (Pooling per view, as before, took Dr Baker
 * as the complement in Aug vs Jul (sizes 60 < 90), showing Dr Cole's August 30, and the Sep vs
 * Aug pool's 35 - 30 gave Dr Ames's 5.)
 *
 * Payroll: location L1 pays 4 people every month (cost 1,000 each); L2 pays 3 in July and
 * September and 1 in August (cost 1,000 each): August's L2 (one person) is withheld with the
 * next smallest of August, L1, so the two views showing August pool both locations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeFor, type Bridge } from '../../dashboards/bridge/index.ts';
import { POOLED_LOCATIONS } from '../../dashboards/bridge/segments.ts';
import { whyHtml } from '../../server/views/why.ts';
import type { Harness } from '../helpers/etlHarness.ts';
import { openHarness } from '../helpers/etlHarness.ts';
import { loadFixture } from './fixture.ts';

type Row = Record<string, string>;
const MONTHS = { jul: { from: '2026-07-01', to: '2026-07-31' }, aug: { from: '2026-08-01', to: '2026-08-31' }, sep: { from: '2026-09-01', to: '2026-09-30' } };
const VISITS: Record<string, [string, number, number, number]> = { PR01: ['L1', 20, 5, 20], PR02: ['L2', 20, 40, 45], PR03: ['L1', 60, 30, 12], PR04: ['L2', 50, 50, 60] };
const NAMES: Record<string, string> = { PR01: 'Dr Ames', PR02: 'Dr Baker', PR03: 'Dr Cole', PR04: 'Dr Dunn' };

function appointmentRows(): Row[] {
  const rows: Row[] = [];
  for (const [prov, [loc, ...counts]] of Object.entries(VISITS)) {
    counts.forEach((n, m) => {
      const month = ['2026-07', '2026-08', '2026-09'][m]!;
      for (let i = 0; i < n; i++) {
        const start = `${month}-${String((i % 27) + 1).padStart(2, '0')} 10:00:00`;
        rows.push({
          appointment_id: `A-${prov}-${month}-${i}`, patient_id: `p-${prov}-${i}`, provider_id: prov, location_id: loc, booked_at: `${month}-01 08:00:00`,
          scheduled_start: start, status: 'fulfilled', cancelled_at: '', checked_in_at: start, checked_out_at: start.replace('10:00', '10:30'),
        });
      }
    });
  }
  return rows;
}

function payrollRows(): Row[] {
  const rows: Row[] = [];
  const periods = [['2026-07-05', '2026-07-18'], ['2026-08-02', '2026-08-15'], ['2026-09-06', '2026-09-19']] as const;
  const staff: [string, string, number[]][] = [
    ['E1', 'L1', [0, 1, 2]], ['E2', 'L1', [0, 1, 2]], ['E3', 'L1', [0, 1, 2]], ['E4', 'L1', [0, 1, 2]],
    ['E5', 'L2', [0, 1, 2]], ['E6', 'L2', [0, 2]], ['E7', 'L2', [0, 2]],
  ];
  for (const [id, loc, months] of staff) {
    for (const m of months) {
      const [start, end] = periods[m]!;
      rows.push({ employee_id: id, job_class: 'clinical', location_id: loc, period_start: start, period_end: end, check_date: end, regular_hours: '80.00', gross_pay_usd: '800.00', employer_tax_usd: '100.00', benefits_usd: '100.00' });
    }
  }
  return rows;
}

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await loadFixture(h, { appointments: appointmentRows(), payroll: payrollRows() });
}, 120_000);
afterAll(() => h?.close());

const boardBridge = (metricId: string, cur: keyof typeof MONTHS, base: keyof typeof MONTHS) =>
  h.warehouse.use((conn) => bridgeFor(conn, { metricId, ...MONTHS[cur], base: MONTHS[base], comparison: 'prior', audience: 'board', filter: {} }));

/** The why page as the board reads it (the route's view), for one bridge. */
const page = (b: Bridge) => whyHtml({ bridge: b, charts: {}, periodText: '', back: { href: '/reports/2026-09', label: 'Back' }, compareLinks: [], boardNote: true }).text;

/** The driver table rows of a page: segment, comparison, month, change (as shown). */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr><th scope="row">(.*?)<\/th><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td><td class="num">(.*?)<\/td>/g)].map((m) => m.slice(1, 5));
}

/**
 * What the board learns about one month from all the views: the month's total and the values of
 * the segments shown on their own in any view. Returns the segments never shown alone and their
 * sum (total - the shown ones): the only thing that can be worked out about them.
 */
function remainder(views: readonly { bridge: Bridge; side: 'base' | 'current' }[], all: readonly string[]) {
  const shown = new Map<string, number>();
  let total: number | null = null;
  for (const { bridge, side } of views) {
    total = bridge[side]!.value;
    for (const d of bridge.byDimension[0]!.drivers) if (!d.suppressed) shown.set(d.label, d[side]!.value);
  }
  const hidden = all.filter((l) => !shown.has(l));
  return { hidden, sum: total! - [...shown.values()].reduce((a, v) => a + v, 0) };
}

describe('the board reading why: small visits cannot be worked out, within a view or across views', () => {
  it('pools August\'s small provider with the same complement in every view that shows August', async () => {
    const sepAug = await boardBridge('visits', 'sep', 'aug');
    const augJul = await boardBridge('visits', 'aug', 'jul');
    const drivers = (b: Bridge) => b.byDimension[0]!.drivers.map((d) => [d.label, d.base?.value, d.current?.value, d.suppressed ?? false]).sort((a, c) => String(a[0]).localeCompare(String(c[0])));
    expect(sepAug.byDimension.map((d) => d.dimension)).toEqual(['provider']);
    expect(drivers(sepAug)).toEqual([['Dr Baker', 40, 45, false], ['Dr Dunn', 50, 60, false], ['Other (2 withheld)', 35, 32, true]]);
    expect(drivers(augJul)).toEqual([['Dr Baker', 20, 40, false], ['Dr Dunn', 50, 50, false], ['Other (2 withheld)', 80, 35, true]]);
    // August, from both views: Ames and Cole are never shown alone; together 35, not one small group.
    const aug = remainder([{ bridge: sepAug, side: 'base' }, { bridge: augJul, side: 'current' }], Object.values(NAMES));
    expect(aug).toEqual({ hidden: ['Dr Ames', 'Dr Cole'], sum: 35 });
  });

  it('shows no count from 1 to 10 on the page, and the shown drivers against the total leave no single small group', async () => {
    for (const [cur, base] of [['sep', 'aug'], ['aug', 'jul']] as const) {
      const b = await boardBridge('visits', cur, base);
      const html = page(b);
      expect(html).toContain('For the board: the whole practice and one month');
      for (const name of ['Dr Ames', 'Dr Cole']) expect(html).not.toContain(name);
      const rows = tableRows(html);
      expect(rows.length).toBe(3);
      for (const [, comparison, month] of rows) for (const v of [comparison, month]) expect(Number(v!.replace(/,/g, '')) >= 11 || Number(v) === 0, `${v}`).toBe(true);
      // The pool is the only unshown part of each period, and it is not small.
      for (const side of ['base', 'current'] as const) {
        const shown = b.byDimension[0]!.drivers.filter((d) => !d.suppressed).reduce((a, d) => a + d[side]!.value, 0);
        expect(b[side]!.value - shown).toBeGreaterThan(10);
      }
    }
  });
});

describe('the board reading why: no one person\'s pay', () => {
  it('pools a location paying one person in August with August\'s next smallest, in both views that show August', async () => {
    for (const [cur, base] of [['sep', 'aug'], ['aug', 'jul']] as const) {
      const b = await boardBridge('payroll_cost', cur, base);
      const drivers = b.byDimension[0]!.drivers;
      // Every location is in the pool: August's L2 pays one person, and L1 (4 people) joins it.
      expect(drivers.map((d) => d.label)).toEqual([POOLED_LOCATIONS]);
      const html = page(b);
      expect(html).not.toMatch(/Main/);
      // The pool holds 5 people in August (4,000 + 1,000); nothing on the page is one person's 1,000.
      expect(tableRows(html)).toEqual([[POOLED_LOCATIONS, ...(cur === 'sep' ? ['$5.0k', '$7.0k', '+$2.0k'] : ['$7.0k', '$5.0k', '-$2.0k'])]]);
      expect(html).not.toMatch(/\$1\.0k|\$1,000/);
    }
  });

  it('shows each location on its own where neither month is small (September against July)', async () => {
    const b = await h.warehouse.use((conn) => bridgeFor(conn, { metricId: 'payroll_cost', ...MONTHS.sep, base: MONTHS.jul, comparison: 'yoy', audience: 'board', filter: {} }));
    expect(b.byDimension[0]!.drivers.map((d) => [d.label, d.base?.exact, d.current?.exact])).toEqual([['Main (L1)', '4000.00', '4000.00'], ['Main (L2)', '3000.00', '3000.00']]);
  });
});
