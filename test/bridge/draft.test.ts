/**
 * Draft commentary from the fixture's story (September 2026 against August 2026): the same
 * words every time, and every figure of every sentence is one of the bridge's own presented
 * amounts, never one the draft computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/etlHarness.ts';
import { buildStory, type Bridge, type PackStory } from '../../dashboards/bridge/index.ts';
import { freshness } from '../../dashboards/freshness.ts';
import { openFixture } from './fixture.ts';

let h: Harness;
let story: PackStory;
const build = (audience: 'manager' | 'board') => h.warehouse.use(async (c) => buildStory(c, '2026-09', audience, await freshness(c, '2026-10-05')));
beforeAll(async () => {
  h = await openFixture();
  story = await build('manager');
}, 120_000);
afterAll(() => h?.close());

/** Every text a bridge presents, signed and unsigned, and its relative change as a whole percent. */
function figures(bridges: readonly Bridge[]): string[] {
  const out = new Set<string>();
  const add = (t: string | undefined) => {
    if (!t) return;
    out.add(t);
    out.add(t.replace(/^[+-]/, ''));
  };
  for (const b of bridges) {
    add(b.base?.text); add(b.current?.text); add(b.change?.text); add(b.comparisonLabel);
    if (b.changePct !== null) add(`${Math.round(Math.abs(b.changePct) * 100)}%`);
    for (const d of b.byDimension) for (const x of d.drivers) { add(x.change.text); add(x.label); }
    for (const e of b.effects ?? []) add(e.change.text);
  }
  // Longest first, so '$1.2k' is taken whole before '$1'.
  return [...out].sort((a, b) => b.length - a.length);
}

describe('draft commentary', () => {
  it('says what moved, by how much and the top drivers, in plain sentences', () => {
    const financial = story.draft.financial ?? [];
    // 440 / 300 = 146.7% -> 147%; top drivers by size: location L1 +350, then the two +250s in list order (payer before procedure group).
    expect(financial[0]).toBe('Gross charges rose 147% on August 2026, +$440, to $740: Main (L1) +$350, Acme (PY3) +$250, Preventive visits +$250.');
    expect(financial).toContain('By effect: Visits (volume) +$197, Charge per visit +$243 (gross charges = visits x charge per visit).');
    // Rate drivers across dimensions: payer Acme (PY2) 0/640 - 150/270 = -55.6 pts leads.
    expect(financial.some((s) => s.startsWith('Net collection rate fell 29.4 pts on August 2026, from 77.8% to 48.4%: Acme (PY2) -55.6 pts'))).toBe(true);
    expect(story.draft.collections?.[0]).toMatch(/^Days in A\/R rose 16\.0 days on August 2026, from 5\.4 to 21\.4/);
    expect(story.draft.overview?.length).toBeGreaterThanOrEqual(7);
  });

  it('takes every number of every sentence from the bridges', () => {
    const known = figures(story.bridges);
    let checked = 0;
    for (const [section, lines] of Object.entries(story.draft)) {
      for (const line of lines ?? []) {
        if (line.startsWith('Worth a look:')) continue; // anomalies carry their own figures (anomalies.test.ts)
        let rest = line;
        for (const t of known) rest = rest.split(t).join(' ');
        expect(rest, `${section}: ${line}`).not.toMatch(/\d/);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('is deterministic, and for the board names no provider with small counts', async () => {
    expect(await build('manager')).toEqual(story);
    const board = await build('board');
    const text = JSON.stringify(board.draft);
    expect(board.draft.staffing).toContain('Segments with small counts are pooled as "Other" (CMS cell-size rule).');
    // The board's sentences take their numbers from the board's bridges too.
    const known = figures(board.bridges);
    for (const line of Object.values(board.draft).flat()) {
      let rest = line ?? '';
      for (const t of known) rest = rest.split(t).join(' ');
      if (!line?.startsWith('Worth a look:')) expect(rest, line).not.toMatch(/\d/);
    }
    expect(text).not.toMatch(/Dr Baker|Dr Cole/);
  });
});
