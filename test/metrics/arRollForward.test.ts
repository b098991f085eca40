/**
 * The A/R roll-forward over the fixture (fixture.ts), by hand, claim by claim (transfers left out):
 *   Nov 2023  C5 +200                                   A/R 200
 *   Dec       C8 +120                                   A/R 320
 *   Jan 2024  C6 +100, C7 +80; C8 CO-45 -20             A/R 480
 *   Feb       C4 +150, C9 +90; pay C4 160, C6 40        A/R 530, C4 in credit 10
 *   Mar       charges C1 200, C2 150, C3 300 = 650; payments C1 120 + 20, C3 150, C9 50 = 340;
 *             adjustments C1 60, C2 150, C3 100 + 5, C5 40, C9 10 = 365; refund C4 10;
 *             A/R C3 45 + C5 160 + C6 60 + C7 80 + C8 100 + C9 30 = 475, credit 0
 * March: 530 + 650 - 340 - 365 + 10 = 485 = 475 - (0 - 10).
 */
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { arRollForward, computeMetrics } from '../../dashboards/metrics/index.ts';
import { MARCH, sharedFixture } from './fixture.ts';

let conn: DuckDBConnection;
sharedFixture((c) => (conn = c));

describe('arRollForward', () => {
  it('ties A/R and credit balances to the ledger every month, to the cent', async () => {
    const rows = await arRollForward(conn, MARCH, 6);
    // October 2023 is before the ledger: left out.
    expect(rows.map((r) => [r.month, r.ar_start_usd, r.charges_usd, r.payments_usd, r.adjustments_usd, r.refunds_usd, r.credit_change_usd, r.ar_end_usd, r.credit_end_usd, r.credit_claims_n, r.unexplained_usd])).toEqual([
      ['2023-11-01', '0.00', '200.00', '0.00', '0.00', '0.00', '0.00', '200.00', '0.00', 0, '0.00'],
      ['2023-12-01', '200.00', '120.00', '0.00', '0.00', '0.00', '0.00', '320.00', '0.00', 0, '0.00'],
      ['2024-01-01', '320.00', '180.00', '0.00', '20.00', '0.00', '0.00', '480.00', '0.00', 0, '0.00'],
      ['2024-02-01', '480.00', '240.00', '200.00', '0.00', '0.00', '10.00', '530.00', '10.00', 1, '0.00'],
      ['2024-03-01', '530.00', '650.00', '340.00', '365.00', '10.00', '-10.00', '475.00', '0.00', 0, '0.00'],
    ]);
  });

  it('ties under a filter too: location L1, in the group of the claim', async () => {
    // L1 claims: C1, C2, C4, C6, C7. March: charges 350; payments C1 140; adjustments C1 60 + C2 150; refund 10;
    // A/R start C6 60 + C7 80 = 140, credit start 10 (C4); end C6 60 + C7 80 = 140.
    const [march] = (await arRollForward(conn, { ...MARCH, locationId: 'L1' }, 1));
    expect(march).toMatchObject({ ar_start_usd: '140.00', charges_usd: '350.00', payments_usd: '140.00', adjustments_usd: '210.00', refunds_usd: '10.00', credit_change_usd: '-10.00', ar_end_usd: '140.00', unexplained_usd: '0.00' });
  });
});

/**
 * The credit balances tile: claims paid beyond their charges, owed back. By hand (above): on
 * 29 February 2024 C4 has charges 150 and payments 160, a credit of 10.00; every other claim is
 * open or paid to zero. On 31 March the 10.00 refund has cleared it. Independently, the ledger's
 * balance over all claims (charges - payments + refunds - adjustments, SQL over the facts) is
 * A/R less credit balances on each date.
 */
describe('credit balances tile', () => {
  const FEB = { from: '2024-02-01', to: '2024-02-29' } as const;
  const ledgerBalance = async (to: string) =>
    String(
      (
        await conn.runAndReadAll(
          `SELECT sum(CASE txn_type WHEN 'charge' THEN amount_usd WHEN 'refund' THEN amount_usd WHEN 'payment' THEN -amount_usd WHEN 'adjustment' THEN -amount_usd ELSE 0 END)::VARCHAR AS b
           FROM fact_billing_txn WHERE post_date <= $to::DATE`,
          { to },
        )
      ).getRowObjectsJS()[0]!.b,
    );

  it('shows the claim in credit at the end of February and none at the end of March, tying A/R to the ledger', async () => {
    const feb = await computeMetrics(conn, FEB, ['credit_balances', 'ar_total']);
    expect(feb.credit_balances).toMatchObject({ value: 10, exact: '10.00' });
    expect(feb.ar_total).toMatchObject({ exact: '530.00' });
    expect(await ledgerBalance('2024-02-29')).toBe('520.00'); // 530.00 - 10.00
    const mar = await computeMetrics(conn, MARCH, ['credit_balances', 'ar_total']);
    expect(mar.credit_balances).toMatchObject({ value: 0, exact: '0.00' });
    expect(await ledgerBalance('2024-03-31')).toBe('475.00');
    // The roll-forward section says the same.
    const [rf] = await arRollForward(conn, FEB, 1);
    expect([rf!.credit_end_usd, rf!.credit_claims_n]).toEqual(['10.00', 1]);
  });

  it('is in the catalog with a definition a board member can read, in dollars, as a house rule', async () => {
    const { METRICS } = await import('../../dashboards/metrics/index.ts');
    const m = METRICS.find((x) => x.id === 'credit_balances')!;
    expect({ label: m.label, unit: m.unit, standard: m.standard, group: m.group }).toEqual({ label: 'Credit balances', unit: 'usd', standard: 'house rule', group: 'collections' });
    expect(m.definition).toContain('owes back');
  });
});
