/**
 * The pack's glyphs: every font the PDF uses is embedded (poppler's `pdffonts`) and is the
 * pack's own typeface, every character of its text has a glyph in that typeface (none drawn
 * as a missing-glyph box), and the text of every chart, drawn by svg-to-pdfkit, reads back
 * from the PDF exactly as the chart's SVG gives it (the issue saw "7.1%" as "7l%").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel } from '../../reports/build.ts';
import type { PackModel } from '../../reports/model.ts';
import { compactChart } from '../../reports/pdf/areaCharts.ts';
import { renderPack } from '../../reports/pdf/render.ts';
import { areaPages, keyCharts } from '../../reports/story.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { readPdf, type PdfRead } from './pdfText.ts';

const require = createRequire(import.meta.url);
const INTER = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf', '700Bold/Inter_700Bold.ttf', '400Regular_Italic/Inter_400Regular_Italic.ttf'];

let demo: Demo;
let model: PackModel;
let pdf: Buffer;
let read: PdfRead;

beforeAll(async () => {
  demo = await openDemo();
  model = await demo.ctx.warehouse.use((conn) => buildPackModel(conn, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW }));
  const r = await renderPack(model, { pageSize: 'a4', commentary: { overview: 'Charges rose 18.5% on September.' }, status: { state: 'draft' } });
  expect(r.warnings).toEqual([]);
  pdf = r.pdf;
  read = await readPdf(pdf);
}, 300_000);
afterAll(() => demo?.close());

/** The text leaves of a chart (each `<tspan>`, or a `<text>` without one); tick labels only when asked. */
function chartTexts(svg: string, ticks: boolean): string[] {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return Array.from(doc.querySelectorAll('text') as ArrayLike<Element>)
    .filter((t) => ticks || !t.closest('g[aria-label$="tick label"]'))
    .flatMap((t) => (t.querySelector('tspan') ? Array.from(t.querySelectorAll('tspan'), (x) => x.textContent ?? '') : [t.textContent ?? '']))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the glyphs of the pack', () => {
  it('embeds every font it uses, all of them the pack\'s own typeface', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-fonts-'));
    try {
      writeFileSync(join(dir, 'pack.pdf'), pdf);
      const lines = execFileSync('pdffonts', [join(dir, 'pack.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) {
        // name, type (two words), encoding, emb, sub, uni, object id, generation
        const cols = line.trim().split(/\s+/);
        expect(cols[0], line).toMatch(/^[A-Z]{6}\+Inter-(Regular|SemiBold|Bold|Italic)$/);
        expect(cols.slice(-5, -2), line).toEqual(['yes', 'yes', 'yes']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has a glyph in the typeface for every character of its text', () => {
    const fonts = INTER.map((f) => fontkit.openSync(require.resolve(`@expo-google-fonts/inter/${f}`)));
    const chars = [...new Set(read.pages.join('').replace(/\s/g, ''))];
    expect(chars.length).toBeGreaterThan(60);
    for (const font of fonts) expect(chars.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!)), font.fullName).toEqual([]);
  });

  it('reads back the text of every chart as its SVG gives it', () => {
    const all = flat(read.pages.join('\n'));
    const onAreaPages = new Set(areaPages(model).flatMap((p) => keyCharts(p).map((s) => s.id)));
    let checked = 0;
    for (const page of model.pages) {
      for (const s of page.sections) {
        if (!s.svg) continue;
        // A key chart is drawn again at the area page's size (titled with its section): its ticks depend on that size.
        const texts = onAreaPages.has(s.id) ? chartTexts(compactChart(s, { width: 400, height: 250 })!, false) : chartTexts(s.svg, true);
        checked += texts.length;
        expect(texts.filter((t) => !all.includes(t)), `${page.id}/${s.id}`).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(200);
    // A percentage label of a chart, as the bar chart of denial rates prints it.
    expect(all).toMatch(/\d+\.\d%/);
  });
});

describe('the key charts drawn again for an area page', () => {
  const normal = (svg: string, id: string) => svg.replaceAll(`area-${id}`, id).replace(/\s+/g, ' ');

  it('are the dashboard\'s charts: at the dashboard\'s size and title, the same SVG', () => {
    const keys = areaPages(model).flatMap((p) => keyCharts(p));
    expect(keys.map((s) => s.id).sort()).toEqual(['access', 'ar-aging', 'charges-and-payments', 'collection-rates', 'days-in-ar', 'payroll-cost']);
    for (const s of keys) {
      const title = /<title>([^<]*)<\/title>/.exec(s.svg!)![1]!.replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      const id = /id="([a-z-]+)-\d+"/.exec(s.svg!)?.[1] ?? '';
      const again = compactChart({ ...s, title }, { width: 640, height: 300 })!;
      expect(normal(again, id), s.id).toBe(normal(s.svg!, id));
    }
  });
});
