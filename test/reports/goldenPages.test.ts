/**
 * Golden page images of the pack's story pages (the cover, the month at a glance, each area
 * page), on A4 and Letter, from the 3-month demo practice with the fixed clock and fixed
 * commentary. The data-completeness notes, which carry the real time of the demo's loads, are
 * pinned so that the page count (in every footer) does not depend on it. A page that changes
 * writes `<name>-changed.png` beside its golden under test/reports/golden/ and fails; accept an
 * intended change with `UPDATE_GOLDEN=1 npx vitest run test/reports/goldenPages.test.ts`.
 * Needs `pdftoppm` (Debian poppler-utils).
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackModel } from '../../reports/build.ts';
import type { PackModel } from '../../reports/model.ts';
import { renderPack } from '../../reports/pdf/render.ts';
import { areaPages, STORY_TITLE } from '../../reports/story.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { expectGoldenPng, renderPages } from './goldenPng.ts';
import { readPdf } from './pdfText.ts';

const COMMENTARY = {
  overview: 'October was the strongest month of the year for charges, and collections recovered as the August claims were paid.',
  financial: 'Charges ran ahead of budget for the second month running.',
  collections: 'Denials fell as the coding backlog cleared.',
};

let demo: Demo;
let model: PackModel;

/** The demo's completeness notes with the time of its loads pinned (they carry the real clock). */
function pinned(m: PackModel): PackModel {
  const c = m.completeness;
  return {
    ...m,
    completeness: {
      ...c,
      sources: c.sources.map((s) => ({ ...s, lastLoadedAt: s.lastLoadedAt === null ? null : '2026-11-15 14:00' })),
      loads: c.loads.map((l, i) => ({ ...l, runId: `r${i}`, startedAt: '2026-11-15 14:00' })),
    },
  };
}

beforeAll(async () => {
  demo = await openDemo();
  model = pinned(await demo.ctx.warehouse.use((conn) => buildPackModel(conn, { month: '2026-10', today: TODAY, practiceName: PRACTICE, now: NOW })));
}, 300_000);
afterAll(() => demo?.close());

describe.each(['a4', 'letter'] as const)('the story pages on %s', (size) => {
  it('look as approved: cover, the month at a glance and each area page', async () => {
    const r = await renderPack(model, { pageSize: size, commentary: COMMENTARY, status: { state: 'draft' } });
    expect(r.warnings).toEqual([]);
    const pages = (await readPdf(r.pdf)).pages;
    const startOf = (title: string) => pages.findIndex((p) => p.startsWith(title));
    const areas = areaPages(model).map((p) => ({ name: p.id, index: startOf(p.title) }));
    const glance = startOf(STORY_TITLE);
    expect(glance).toBe(1);
    const named = [{ name: 'cover', index: 0 }, ...Array.from({ length: areas[0]!.index - glance }, (_, i) => ({ name: `glance-${i + 1}`, index: glance + i })), ...areas];
    expect(named.map((n) => n.name)).toEqual(['cover', 'glance-1', 'financial', 'collections', 'staffing']);
    const images = renderPages(r.pdf, named.map((n) => n.index + 1));
    const failures: string[] = [];
    named.forEach((n, i) => {
      try {
        expectGoldenPng(`pack-${size}-${n.name}`, images[i]!);
      } catch (e) {
        failures.push((e as Error).message);
      }
    });
    expect(failures).toEqual([]);
  });
});

describe('the golden image check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-golden-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const png = (shade: number, dot = false) => {
    const p = new PNG({ width: 40, height: 40 });
    p.data.fill(shade);
    if (dot) for (let y = 5; y < 15; y++) for (let x = 5; x < 15; x++) p.data.set([0, 0, 0, 255], (y * 40 + x) * 4);
    return PNG.sync.write(p);
  };

  it('creates no golden without UPDATE_GOLDEN, and never in CI', () => {
    expect(() => expectGoldenPng('page', png(255), { dir, env: {} })).toThrow(/no golden image/);
    expect(existsSync(join(dir, 'page-changed.png'))).toBe(true);
    expect(() => expectGoldenPng('page', png(255), { dir, env: { UPDATE_GOLDEN: '1', CI: 'true' } })).toThrow(/no golden image/);
    expect(existsSync(join(dir, 'page.png'))).toBe(false);
    expectGoldenPng('page', png(255), { dir, env: { UPDATE_GOLDEN: '1' } });
    expect(existsSync(join(dir, 'page.png'))).toBe(true);
    expect(existsSync(join(dir, 'page-changed.png'))).toBe(false);
  });

  it('fails on a changed page with the count of differing pixels and writes the -changed copy', () => {
    expect(() => expectGoldenPng('page', png(255, true), { dir, env: {} })).toThrow(/page: 100 pixels differ/);
    expect(readFileSync(join(dir, 'page-changed.png'))).toEqual(png(255, true));
    expect(() => expectGoldenPng('page', png(255, true), { dir, env: { UPDATE_GOLDEN: '1', CI: '1' } })).toThrow(/100 pixels differ/);
    expectGoldenPng('page', png(255), { dir, env: {} });
    expect(existsSync(join(dir, 'page-changed.png'))).toBe(false);
  });
});
