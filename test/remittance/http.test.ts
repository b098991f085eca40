/**
 * Remittances over HTTP, on a one-month demo practice (whose 835s load with it): the upload
 * page takes an .835, loads it through the inbox pipeline and shows the run with its
 * transactions and the claims the ledger lacks; the Collections page carries the remittance
 * sections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';
import { scenarioFile } from './scenarios.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer(1);
}, 180_000);
afterAll(() => s.close());

function form(source: string, name: string, text: string): FormData {
  const f = new FormData();
  f.set('source', source);
  f.set('file', new Blob([text], { type: 'application/edi-x12' }), name);
  return f;
}

describe('remittances over HTTP', () => {
  it('offers the remittance source and the 835 extensions on the upload page', async () => {
    const page = await (await s.get('/upload')).text();
    expect(page).toContain('<option value="remittance">Remittances, X12 835 (remittance)</option>');
    expect(page).toContain('accept=".csv,.txt,text/csv,.835,.edi,.dat"');
  });

  it('loads an uploaded .835 and shows its transactions, control totals and unreconciled claims', async () => {
    const res = await s.post('/upload', form('remittance', 'payer era.835', scenarioFile()));
    expect(res.status).toBe(303);
    const page = await (await s.get(res.headers.get('location')!)).text();
    expect(page).toContain('<dt>Rows loaded</dt><dd>5</dd>');
    expect(page).toContain('remittance/payer_era.835');
    expect(page).toContain('Remittance transactions (2)');
    expect(page).toContain('<td>CHK1001</td>');
    expect(page).toContain('<td>C300</td><td>ACME HEALTH</td><td>not in the ledger</td>');
  });

  it('shows the remittance sections on the Collections page', async () => {
    const page = await (await s.get('/collections')).text();
    expect(page).toContain('Remittances (835) against the ledger');
    expect(page).toContain('Reversals, recoupments and interest');
    expect(page).toContain('All payers');
  });
});
