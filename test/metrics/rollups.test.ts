/**
 * rebuildRollups: the claim table and flows on the fixture, that it is a full rebuild inside
 * the caller's transaction, the configurable contractual set, the payroll fallback for
 * provider FTE, and that the metrics read only the rollups.
 */
import { describe, expect, it } from 'vitest';
import { ROLLUP_TABLES, rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { computeMetrics } from '../../dashboards/metrics/index.ts';
import { MARCH, withFixture } from './fixture.ts';

describe('rollup_claim', () => {
  it('dates a claim by its first insurance payment or remittance adjustment', async () => {
    await withFixture(async (conn) => {
      const rows = (
        await conn.runAndReadAll(
          `SELECT claim_id, payer_id, service_date::VARCHAR AS dos, adjudication_date::VARCHAR AS adj,
             first_ins_payment_date::VARCHAR AS paid, has_denial, charges_usd::VARCHAR AS charges
           FROM rollup_claim ORDER BY claim_id`,
        )
      ).getRowObjectsJson();
      expect(rows).toEqual([
        { claim_id: 'C1', payer_id: 'PY1', dos: '2024-03-04', adj: '2024-03-20', paid: '2024-03-20', has_denial: false, charges: '200.00' },
        // CO-16 adjudicates and denies; no payment
        { claim_id: 'C2', payer_id: 'PY2', dos: '2024-03-11', adj: '2024-03-28', paid: null, has_denial: true, charges: '150.00' },
        // the write-off without CARC and the transfer (on PY2) neither adjudicate nor change the claim's payer
        { claim_id: 'C3', payer_id: 'PY1', dos: '2024-03-04', adj: '2024-03-27', paid: '2024-03-27', has_denial: false, charges: '300.00' },
        { claim_id: 'C4', payer_id: 'PY2', dos: '2024-02-05', adj: '2024-02-26', paid: '2024-02-26', has_denial: false, charges: '150.00' },
        { claim_id: 'C5', payer_id: 'PY1', dos: '2023-11-20', adj: '2024-03-18', paid: null, has_denial: true, charges: '200.00' },
        { claim_id: 'C6', payer_id: 'PY1', dos: '2024-01-01', adj: '2024-02-15', paid: '2024-02-15', has_denial: false, charges: '100.00' },
        { claim_id: 'C7', payer_id: 'PY2', dos: '2024-01-02', adj: null, paid: null, has_denial: false, charges: '80.00' },
        { claim_id: 'C8', payer_id: 'PY2', dos: '2023-12-15', adj: '2024-01-10', paid: null, has_denial: false, charges: '120.00' },
        // PR-2 is patient share, not a denial
        { claim_id: 'C9', payer_id: 'PY1', dos: '2024-02-14', adj: '2024-03-10', paid: '2024-03-10', has_denial: false, charges: '90.00' },
      ]);
    });
  });

  it('counts claims once in the flows: billed in March C1, C2, C3; adjudicated C1, C2, C3, C5, C9', async () => {
    await withFixture(async (conn) => {
      const [row] = (
        await conn.runAndReadAll(
          `SELECT sum(claims_billed_n)::INTEGER AS billed, sum(claims_adjudicated_n)::INTEGER AS adjudicated,
             sum(claims_denied_n)::INTEGER AS denied, sum(other_adj_usd)::VARCHAR AS other
           FROM rollup_flow_month WHERE month_start = DATE '2024-03-01'`,
        )
      ).getRowObjectsJson();
      // other adjustments: C3 write-off 5 + C9 PR-2 10
      expect(row).toEqual({ billed: 3, adjudicated: 5, denied: 2, other: '15.00' });
    });
  });
});

describe('rebuildRollups', () => {
  it('creates every rollup_* table and rebuilds them in full, the same each time', async () => {
    await withFixture(async (conn) => {
      const names = (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rollup_%' ORDER BY 1"))
        .getRows()
        .map((r) => String(r[0]));
      expect(names).toEqual([...ROLLUP_TABLES].sort());
      const before = await computeMetrics(conn, MARCH);
      await rebuildRollups(conn);
      expect(await computeMetrics(conn, MARCH)).toEqual(before);
    });
  });

  it("runs inside the caller's transaction: a rollback undoes the rebuild with the load", async () => {
    await withFixture(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      await conn.run(
        `INSERT INTO fact_billing_txn VALUES ('T99', 'C99', 1, 'k', 'P1', 'L1', 'PY1', 'medicare', '99213', 1,
          DATE '2024-03-20', DATE '2024-03-21', 'charge', 50.00, NULL, NULL, NULL, 'fixture', 99)`,
      );
      await rebuildRollups(conn);
      // 650 + 50 within the transaction
      expect((await computeMetrics(conn, MARCH, ['gross_charges'])).gross_charges?.value).toBe(700);
      await conn.run('ROLLBACK');
      expect((await computeMetrics(conn, MARCH, ['gross_charges'])).gross_charges?.value).toBe(650);
    });
  });

  it('takes the contractual set from its options (house rule, configurable)', async () => {
    const rules = { contractual: ['CO-45', 'CO-253', 'CO-16'], patientShare: ['PR-1', 'PR-2', 'PR-3'] };
    await withFixture(
      async (conn) => {
        const v = await computeMetrics(conn, MARCH, ['contractual_adjustments', 'denial_adjustments', 'denial_rate', 'net_collection_rate']);
        // CO-45 160 + CO-16 150
        expect(v.contractual_adjustments?.value).toBe(310);
        // CO-50 40 only
        expect(v.denial_adjustments?.value).toBe(40);
        // C5 only of 5 adjudicated
        expect(v.denial_rate?.value).toBeCloseTo(1 / 5, 12);
        // 330 / (650 - 310)
        expect(v.net_collection_rate?.value).toBeCloseTo(330 / 340, 12);
      },
      { rules },
    );
    await withFixture(async (conn) => {
      await expect(rebuildRollups(conn, { rules: { contractual: ['45'], patientShare: [] } })).rejects.toThrow(/GROUP-CARC/);
    });
  });

  it('without roster FTEs, provider FTE comes from payroll and no single provider can be selected', async () => {
    await withFixture(
      async (conn) => {
        const all = await computeMetrics(conn, MARCH, ['provider_fte', 'visits_per_provider_fte_day']);
        // payroll job class provider: E1 1.0 x 14 days / 31
        expect(all.provider_fte?.value).toBeCloseTo(14 / 31, 12);
        // 5 visits / (14/31) / 2 clinic days
        expect(all.visits_per_provider_fte_day?.value).toBeCloseTo(5 / (14 / 31) / 2, 12);
        const one = await computeMetrics(conn, { ...MARCH, providerId: 'P1' }, ['provider_fte', 'work_rvus_per_provider_fte']);
        expect(one.provider_fte).toMatchObject({ value: null });
        expect(one.work_rvus_per_provider_fte).toMatchObject({ value: null, note: 'unknown input' });
        // no provider on the payroll at L2
        const south = await computeMetrics(conn, { ...MARCH, locationId: 'L2' }, ['provider_fte', 'work_rvus_per_provider_fte']);
        expect(south.provider_fte?.value).toBe(0);
        expect(south.work_rvus_per_provider_fte).toMatchObject({ value: null, note: 'zero denominator' });
      },
      { withoutRosterFte: true },
    );
  });

  it('metrics read the rollups only: emptying the facts changes nothing until the next rebuild', async () => {
    await withFixture(async (conn) => {
      const before = await computeMetrics(conn, MARCH);
      await conn.run('DELETE FROM fact_billing_txn; DELETE FROM fact_appointment; DELETE FROM fact_payroll;');
      expect(await computeMetrics(conn, MARCH)).toEqual(before);
      await rebuildRollups(conn);
      // Rebuilt over no facts at all, the ledger covers nothing: the charges are unknown now.
      expect((await computeMetrics(conn, MARCH, ['gross_charges'])).gross_charges).toEqual({ value: null, note: 'the ledger does not cover this period' });
    });
  });
});
