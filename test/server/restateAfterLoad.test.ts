/**
 * Restatement detection is a step after every load that changed something, not a side effect of
 * reading a pack. Over HTTP as the admin: approve October 2026's pack, upload a billing file with
 * one more October charge (250.00), and the restatement of October's gross charges is in
 * report_restatement before anyone opens the pack; "scan now" and a duplicate upload record
 * nothing more. Expected figures: October gross charges read from the ledger by SQL, before and
 * after, formatted by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer(3);
}, 180_000);
afterAll(() => s.close());

const FILE =
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  'T9200000001,C920000001,1,P9200001,PRV002,NGT,KMU,commercial,99214,1,2026-10-20,2026-10-21,charge,250.00,,,\n';

const OCT_CHARGES = "SELECT sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'charge' AND post_date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'";

const q = (sql: string) => s.ctx.pool.use(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS());
const money = (usd: string) => `$${Number(usd.split('.')[0]).toLocaleString('en-US')}.${usd.split('.')[1]}`;

function upload(name: string): FormData {
  const f = new FormData();
  f.set('source', 'billing');
  f.set('file', new Blob([FILE], { type: 'text/csv' }), name);
  return f;
}

describe('restatement detection after a load', () => {
  it('records the restatement of an approved month when an upload changes it, without the pack being read', async () => {
    const approved = await s.post('/reports/2026-10/approve', new URLSearchParams({ confirm: '1' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(approved.status).toBe(303);
    const before = String((await q(OCT_CHARGES))[0]!.usd);
    expect(await q('SELECT count(*)::INTEGER AS n FROM report_restatement')).toEqual([{ n: 0 }]);

    const res = await s.post('/upload', upload('late-charge.csv'), { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string; rowsLoaded: number })).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    const after = String((await q(OCT_CHARGES))[0]!.usd);
    expect(Math.round(Number(after) * 100) - Math.round(Number(before) * 100)).toBe(25_000);

    // No request has read the pack since the upload; the restatement is recorded all the same.
    const rows = await q("SELECT month, item_key, old_text, new_text FROM report_restatement WHERE item_key = 'tile/gross_charges'");
    expect(rows).toEqual([{ month: '2026-10', item_key: 'tile/gross_charges', old_text: money(before), new_text: money(after) }]);

    // Loads that change nothing record nothing more: the same bytes again, and an empty scan.
    const count = async () => Number((await q('SELECT count(*)::INTEGER AS n FROM report_restatement'))[0]!.n);
    const n = await count();
    const dup = await s.post('/upload', upload('late-charge-again.csv'), { accept: 'application/json' });
    expect(((await dup.json()) as { status: string }).status).toBe('duplicate');
    expect((await s.post('/etl/scan', new URLSearchParams({}).toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(303);
    expect(await count()).toBe(n);
  }, 180_000);
});
