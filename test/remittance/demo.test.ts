/**
 * The demo practice's 835s agree with its ledger: every file loads whole and ties, and for every
 * claim on both, the ERA's paid amount equals the ledger's insurance payments (computed here by
 * separate SQL over billing.csv), except the claims whose payer paid a line twice on one day
 * (the ledger refunds the duplicate later; the ERA generator leaves such an answer out). The
 * demo shows a reversal, a PLB recoupment, interest and claims the ledger does not have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../demo/generate.ts';
import { loadRemittance } from '../../etl/remittance/loadRemittance.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

let h: Harness;
let demo: DemoSummary;
let out: string;
const reports: LoadReport[] = [];

beforeAll(async () => {
  h = await openHarness();
  out = mkdtempSync(join(h.dir, 'demo-'));
  demo = await generateDemo({ outDir: out, seed: 7, months: 3, endMonth: '2026-10' });
  for (const s of ['payers', 'fee_schedule', 'billing'] as const) expect((await h.load({ path: demo.files[s].path, source: s })).status).toBe('loaded');
  for (const f of demo.remittance) reports.push(await loadRemittance(h.deps, { path: f.path }));
}, 240_000);
afterAll(() => {
  h.close();
  rmSync(out, { recursive: true, force: true });
});

describe('the demo 835s', () => {
  it('load whole, one file per month, every transaction tied', async () => {
    expect(reports.map((r) => [r.status, r.rowsRejected, r.errorCode])).toEqual(demo.remittance.map(() => ['loaded', 0, null]));
    expect(reports.map((r) => r.rowsLoaded)).toEqual(demo.remittance.map((f) => f.claims));
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM remit_transaction WHERE payment_diff_usd <> 0 OR claims_unbalanced_n > 0 OR lines_unbalanced_n > 0')).toEqual([{ n: 0 }]);
  });

  it('pay what the ledger posts, claim by claim, but for the duplicate payments the ledger refunds', async () => {
    const csv = demo.files.billing.path.replaceAll("'", "''");
    const rows = await h.rows(`
      WITH ledger AS (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)),
      paid AS (SELECT claim_id, sum(amount_usd::DECIMAL(18,2)) AS paid FROM ledger WHERE txn_type = 'payment' AND payment_source = 'insurance' GROUP BY ALL),
      twice AS (SELECT DISTINCT claim_id FROM ledger WHERE txn_type = 'payment' AND payment_source = 'insurance' GROUP BY claim_id, line_n, post_date HAVING count(*) > 1),
      era AS (SELECT claim_id, sum(paid_usd) AS paid FROM remit_claim GROUP BY ALL)
      SELECT count(*)::INTEGER AS both_n,
             count(*) FILTER (coalesce(p.paid, 0) <> e.paid AND claim_id NOT IN (SELECT claim_id FROM twice))::INTEGER AS differ_n
      FROM era e LEFT JOIN paid p USING (claim_id) WHERE claim_id IN (SELECT claim_id FROM ledger)`);
    expect(rows[0]!.differ_n).toBe(0);
    expect(rows[0]!.both_n).toBeGreaterThan(1000);
  });

  it('shows a reversal, a PLB recoupment, PLB interest and claims the ledger does not have', async () => {
    const [r] = await h.rows(`SELECT
        (SELECT count(*) FROM remit_claim WHERE status_code = '22')::INTEGER AS reversals,
        (SELECT count(*) FROM remit_plb WHERE reason_code = 'WO' AND amount_usd = 35)::INTEGER AS recoupments,
        (SELECT count(*) FROM remit_plb WHERE reason_code = 'L6' AND amount_usd < 0)::INTEGER AS interest,
        (SELECT count(*) FROM remit_claim WHERE claim_id NOT IN (SELECT claim_id FROM fact_billing_txn))::INTEGER AS unknown`);
    expect(r!.reversals).toBeGreaterThan(0);
    expect(r!.recoupments).toBe(1); // months 1-3: the first month only (every third month)
    expect(r!.interest).toBeGreaterThan(0);
    expect(r!.unknown).toBe(1); // the second month only (every fourth month)
  });
});
