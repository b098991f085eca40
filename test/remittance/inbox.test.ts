/**
 * Remittance files in the inbox: data/inbox/remittance/ is scanned after the ledger, for the
 * 835 extensions (.835, .edi, .txt, .dat), each file loaded by the 835 loader and archived.
 */
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanInbox } from '../../etl/inbox.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { scenarioFile } from './scenarios.ts';
import { header, interchange } from './x12.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const dirs = () => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') });
const old = (p: string) => utimesSync(p, new Date('2026-01-01'), new Date('2026-01-01'));
const other = (trace: string) => interchange('000000301', [{ control: '0001', body: [...header({ paid: '0', trace, payer: 'P', payerId: 'P1' })] }]);

describe('remittances in the inbox', () => {
  it('loads .835, .edi, .txt and .dat files after the ledger and the fee schedule, and archives them', async () => {
    old(h.file('inbox/remittance/a.835', scenarioFile()));
    old(h.file('inbox/remittance/b.edi', other('T-B')));
    old(h.file('inbox/remittance/c.txt', other('T-C')));
    old(h.file('inbox/remittance/d.dat', other('T-D')));
    old(h.file('inbox/remittance/notes.pdf', 'not a remittance'));
    old(h.file('inbox/billing/l.csv', csv('billing', [{ transaction_id: 'T1' }])));
    old(h.file('inbox/fee_schedule/f.csv', csv('fee_schedule', [{}])));
    const reports = await scanInbox(h.deps, dirs(), { settleMs: 1000 });
    expect(reports.map((r) => [r.fileName, r.source, r.status])).toEqual([
      ['fee_schedule/f.csv', 'fee_schedule', 'loaded'],
      ['billing/l.csv', 'billing', 'loaded'],
      ['remittance/a.835', 'remittance', 'loaded'],
      ['remittance/b.edi', 'remittance', 'loaded'],
      ['remittance/c.txt', 'remittance', 'loaded'],
      ['remittance/d.dat', 'remittance', 'loaded'],
    ]);
    expect(readdirSync(join(h.dir, 'inbox', 'remittance'))).toEqual(['notes.pdf']);
    const day = reports[0]!.startedAt.toISOString().slice(0, 10);
    expect(readdirSync(join(h.dir, 'archive', day, 'remittance'))).toHaveLength(4);
    expect(await h.rows("SELECT payer_ref, procedure_code, modifier, expected_allowed_usd::VARCHAR AS usd FROM ref_fee_schedule")).toEqual([
      { payer_ref: 'PY1', procedure_code: '99213', modifier: '', usd: '90.00' },
    ]);
  });

  it('scans only the remittance folder when asked', async () => {
    old(h.file('inbox/remittance/a.835', scenarioFile()));
    old(h.file('inbox/billing/l.csv', csv('billing', [{ transaction_id: 'T1' }])));
    const reports = await scanInbox(h.deps, dirs(), { settleMs: 1000, sources: ['remittance'] });
    expect(reports.map((r) => r.fileName)).toEqual(['remittance/a.835']);
  });
});
