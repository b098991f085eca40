/**
 * rollup_claim rebuilt in pieces of claims (dashboards/rollups/claim-pieces.ts) equals it rebuilt
 * in one piece: on the benchmark generator's ledger (the demo practice's claim life cycle) plus
 * hand-made claims whose first charge ties on post date and line (decided by transaction id),
 * whose first row is not a charge, and whose ids sort before, between and after the generated
 * ones, so they land in different pieces. A small piece size is injected to force many pieces;
 * the tables are compared with EXCEPT ALL both ways, the pieced table is checked to be written in
 * its order, the hand-made claims against values worked out by hand, and the pieces to cover
 * every claim once. Both ways a full rebuild reads its facts: the committed table, and a first
 * load's staged rows (staged-facts.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateLedger } from '../../demo/generate.ts';
import { claimBounds, claimRange, settingBytes } from '../../dashboards/rollups/claim-pieces.ts';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { stagedFacts } from '../../dashboards/rollups/staged-facts.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pb-claim-pieces-'));
let generated = '';
beforeAll(async () => {
  const outPath = join(scratch, 'ledger.csv');
  await generateLedger({ outPath, rows: 12_000, seed: 7 });
  generated = readFileSync(outPath, 'utf8');
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const g = { provider_id: 'PR1', location_id: 'L1', payer_id: 'Y1', payer_class: 'commercial' };
// A0: two charges on the same post date and line: T-A0-b sorts first and gives the group, though
// it comes second in the file. zz9: a payment posted before its charges, and two charges tied on
// post date, the line deciding (line 1 over line 2). M1000 (between generated ids): a reversed charge.
const handMade = csv('billing', [
  { transaction_id: 'T-A0-c', claim_id: 'A0', service_date: '2026-01-05', post_date: '2026-01-06', amount_usd: '100.00', ...g, payer_id: 'Y2' },
  { transaction_id: 'T-A0-b', claim_id: 'A0', service_date: '2026-01-04', post_date: '2026-01-06', amount_usd: '50.00', ...g, payer_id: 'Y3', payer_class: 'medicare' },
  { transaction_id: 'T-A0-d', claim_id: 'A0', service_date: '2026-01-05', post_date: '2026-02-01', txn_type: 'adjustment', adj_group: 'CO', carc_code: '16', amount_usd: '50.00', ...g },
  { transaction_id: 'T-zz9-a', claim_id: 'zz9', service_date: '2026-03-01', post_date: '2026-03-02', txn_type: 'payment', payment_source: 'insurance', amount_usd: '10.00', ...g, location_id: 'L9' },
  { transaction_id: 'T-zz9-c', claim_id: 'zz9', line_n: '2', service_date: '2026-03-01', post_date: '2026-03-03', amount_usd: '70.00', ...g, location_id: 'L2' },
  { transaction_id: 'T-zz9-d', claim_id: 'zz9', line_n: '1', service_date: '2026-03-01', post_date: '2026-03-03', amount_usd: '30.00', ...g, location_id: 'L3' },
  { transaction_id: 'T-M1000-a', claim_id: 'C000001000M', service_date: '2026-02-01', post_date: '2026-02-02', amount_usd: '80.00', ...g, provider_id: 'PR7' },
  { transaction_id: 'T-M1000-b', claim_id: 'C000001000M', service_date: '2026-02-01', post_date: '2026-02-03', amount_usd: '-80.00', ...g, provider_id: 'PR8' },
]);

const count = async (c: DuckDBConnection, sql: string): Promise<number> => Number((await c.runAndReadAll(sql)).getRows()[0]![0]);

/** Rows of rollup_claim not in `other` and of `other` not in rollup_claim (EXCEPT ALL both ways). */
const differences = async (c: DuckDBConnection, other: string): Promise<number> =>
  count(c, `SELECT (SELECT count(*) FROM (SELECT * FROM rollup_claim EXCEPT ALL SELECT * FROM ${other})) + (SELECT count(*) FROM (SELECT * FROM ${other} EXCEPT ALL SELECT * FROM rollup_claim))`);

/** rollup_claim's rows in the order a scan gives them equal its rows sorted by its order. */
async function writtenInOrder(c: DuckDBConnection): Promise<boolean> {
  const scan = (await c.runAndReadAll('SELECT claim_id FROM rollup_claim')).getRows().map((r) => r[0]);
  const sorted = (await c.runAndReadAll('SELECT claim_id FROM rollup_claim ORDER BY adjudication_date, claim_id')).getRows().map((r) => r[0]);
  return scan.length > 0 && JSON.stringify(scan) === JSON.stringify(sorted);
}

async function loadBoth(): Promise<void> {
  for (const [name, text] of [['generated.csv', generated], ['hand.csv', handMade]] as const) {
    const r = await h.load({ path: h.file(name, text), source: 'billing' });
    expect(r.status, r.message ?? '').toBe('loaded');
    expect(r.rowsRejected).toBe(0);
  }
}

