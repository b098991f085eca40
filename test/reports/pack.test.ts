/**
 * The board pack over the 3-month demo practice, read back as a reader would: the PDF's text
 * (pdfjs) carries the dashboard's headline numbers formatted the same way, "Page N of M" and
 * "Confidential" on every page, the metadata, the page size, repeated table headers, the
 * commentary, suppressed small cells and no patient-level data; the offline HTML makes no
 * request. The demo is loaded once for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../dashboards/charts/format.ts';
import { parseFilters, toMetricFilter } from '../../dashboards/filters/index.ts';
import { computeMetrics, getMetric } from '../../dashboards/metrics/index.ts';
import { buildPage, type PageModel } from '../../dashboards/pages/index.ts';
import { valueColumn } from '../../dashboards/pages/model.ts';
import { OVERVIEW_METRICS } from '../../dashboards/pages/overview.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackModel } from '../../reports/build.ts';
import { buildReportFile } from '../../server/commands/reportBuild.ts';
import { renderPackHtml } from '../../reports/html.ts';
import type { PackModel } from '../../reports/model.ts';
import { renderPack } from '../../reports/pdf/render.ts';
import { isCountedColumn, isSmall } from '../../dashboards/privacy/rules.ts';
import { isSuppressed } from '../../dashboards/privacy/suppress.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { readPdf, type PdfRead } from './pdfText.ts';

const COMMENTARY = {
  overview: 'Collections recovered in October as the August claims were paid.',
  financial: 'Charges ran ahead of budget for the second month running.',
  staffing: 'Overtime stayed under 3% of hours worked.',
};

let demo: Demo;
let model: PackModel;
let overview: PageModel;
let collections: PageModel;
let letter: PdfRead;
let letterBytes: Buffer;
let a4: PdfRead;
let patientKeys: string[];

beforeAll(async () => {
  demo = await openDemo();
  await demo.ctx.warehouse.use(async (conn) => {
    model = await buildPackModel(conn, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW });
    const parsed = parseFilters({ period: 'month', month: '2026-10' }, { today: TODAY });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const ctx = { conn, filters: parsed.value, today: TODAY, query: '', drill: () => '' };
    overview = await buildPage('overview', ctx);
    collections = await buildPage('collections', ctx);
    patientKeys = (await conn.runAndReadAll('SELECT DISTINCT patient_key FROM fact_appointment LIMIT 200')).getRows().map((r) => String(r[0]));
  });
  const rendered = await renderPack(model, { pageSize: 'letter', commentary: COMMENTARY, status: { state: 'draft' } });
  expect(rendered.warnings).toEqual([]);
  letterBytes = rendered.pdf;
  letter = await readPdf(letterBytes);
  a4 = await readPdf(await renderPack(model, { pageSize: 'a4', commentary: COMMENTARY, status: { state: 'draft' } }).then((r) => r.pdf));
}, 300_000);
afterAll(() => demo?.close());

/** The executive summary's row of a measure: its label and the cells after it, as read from the PDF. */
function summaryLine(label: string): string {
  const page = letter.pages.find((p) => p.startsWith('The month at a glance'))!;
  const flat = page.replace(/\s+/g, ' ');
  const at = flat.indexOf(`${label} `, flat.indexOf('Status', flat.indexOf('Headline measures')));
  if (at < 0) throw new Error(`no summary line for ${label}`);
  return flat.slice(at, at + label.length + 80);
}

