/**
 * The full rebuild of rollup_claim stays inside DuckDB's memory limit however many claims the
 * ledger holds (dashboards/rollups/claim-pieces.ts): 300,000 generated claims (900,000 rows)
 * under a 64 MB limit. In one piece, as before the pieces, rollup_claim runs out of memory (its
 * per-claim first-charge state does not spill); sized from the limit, the whole rebuild
 * succeeds and rollup_claim equals a computation by hand in SQL (each claim's one charge row
 * gives its group; its payment row its adjudication), compared with EXCEPT ALL both ways.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../core/warehouse/open.ts';
import { claimsPerPiece } from '../../dashboards/rollups/claim-pieces.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';

const CLAIMS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'pb-claim-mem-'));
const path = join(dir, 'wh.duckdb');
const open = (memoryLimit?: string) =>
  Warehouse.open({ path, allowedDirectories: [dir], tempDirectory: join(dir, 'tmp'), ...(memoryLimit ? { memoryLimit } : {}) });

beforeAll(async () => {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  // Generated without a limit: per claim a charge (line 1), an insurance payment 9 days later
  // (line 1) and an adjustment 18 days later (line 2, a denial CO-16 for every ninth claim).
  const wh = await open();
  await wh.use((c) =>
    c.run(`INSERT INTO fact_billing_txn
      SELECT 'T' || lpad(c::VARCHAR, 9, '0') || '-' || r, 'C' || lpad(c::VARCHAR, 9, '0'), 1 + r // 2, 'K' || (c % 5000),
        'PR' || (c % 13), 'LOC' || (c % 4), 'PAY' || (c % 17), ['commercial', 'medicare', 'medicaid', 'self_pay'][1 + c % 4],
        '99213', 1, DATE '2024-01-01' + (c % 700)::INTEGER, DATE '2024-01-02' + ((c % 700) + r * 9)::INTEGER,
        ['charge', 'payment', 'adjustment'][1 + r], (100 + c % 50)::DECIMAL(18, 2), CASE r WHEN 1 THEN 'insurance' END,
        CASE r WHEN 2 THEN 'CO' END, CASE r WHEN 2 THEN CASE WHEN c % 9 = 0 THEN '16' ELSE '45' END END, 'F1', c * 3 + r
      FROM range(${CLAIMS}) t(c), range(3) s(r)`),
  );
  wh.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BY_HAND = `
  SELECT ch.claim_id, ch.location_id, ch.provider_id, ch.payer_id, ch.payer_class, ch.service_date,
    ch.post_date AS first_charge_post_date, p.post_date AS adjudication_date, p.post_date AS first_ins_payment_date,
    a.carc_code = '16' AS has_denial, ch.amount_usd AS charges_usd
  FROM fact_billing_txn ch
  JOIN fact_billing_txn p ON p.claim_id = ch.claim_id AND p.txn_type = 'payment'
  JOIN fact_billing_txn a ON a.claim_id = ch.claim_id AND a.txn_type = 'adjustment'
  WHERE ch.txn_type = 'charge'`;

describe('rollup_claim under a small memory limit', () => {
  it('runs out of memory in one piece, and rebuilds in pieces sized from the limit to the claims computed by hand', async () => {
    const wh = await open('64MB');
    try {
      await wh.use(async (c) => {
        // The pieces the limit gives: 64 MB (61 MiB as DuckDB prints it) over 600 bytes a claim.
        expect(await claimsPerPiece(c)).toBe(Math.floor((61 * 2 ** 20) / 600));
        await c.run('BEGIN TRANSACTION');
        const failure = await rebuildRollups(c, { claimsPerPiece: Number.POSITIVE_INFINITY }).then(
          () => 'rebuilt',
          (err: Error) => err.message,
        );
        await c.run('ROLLBACK');
        expect(failure).toMatch(/^rebuilding claim\.sql: Out of Memory Error/);

        await c.run('BEGIN TRANSACTION');
        await rebuildRollups(c);
        await c.run('COMMIT');
        const diff = async (a: string, b: string) => Number((await c.runAndReadAll(`SELECT count(*) FROM (${a} EXCEPT ALL ${b})`)).getRows()[0]![0]);
        expect(await diff('SELECT * FROM rollup_claim', BY_HAND)).toBe(0);
        expect(await diff(BY_HAND, 'SELECT * FROM rollup_claim')).toBe(0);
        expect(Number((await c.runAndReadAll('SELECT count(*) FROM rollup_claim')).getRows()[0]![0])).toBe(CLAIMS);
      });
    } finally {
      wh.close();
    }
  }, 300_000);
});
