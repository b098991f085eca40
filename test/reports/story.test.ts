/**
 * The pack reads as a story, on A4 and on Letter, and its offline HTML alike: the month at a
 * glance first (right after the cover), then one page per area, Appendix A with the long
 * tables, data completeness and Appendix B with the definitions. Read back as a reader would
 * (pdfjs text; the HTML's text content), the pack has no raw field name, no duplicated column
 * header, no cut label, no number broken over two lines and no glyph error: every number the
 * model presents appears verbatim. The drivers come from a hand-written PackStory; a pack
 * without one shows its headlines without drivers.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel } from '../../reports/build.ts';
import { renderPackHtml } from '../../reports/html.ts';
import type { PackModel } from '../../reports/model.ts';
import { renderPack } from '../../reports/pdf/render.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { readPdf, type PdfRead } from './pdfText.ts';
import { STORY } from './storyFixture.ts';

const COMMENTARY = { overview: 'October was the strongest month of the year for charges.', collections: 'Denials fell as the coding backlog cleared.' };
const AREAS = ['Financial review', 'Collections performance', 'Staffing efficiency'];
const SNAKE = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g;

let demo: Demo;
let model: PackModel;
const pdf: Record<'a4' | 'letter', PdfRead> = {} as never;
let plain: PdfRead;
let htmlText: string;
let htmlHeadings: string[];

beforeAll(async () => {
  demo = await openDemo();
  const built = await demo.ctx.warehouse.use((conn) => buildPackModel(conn, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW }));
  model = { ...built, story: STORY };
  for (const size of ['a4', 'letter'] as const) {
    const r = await renderPack(model, { pageSize: size, commentary: COMMENTARY, status: { state: 'draft' } });
    expect(r.warnings, size).toEqual([]);
    pdf[size] = await readPdf(r.pdf);
  }
  const older: PackModel = { ...built };
  delete (older as { story?: unknown }).story;
  plain = await readPdf((await renderPack(older, { pageSize: 'a4', commentary: COMMENTARY, status: { state: 'draft' } })).pdf);
  const { document } = parseHTML(renderPackHtml(model, { commentary: COMMENTARY, status: { state: 'draft' } }));
  for (const s of Array.from(document.querySelectorAll('style'))) s.remove();
  htmlText = document.querySelector('body')!.textContent ?? '';
  htmlHeadings = Array.from(document.querySelectorAll('h2'), (h) => h.textContent ?? '');
}, 400_000);
afterAll(() => demo?.close());

/** Every number text the model presents: tile values and comparisons, numeric table cells. */
function presentedNumbers(): string[] {
  const out = new Set<string>();
  for (const page of model.pages) {
    for (const t of page.tiles) for (const n of [t.value, ...t.comparisons.map((c) => c.value)]) out.add(n.text);
    for (const s of page.sections) s.table.text!.forEach((row) => row.forEach((cell, i) => s.table.align![i] === 'right' && out.add(cell)));
  }
  return [...out].filter((t) => /\d/.test(t));
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const tile = (id: string) => model.pages[0]!.tiles.find((t) => t.metricId === id)!;

describe.each(['a4', 'letter'] as const)('the story pack on %s', (size) => {
  const pages = () => pdf[size].pages;
  const startOf = (title: string) => pages().findIndex((p) => p.startsWith(title));

  it('tells the story in order: glance right after the cover, the areas, Appendix A, completeness, Appendix B', () => {
    const order = ['The month at a glance', ...AREAS, 'Appendix A: tables by month and category', 'Data completeness', 'Appendix B: metric definitions'].map(startOf);
    expect(order[0]).toBe(1);
    for (let i = 1; i < order.length; i++) expect(order[i], String(i)).toBeGreaterThan(order[i - 1]!);
    // The long tables are in the appendix, not on the area pages.
    const appendix = startOf('Appendix A: tables by month and category');
    expect(pages().findIndex((p) => p.includes('Payments by source (continued)'))).toBeGreaterThan(appendix);
  });

  it('states each headline with its change as an arrow and percentage, target and status, drivers and commentary', () => {
    const glance = flat(pages()[1]! + pages()[2]!);
    // By hand: (1,427,927.00 - 1,204,948.00) / 1,204,948.00 = +18.505%; NCR 83.5% vs 72.8% is a rise in points.
    const charges = tile('gross_charges');
    expect(charges.value.text).toBe('$1,427,927.00');
    expect(glance).toContain('Gross charges $1,427,927.00 \u25B2 +18.5%');
    const ncr = tile('net_collection_rate');
    const pts = Math.round((ncr.value.value! - ncr.comparisons[0]!.value.value!) * 1000) / 10;
    expect(glance).toContain(`Net collection rate ${ncr.value.text} \u25B2 +${pts.toFixed(1)} pts`);
    expect(glance).toContain(`${tile('days_in_ar').target.text} Watch`);
    expect(glance).toContain('Medicare +$138.2k (62%); Commercial +$69.1k (31%);');
    expect(glance).toContain('Eastside clinic +$15.7k (7%)');
    expect(glance).not.toContain('Dr. Fourth Driver');
    expect(glance).toContain('Medicaid +$91.0k (59%); Dr. Small Panel suppressed');
    expect(flat(pages().join(' '))).not.toContain('Wrong Comparison Clinic');
    expect(glance).toContain(COMMENTARY.overview);
    expect(glance).toContain('Payer Acme Health (ACM01): Payments fell from $41.2k to $0.00 in October 2026. Probably an export problem');
  });

  it('gives every area page its headlines with comparisons, its drivers and key charts', () => {
    const financial = flat(pages()[startOf('Financial review')]!);
    expect(financial).toMatch(/Measure October 2026 Prior month vs prior Same month last year vs last year Budget Target Status/);
    expect(financial).toContain('Gross charges (vs September 2026): Medicare +$138.2k (62%)');
    expect(financial).toContain('Charges and payments by month');
  });

  it('draws the chart target bands with the tiles\' targets, in the tiles\' words', () => {
    const all = flat(pages().join(' '));
    for (const id of ['days_in_ar', 'no_show_rate', 'net_collection_rate']) {
      const t = model.pages.flatMap((p) => p.tiles).find((x) => x.metricId === id)!;
      expect(all, id).toContain(`Target ${t.target.text}`);
    }
    expect(tile('days_in_ar').target.text).toBe('\u2264 30.0');
    expect(tile('no_show_rate').target.text).toBe('\u2264 5.0%');
    expect(all).not.toMatch(/under 40 days|Typical range|5-10%/);
  });

  it('has no raw field name, cut label or ellipsis anywhere', () => {
    const all = pages().join('\n');
    expect(all.match(SNAKE) ?? []).toEqual([]);
    expect(all).not.toContain('\u2026');
    expect(all).not.toMatch(/\bFte\b|\bAr (start|end)\b|\bCarc\b/);
    // Reason labels read whole in the charts and tables (wrapped lines joined).
    const reasons = model.pages.flatMap((p) => p.sections).filter((s) => s.table.columns.includes('description'));
    expect(reasons.length).toBeGreaterThan(0);
    for (const s of reasons) {
      const d = s.table.columns.indexOf('description');
      for (const row of s.table.text!) expect(flat(all), `${s.id}: ${row[d]}`).toContain(row[d]!);
    }
    const chartLabel = (() => {
      const s = model.pages.find((p) => p.id === 'collections')!.sections.find((x) => x.id === 'top-denial-reasons')!;
      const row = s.table.text!.find((r) => r[s.table.columns.indexOf('description')]!.length > 30)!;
      return `${row[s.table.columns.indexOf('carc_code')]} ${row[s.table.columns.indexOf('description')]}`;
    })();
    expect(flat(all)).toContain(chartLabel);
  });

  it('prints every number the model presents whole, on one line, glyph for glyph', () => {
    const all = pages().join('\n');
    const numbers = presentedNumbers();
    expect(numbers.length).toBeGreaterThan(300);
    expect(numbers.filter((n) => !all.includes(n))).toEqual([]);
  });
});

describe('the headings of every table', () => {
  it('are never duplicated within a table', () => {
    for (const page of model.pages) for (const s of page.sections) expect(new Set(s.table.headings).size, `${page.id}/${s.id}: ${s.table.headings!.join('|')}`).toBe(s.table.headings!.length);
  });
});

describe('a pack stored without a story', () => {
  it('shows its headlines and changes, with no driver column and no driver', () => {
    const glance = flat(plain.pages[1]!);
    expect(glance).toContain('Gross charges $1,427,927.00 \u25B2 +18.5%');
    expect(glance).not.toContain('Top drivers');
    expect(flat(plain.pages.join(' '))).not.toMatch(/Medicare \+\$|Why it moved/);
  });
});

describe('the offline HTML pack', () => {
  it('has the same order, no raw field name, no ellipsis, and every presented number', () => {
    expect(htmlHeadings).toEqual(['The month at a glance', ...AREAS, 'Appendix A: tables by month and category', 'Data completeness', 'Appendix B: metric definitions']);
    expect(htmlText.match(SNAKE) ?? []).toEqual([]);
    expect(htmlText).not.toContain('\u2026');
    expect(presentedNumbers().filter((n) => !htmlText.includes(n))).toEqual([]);
    expect(flat(htmlText)).toContain('Medicare +$138.2k (62%); Commercial +$69.1k (31%); Eastside clinic +$15.7k (7%)');
  });

  it('escapes what the model carries (commentary with markup stays text)', () => {
    const page = renderPackHtml(model, { commentary: { overview: '<script>alert(1)</script> & more' }, status: { state: 'draft' } });
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(page).not.toContain('<script>');
  });
});
