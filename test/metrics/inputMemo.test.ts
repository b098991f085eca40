/**
 * The memo of metric input rows a page keeps (dashboards/metrics/compute.ts `InputMemo`): a
 * page reads each input for each period once, however many of its tiles, charts and budget
 * lines ask, and what a memo gives back is what a fresh read gives. Statements are counted on
 * the connection, by the input's SQL file.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { computeGrid, monthsEnding, type InputMemo } from '../../dashboards/metrics/index.ts';
import { buildPage, type PageContext } from '../../dashboards/pages/index.ts';
import { presentPage } from '../../dashboards/present/index.ts';
import { buildPackModel } from '../../reports/build.ts';
import { PACK_SECTIONS } from '../../reports/model.ts';
import { recording } from '../helpers/countingConnection.ts';
import { withFixture } from './fixture.ts';

const INPUT_FILES = ['flows', 'payroll', 'appointments', 'ar', 'visits', 'clinic-days', 'provider-fte', 'payment-days'] as const;
/** Each input's SQL file by its first line (its comment), which every statement of it starts with. */
const FIRST_LINE = new Map(INPUT_FILES.map((f) => [readFileSync(new URL(`../../dashboards/metrics/inputs/${f}.sql`, import.meta.url), 'utf8').split('\n')[0]!, f]));

/** The connection, and the statements run on it so far of each input. */
function counting(conn: DuckDBConnection): { conn: DuckDBConnection; runs: () => Map<string, number> } {
  const r = recording(conn);
  const runs = () => {
    const byInput = new Map<string, number>();
    for (const sql of r.statements) {
      const input = FIRST_LINE.get(sql.trimStart().split('\n')[0]!);
      if (input) byInput.set(input, (byInput.get(input) ?? 0) + 1);
    }
    return byInput;
  };
  return { conn: r.conn, runs };
}

const MONTH = { period: 'month', month: '2024-03' } as const;

describe('the metric input memo', () => {
  it('lets the financial page read the flows input once, and no input twice', async () => {
    await withFixture(async (raw) => {
      const parsed = parseFilters(MONTH, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      const { conn, runs } = counting(raw);
      const ctx: PageContext = { conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' };
      expect(FIRST_LINE.size, 'each input file has a first line of its own').toBe(INPUT_FILES.length);
      const page = await buildPage('financial', ctx);
      expect(page.tiles.length).toBeGreaterThan(0);
      // Without the memo the tiles, the two trend charts and the two plan-versus-actual reads
      // each ran it: five statements.
      expect(runs().get('flows')).toBe(1);
      for (const [input, n] of runs()) expect(n, input).toBe(1);
    });
  }, 120_000);

  it('gives back what a fresh read gives, reads only the periods it lacks, and keeps filters apart', async () => {
    await withFixture(async (raw) => {
      const { conn, runs } = counting(raw);
      const ids = ['gross_charges', 'net_collection_rate_3m', 'payroll_cost', 'no_show_rate'];
      const filter = { from: '2024-03-01', to: '2024-03-31' };
      const thirteen = monthsEnding('2024-03-31', 13);
      const three = monthsEnding('2024-03-31', 3);
      const memo: InputMemo = new Map();

      expect(await computeGrid(conn, filter, ids, thirteen, memo)).toEqual(await computeGrid(raw, filter, ids, thirteen));
      const afterFirst = runs();
      // Every period of the second ask was read by the first: no statement at all.
      expect(await computeGrid(conn, filter, ids, three, memo)).toEqual(await computeGrid(raw, filter, ids, three));
      expect(runs()).toEqual(afterFirst);

      // One period more (a 14th month back): read, alone, once per input.
      const fourteen = monthsEnding('2024-03-31', 14);
      expect(await computeGrid(conn, filter, ids, fourteen, memo)).toEqual(await computeGrid(raw, filter, ids, fourteen));
      expect([...runs().values()].reduce((a, b) => a + b, 0)).toBeGreaterThan([...afterFirst.values()].reduce((a, b) => a + b, 0));

      // Another location is another read, never the whole practice's rows.
      const location = String((await raw.runAndReadAll('SELECT min(location_id) FROM dim_location')).getRows()[0]![0]);
      const before = runs();
      const atLocation = { ...filter, locationId: location };
      const memoAt = await computeGrid(conn, atLocation, ids, three, memo);
      expect(memoAt).toEqual(await computeGrid(raw, atLocation, ids, three));
      expect(memoAt).not.toEqual(await computeGrid(raw, filter, ids, three));
      expect(runs().get('flows')).toBe((before.get('flows') ?? 0) + 1);
    });
  }, 120_000);

  it('is shared by the board pack\'s pages: fewer reads than the pages alone, the same pages', async () => {
    await withFixture(async (raw) => {
      const parsed = parseFilters(MONTH, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      // Each page alone, each with a memo of its own, as the dashboards build them.
      const alone = counting(raw);
      const pages = [];
      for (const id of PACK_SECTIONS) {
        const ctx: PageContext = { conn: alone.conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' };
        const shown = presentPage(await buildPage(id, ctx), 'board', { monthly: true, links: false });
        pages.push({ id: shown.id, title: shown.title, subtitle: shown.subtitle, tiles: shown.tiles, sections: shown.sections });
      }
      const pack = counting(raw);
      const model = await buildPackModel(pack.conn, { month: '2024-03', today: '2024-04-15', practiceName: 'Fixture', restatements: 'none', story: false });
      expect(model.pages).toEqual(pages);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      // The overview's, the collections' and the staffing's tiles ask for the periods the
      // financial page's already read: each page alone reads the flows input again.
      expect(alone.runs().get('flows')).toBeGreaterThanOrEqual(PACK_SECTIONS.length);
      expect(pack.runs().get('flows')).toBeLessThan(alone.runs().get('flows')!);
      expect(total(pack.runs())).toBeLessThan(total(alone.runs()));
    });
  }, 120_000);
});
