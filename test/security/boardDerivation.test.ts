/**
 * A board member cannot work a suppressed count out of the demo's board pack (the two ways an
 * independent probe did on 2026-12-02): a claims denial rate beside its claims adjudicated (rate
 * x denominator = the denied count), and the 835 reconciliation's claims less matched claims
 * (= unmatched). Read from the pack's offline HTML as the board receives it, for each month of
 * the demo; the arithmetic is the reader's, done here apart from the product's code.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../auth/authApp.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
let manager: Client;
let board: Client;
const MONTHS = ['2026-08', '2026-09', '2026-10'];
beforeAll(async () => {
  s = await startDemoServer();
  manager = await s.as('manager');
  board = await s.as('board');
  for (const m of MONTHS) expect((await manager.post(`/reports/${m}/approve`, { confirm: '1' })).status).toBe(303);
}, 300_000);
afterAll(() => s.close());

/** The rows of the table under the section titled `title`, as cell texts ([] when the pack has no such section). */
function sectionRows(html: string, title: string): string[][] {
  const { document } = parseHTML(html);
  const heading = Array.from(document.querySelectorAll('h2, h3, h4')).find((h) => h.textContent?.trim() === title);
  if (!heading) return [];
  let el = heading.nextElementSibling;
  while (el && el.tagName !== 'TABLE' && !el.querySelector('table')) el = el.nextElementSibling;
  const table = el?.tagName === 'TABLE' ? el : el?.querySelector('table');
  return Array.from(table?.querySelectorAll('tbody tr') ?? []).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent!.trim()));
}

const num = (t: string) => (/^-?[\d,]+(\.\d+)?%?$/.test(t) ? Number(t.replace(/[,%]/g, '')) : null);

describe('no suppressed count can be worked out of the board pack', () => {
  it('a shown claims denial rate and its claims adjudicated never give a count from 1 to 10', async () => {
    let checked = 0;
    for (const m of MONTHS) {
      const html = await (await board.get(`/reports/${m}.html`)).text();
      for (const title of ['Denial rate by payer class', 'Denial rate by payer, from the 835s']) {
        const rows = sectionRows(html, title);
        expect(rows.length, `${m} ${title}`).toBeGreaterThan(0);
        for (const r of rows) {
          // The claims rate is the first percentage; the claims adjudicated the first count after the label.
          const rate = r.slice(1).map((t) => (t.endsWith('%') ? num(t) : null)).find((v) => v !== null);
          const adjudicated = r.slice(1).map((t) => (t.endsWith('%') ? null : num(t))).find((v) => v !== null);
          if (rate === undefined || rate === null || adjudicated === undefined || adjudicated === null) continue;
          checked++;
          const counts = [...Array(10).keys()].map((i) => i + 1).filter((n) => Math.round((1000 * n) / adjudicated) / 10 === rate);
          expect(counts, `${m} ${title} ${r[0]}: ${rate}% of ${adjudicated}`).toEqual([]);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("the 835 reconciliation's claims less matched claims is never a count from 1 to 10", async () => {
    let checked = 0;
    for (const m of MONTHS) {
      const rows = sectionRows(await (await board.get(`/reports/${m}.html`)).text(), 'Remittances (835) against the ledger');
      expect(rows.length, m).toBeGreaterThan(0);
      for (const [payer, era, matched] of rows) {
        const [e, mt] = [num(era!), num(matched!)];
        if (e === null || mt === null) continue;
        checked++;
        expect(e - mt === 0 || e - mt > 10, `${m} ${payer}: ${e} - ${mt}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
