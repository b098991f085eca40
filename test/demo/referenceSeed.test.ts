/**
 * Migration 003 applies on a fresh warehouse and seeds: every CARC the demo generates (with
 * the PRODUCT.md category of each: CO-45/253 contractual, PR-1/2/3 patient share, the rest
 * denials), the CMS work RVUs that the demo's rvus.csv repeats, and a calendar of every day
 * from 2015 to 2040.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../demo/generate.ts';
import { Warehouse } from '../../core/warehouse/open.ts';
import { readCsv } from './csvFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'pb-seed-'));
let wh: Warehouse;
let demo: DemoSummary;

const rows = (sql: string): Promise<Record<string, unknown>[]> =>
  wh.use(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);

beforeAll(async () => {
  wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [dir] });
  demo = await generateDemo({ outDir: join(dir, 'demo'), months: 6, endMonth: '2026-03' });
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 003: reference seed', () => {
  it('seeds the common CARCs with a description and one of the four categories', async () => {
    const carcs = await rows('SELECT carc_code, description, category FROM ref_carc');
    const codes = carcs.map((r) => r.carc_code);
    for (const c of ['1', '2', '3', '4', '5', '11', '16', '18', '22', '23', '27', '29', '45', '50', '96', '97', '109', '119', '151', '167', '170', '197', '204', '242', '253']) {
      expect(codes, c).toContain(c);
    }
    expect(carcs.every((r) => String(r.description).length > 5)).toBe(true);
    expect(new Set(carcs.map((r) => r.category))).toEqual(new Set(['contractual', 'patient_share', 'denial', 'other']));
  });

  it('knows every CARC the demo ledger carries, in the category its group implies', async () => {
    const category = new Map((await rows('SELECT carc_code, category FROM ref_carc')).map((r) => [r.carc_code as string, r.category as string]));
    const used = new Map<string, string>();
    for (const r of readCsv(demo.files.billing.path).rows) if (r.carc_code) used.set(r.carc_code, r.adj_group!);
    expect(used.size).toBeGreaterThan(10);
    for (const [carc, group] of used) {
      const expected = group === 'PR' ? 'patient_share' : carc === '45' || carc === '253' ? 'contractual' : 'denial';
      expect(category.get(carc), `CARC ${carc}`).toBe(expected);
    }
  });

  it('seeds the CMS work RVUs exactly as the demo rvus.csv states them', async () => {
    const seeded = await rows("SELECT procedure_code, work_rvu::VARCHAR AS work_rvu, file_id, source_line::INTEGER AS source_line FROM dim_procedure ORDER BY procedure_code");
    const file = readCsv(demo.files.rvus.path).rows;
    expect(seeded.map((r) => [r.procedure_code, r.work_rvu])).toEqual(file.map((r) => [r.procedure_code, r.work_rvu]));
    expect(seeded.every((r) => r.file_id === 'seed:cms' && r.source_line === 0)).toBe(true);
    expect(seeded.find((r) => r.procedure_code === '99214')?.work_rvu).toBe('1.92');
  });

  it('fills dim_date for every day of 2015-2040 with its month, quarter and weekday', async () => {
    const [stats] = await rows(
      "SELECT count(*)::INTEGER AS n, min(date_day)::VARCHAR AS first, max(date_day)::VARCHAR AS last, count(*) FILTER (is_weekday)::INTEGER AS weekdays FROM dim_date",
    );
    expect(stats).toEqual({ n: 9497, first: '2015-01-01', last: '2040-12-31', weekdays: 6783 });
    const [leap] = await rows("SELECT month_start::VARCHAR AS m, year_n, quarter_n, month_n, iso_dow_n, is_weekday FROM dim_date WHERE date_day = DATE '2024-02-29'");
    expect(leap).toEqual({ m: '2024-02-01', year_n: 2024, quarter_n: 1, month_n: 2, iso_dow_n: 4, is_weekday: true });
  });
});