describe('the PDF board pack', () => {
  it('states the overview headline numbers exactly as the dashboard and the metric catalog give them', async () => {
    const values = await demo.ctx.warehouse.use(async (conn) => {
      const parsed = parseFilters({ period: 'month', month: '2026-10' }, { today: TODAY });
      if (!parsed.ok) throw new Error('filters');
      return computeMetrics(conn, toMetricFilter(parsed.value), [...OVERVIEW_METRICS]);
    });
    for (const id of OVERVIEW_METRICS) {
      const m = getMetric(id);
      const v = values[id]!;
      const expected = formatValue(valueColumn(m), m.unit === 'usd' ? (v.exact ?? v.value) : v.value);
      const tile = overview.tiles.find((t) => t.metric.id === id)!;
      expect(formatValue(tile.column, m.unit === 'usd' ? (tile.value.exact ?? tile.value.value) : tile.value.value)).toBe(expected);
      const line = summaryLine(m.label);
      expect(line.split(' ').slice(m.label.split(' ').length)[0], `${id}: ${line}`).toBe(expected);
    }
    // A money figure is written to the cent, as on the dashboard.
    expect(summaryLine('Gross charges')).toMatch(/^Gross charges \$\d{1,3}(,\d{3})+\.\d{2} /);
  });

  it('numbers every page "Page N of M" and marks every page Confidential and the draft DRAFT', () => {
    const n = letter.pages.length;
    expect(n).toBeGreaterThan(10);
    letter.pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${n}`);
      expect(text).toContain('Confidential');
      expect(text).toContain('DRAFT');
    });
    expect(letter.pages[0]).toContain('Board pack');
    expect(letter.pages[0]).toContain('October 2026');
    expect(letter.pages[0]).toContain(PRACTICE);
  });

  it('carries title, subject, author and the creation date from the injected clock in its metadata', () => {
    expect(letter.info.Title).toBe(`${PRACTICE}: board pack, October 2026 (draft)`);
    expect(String(letter.info.Subject)).toContain('October 2026');
    expect(letter.info.Author).toBe(PRACTICE);
    expect(letter.info.CreationDate).toBe('D:20261115150000Z');
  });

  it('is set on Letter or A4 as asked', () => {
    expect(new Set(letter.sizes.map((s) => `${s.width}x${s.height}`))).toEqual(new Set(['612x792']));
    expect(new Set(a4.sizes.map((s) => `${s.width}x${s.height}`))).toEqual(new Set(['595x842']));
  });

  it('repeats the header row of a table that runs onto the next page', () => {
    const i = letter.pages.findIndex((p) => p.includes('Payments by source (continued)'));
    expect(i).toBeGreaterThan(0);
    const before = letter.pages[i - 1]!;
    const after = letter.pages[i]!.slice(letter.pages[i]!.indexOf('Payments by source (continued)'));
    for (const text of [before, after]) expect(text).toMatch(/Month\s*Payment source\s*Payments/);
    // Both pages hold rows of the table (26 rows do not fit one page under the chart).
    expect(after).toMatch(/(Insurance|Patient) \$/);
  });

  it('prints the manager commentary of each section', () => {
    const all = letter.pages.join('\n').replace(/\s+/g, ' ');
    for (const text of Object.values(COMMENTARY)) expect(all).toContain(text);
    expect(all).toContain('No commentary yet.');
  });

  it('is byte-for-byte the same when rendered again', async () => {
    const again = await renderPack(model, { pageSize: 'letter', commentary: COMMENTARY, status: { state: 'draft' } });
    expect(Buffer.compare(again.pdf, letterBytes)).toBe(0);
  });
});

describe('privacy of the pack', () => {
  it('suppresses counts of 1 to 10 that the dashboard shows, in the model and in the PDF', () => {
    const raw = collections.sections.find((s) => s.id === 'denial-reasons-by-payer')!;
    const claims = raw.table.columns.indexOf('claims_n');
    expect(raw.table.rows.some((r) => isSmall(r[claims]))).toBe(true);
    const packed = model.pages.find((p) => p.id === 'collections')!.sections.find((s) => s.id === 'denial-reasons-by-payer')!;
    expect(packed.suppressedCells).toBeGreaterThan(0);
    expect(model.suppression.cells).toBeGreaterThan(0);
    const page = letter.pages.find((p) => p.includes('Denial reasons by payer'))!;
    expect(page).toContain('suppressed');
  });

  it('leaves no count of patients from 1 to 10 anywhere in the pack, and no column with one hidden cell', () => {
    for (const page of model.pages) {
      for (const s of page.sections) {
        s.table.columns.forEach((c, i) => {
          if (!isCountedColumn(c)) return;
          const cells = s.table.rows.map((r) => r[i] ?? null);
          expect(cells.filter((v) => !isSuppressed(v) && isSmall(v)), `${page.id}/${s.id}/${c}`).toEqual([]);
          expect(cells.filter(isSuppressed).length, `${page.id}/${s.id}/${c}`).not.toBe(1);
        });
        if (s.suppressedCells > 0) expect(s.svg, `${s.id}: a chart over suppressed cells`).toBeUndefined();
      }
    }
  });

  it('has no patient-level rows or patient identifiers', () => {
    const json = JSON.stringify(model);
    const text = letter.pages.join('\n');
    expect(patientKeys.length).toBeGreaterThan(0);
    for (const key of patientKeys) {
      expect(json.includes(key)).toBe(false);
      expect(text.includes(key)).toBe(false);
    }
    for (const page of model.pages) for (const s of page.sections) expect(s.table.columns.filter((c) => /patient_(id|key)|^patient$/.test(c))).toEqual([]);
  });
});

describe('the offline HTML pack', () => {
  const html = () => renderPackHtml(model, { commentary: COMMENTARY, status: { state: 'draft' } });

  it('makes no request: no http(s) reference, script, stylesheet link or external source', () => {
    const page = html();
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
    expect(page).toMatch(/<svg[^>]+role="img"/);
  });

  it('shows the same headline numbers, commentary and suppression as the PDF', () => {
    const page = html();
    for (const t of model.pages[0]!.tiles) expect(page).toContain(`>${t.value.text.replace('&', '&amp;')}<`);
    expect(page).toContain(COMMENTARY.financial);
    expect(page).toContain('class="num suppressed">suppressed<');
    expect(page).toContain('Confidential');
    expect(page).toContain('DRAFT: not approved');
  });
});

describe('practiceboard report build', () => {
  it('writes the month\'s pack as a PDF of the size asked for, or as offline HTML', async () => {
    const pdfOut = join(demo.dir, 'board.pdf');
    const r = await buildReportFile(demo.ctx, { month: '2026-10', out: pdfOut, size: 'a4', format: 'pdf', practiceName: PRACTICE, now: () => NOW });
    expect(r).toMatchObject({ path: pdfOut, status: { state: 'draft' } });
    const read = await readPdf(readFileSync(pdfOut));
    expect(read.sizes[0]).toEqual({ width: 595, height: 842 });
    expect(read.pages[0]).toContain(PRACTICE);
    const htmlOut = join(demo.dir, 'board.html');
    await buildReportFile(demo.ctx, { month: '2026-10', out: htmlOut, format: 'html', practiceName: PRACTICE, now: () => NOW });
    expect(readFileSync(htmlOut, 'utf8')).toContain('<title>Riverside Medical Group: board pack, October 2026</title>');
    await expect(buildReportFile(demo.ctx, { month: '2026-13', out: htmlOut, format: 'html', now: () => NOW })).rejects.toThrow(/is not a month/);
  });
});