describe('rollup_claim rebuilt in pieces of claims', () => {
  it('cuts the claims into ranges that cover each once, and gives the rows of the one-piece rebuild, in its order', async () => {
    await loadBoth();
    await h.warehouse.use(async (c) => {
      const claims = await count(c, 'SELECT count(DISTINCT claim_id) FROM fact_billing_txn');
      const bounds = await claimBounds(c, '', 200);
      // About claims / 200 pieces (sample quantiles may coincide); none when one piece holds every claim.
      expect(bounds.length).toBeGreaterThanOrEqual(5);
      expect(await claimBounds(c, '', claims)).toEqual([]);
      const perPiece: number[] = [];
      for (let k = 0; k <= bounds.length; k++) {
        const range = claimRange(bounds, k);
        perPiece.push(Number((await c.runAndReadAll(`SELECT count(DISTINCT claim_id) FROM fact_billing_txn WHERE ${range.sql}`, range.values)).getRows()[0]![0]));
      }
      expect(perPiece.reduce((a, b) => a + b, 0)).toBe(claims);
      expect(perPiece.every((n) => n > 0)).toBe(true);
      // The hand-made ids sort first ('A0'), last ('zz9') and among the generated ones.
      const pieceOf = (id: string) => [...bounds, '\uffff'].findIndex((b) => id < b);
      expect(new Set(['A0', 'C000001000M', 'zz9'].map(pieceOf)).size).toBe(3);

      await c.run('BEGIN TRANSACTION');
      await rebuildRollups(c, { claimsPerPiece: Number.POSITIVE_INFINITY });
      await c.run('CREATE TEMP TABLE one_piece AS SELECT * FROM rollup_claim');
      await rebuildRollups(c, { claimsPerPiece: 200 });
      expect(await count(c, 'SELECT count(*) FROM rollup_claim')).toBe(claims);
      expect(await differences(c, 'one_piece')).toBe(0);
      expect(await writtenInOrder(c)).toBe(true);
      expect(await count(c, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rollup_claim_pieces'")).toBe(0);
      // By hand, from the rows above.
      expect(
        (await c.runAndReadAll(`SELECT claim_id, location_id, provider_id, payer_id, payer_class, service_date::VARCHAR AS service, first_charge_post_date::VARCHAR AS charged,
          adjudication_date::VARCHAR AS adjudicated, has_denial, charges_usd::VARCHAR AS charges FROM rollup_claim WHERE claim_id IN ('A0', 'zz9', 'C000001000M') ORDER BY claim_id`)).getRowObjectsJson(),
      ).toEqual([
        { claim_id: 'A0', location_id: 'L1', provider_id: 'PR1', payer_id: 'Y3', payer_class: 'medicare', service: '2026-01-04', charged: '2026-01-06', adjudicated: '2026-02-01', has_denial: true, charges: '150.00' },
        { claim_id: 'C000001000M', location_id: 'L1', provider_id: 'PR7', payer_id: 'Y1', payer_class: 'commercial', service: '2026-02-01', charged: '2026-02-02', adjudicated: null, has_denial: false, charges: '0.00' },
        { claim_id: 'zz9', location_id: 'L3', provider_id: 'PR1', payer_id: 'Y1', payer_class: 'commercial', service: '2026-03-01', charged: '2026-03-03', adjudicated: '2026-03-02', has_denial: false, charges: '100.00' },
      ]);
      await c.run('ROLLBACK');
    });
  }, 120_000);

  it("in a first load's refresh, reads the staged rows piece by piece and equals the one-piece rebuild of the committed facts", async () => {
    const all = generated + handMade.slice(handMade.indexOf('\n') + 1);
    let pieces = 0;
    const r = await h.load(
      { path: h.file('all.csv', all), source: 'billing' },
      {
        beforeMerge: captureChange,
        afterMerge: async (c, change) => {
          // The pieces the refresh's rebuild cuts: its facts are the staged rows.
          const staged = await stagedFacts(c, change);
          if (staged) pieces = (await claimBounds(c, `WITH ${staged.table} AS NOT MATERIALIZED (${staged.rows}) `, 150)).length + 1;
          await refreshRollups(c, change, { claimsPerPiece: 150 });
        },
      },
    );
    expect(r.status, r.message ?? '').toBe('loaded');
    expect(pieces).toBeGreaterThanOrEqual(5);
    await h.warehouse.use(async (c) => {
      expect(await writtenInOrder(c)).toBe(true);
      await c.run('CREATE TEMP TABLE loaded AS SELECT * FROM rollup_claim');
      await c.run('BEGIN TRANSACTION');
      await rebuildRollups(c, { claimsPerPiece: Number.POSITIVE_INFINITY });
      expect(await count(c, 'SELECT count(*) FROM rollup_claim')).toBeGreaterThan(1000);
      expect(await differences(c, 'loaded')).toBe(0);
      await c.run('ROLLBACK');
    });
  }, 120_000);

  it("reads DuckDB's memory limit as it prints it", () => {
    expect(settingBytes('953.6 MiB')).toBeCloseTo(953.6 * 2 ** 20);
    expect(settingBytes('2.0 GiB')).toBe(2 * 2 ** 30);
    expect(settingBytes('512 bytes')).toBe(512);
    expect(settingBytes('1GB')).toBe(1e9);
    expect(settingBytes('unlimited')).toBeUndefined();
  });
});
