/**
 * One page per area, on A4 and on Letter, for the demo practice and for a practice with long
 * names (long provider, location and payer names, many payers, long commentary: a hand-built
 * story, longNamesFixture.ts): read back page by page (pdfjs), each area's heading page is
 * followed directly by the next part's heading page. A key chart that has no room is never
 * dropped: the area page points to Appendix A and the appendix draws it. No text on the story
 * pages is set smaller than 6 pt (a chart scaled down until "7.1%" read as "7l%").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel } from '../../reports/build.ts';
import type { PackModel } from '../../reports/model.ts';
import { renderPack } from '../../reports/pdf/render.ts';
import { APPENDIX_TABLES_TITLE, areaPages, keyCharts } from '../../reports/story.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { LONG_COMMENTARY, LONG_STORY } from './longNamesFixture.ts';
import { readPdf, type PdfRead } from './pdfText.ts';
import { textSizes } from './pdfTextSizes.ts';

const COMMENTARY = { overview: 'October was the strongest month of the year for charges.', financial: 'Charges ran ahead of budget.', collections: 'Denials fell as the coding backlog cleared.' };
const SIZES = ['a4', 'letter'] as const;
type Fixture = 'demo' | 'long names';

let demo: Demo;
let model: PackModel;
const read: Record<string, PdfRead> = {};
const bytes: Record<string, Buffer> = {};
const key = (fixture: Fixture, size: string) => `${fixture}/${size}`;

beforeAll(async () => {
  demo = await openDemo();
  model = await demo.ctx.warehouse.use((conn) => buildPackModel(conn, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW }));
  const fixtures: Record<Fixture, { model: PackModel; commentary: Record<string, string> }> = {
    demo: { model, commentary: COMMENTARY },
    'long names': { model: { ...model, story: LONG_STORY }, commentary: LONG_COMMENTARY },
  };
  for (const [name, f] of Object.entries(fixtures)) {
    for (const size of SIZES) {
      const r = await renderPack(f.model, { pageSize: size, commentary: f.commentary, status: { state: 'draft' } });
      expect(r.warnings).toEqual([]);
      bytes[key(name as Fixture, size)] = r.pdf;
      read[key(name as Fixture, size)] = await readPdf(r.pdf);
    }
  }
}, 600_000);
afterAll(() => demo?.close());

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe.each(SIZES.flatMap((size) => (['demo', 'long names'] as const).map((fixture) => [fixture, size] as const)))('the %s pack on %s', (fixture, size) => {
  const pages = () => read[key(fixture, size)]!.pages;
  const startOf = (title: string) => pages().findIndex((p) => p.startsWith(title));

  it('sets each area on one page: its heading page is followed directly by the next part', () => {
    const titles = [...areaPages(model).map((p) => p.title), APPENDIX_TABLES_TITLE];
    expect(titles.slice(0, 3)).toEqual(['Financial review', 'Collections performance', 'Staffing efficiency']);
    const starts = titles.map(startOf);
    expect(starts.every((i) => i > 0), starts.join(',')).toBe(true);
    for (let i = 0; i + 1 < starts.length; i++) expect(starts[i + 1], `${titles[i]} -> ${titles[i + 1]}`).toBe(starts[i]! + 1);
  });

  it('shows each area\'s headlines, and its key charts or a pointer to them in Appendix A', () => {
    const appendix = flat(pages().slice(startOf(APPENDIX_TABLES_TITLE), startOf('Data completeness')).join(' '));
    for (const area of areaPages(model)) {
      const page = flat(pages()[startOf(area.title)]!);
      for (const t of area.tiles) expect(page, `${area.id}: ${t.label}`).toContain(`${t.label} ${t.value.text}`);
      const pointer = /For lack of room on this page, (.*?): see Appendix A\./.exec(page)?.[1] ?? '';
      for (const chart of keyCharts(area)) {
        // The stored chart's own title (its first <title>) is drawn only where the stored chart is: in the appendix.
        const stored = /<title>([^<]*)<\/title>/.exec(chart.svg!)![1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&');
        if (pointer.includes(chart.title)) {
          expect(appendix, `${area.id}/${chart.id} in the appendix`).toContain(stored);
        } else {
          expect(page, `${area.id}/${chart.id}`).toContain(chart.title);
          expect(appendix, `${area.id}/${chart.id} drawn twice`).not.toContain(stored);
        }
      }
    }
  });

  it('sets no text on the story pages smaller than 6 pt', async () => {
    const story = startOf(APPENDIX_TABLES_TITLE);
    const sizes = await textSizes(bytes[key(fixture, size)]!, story);
    const small = sizes.filter((s) => s.size < 6).map((s) => `page ${s.page}: "${s.text}" at ${s.size.toFixed(1)} pt`);
    expect(sizes.length).toBeGreaterThan(500);
    expect(small).toEqual([]);
  });
});

describe('what does not fit an area page', () => {
  it('goes to Appendix A with a pointer, never dropped: the long staffing commentary leaves no room for its charts', () => {
    for (const size of SIZES) {
      const pages = read[key('long names', size)]!.pages;
      const staffing = flat(pages.find((p) => p.startsWith('Staffing efficiency'))!);
      expect(staffing, size).toContain('For lack of room on this page, Payroll cost by month and No-shows and late cancellations by month: see Appendix A.');
      expect(staffing, size).toContain(LONG_COMMENTARY.staffing.slice(0, 200));
      const appendix = flat(pages.slice(pages.findIndex((p) => p.startsWith(APPENDIX_TABLES_TITLE))).join(' '));
      expect(appendix).toContain('Payroll cost by month (by pay period end)');
      expect(appendix).toContain('No-show and late-cancellation rates by month');
    }
  });

  it('and the demo practice has every key chart on its area page', () => {
    for (const size of SIZES) for (const p of read[key('demo', size)]!.pages) expect(p).not.toContain('see Appendix A.');
  });
});
