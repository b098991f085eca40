/**
 * Two ways a board member recovered a suppressed count from a board pack (an independent probe,
 * 2026-12-02), closed in dashboards/privacy/suppress.ts:
 * - a rate with its denominator in the same row gives the numerator away (9.7% of 93 claims
 *   adjudicated is 9 denied, while another table hides that 9);
 * - a row whose counted columns add up (claims on the 835s = matched + unmatched) gives a hidden
 *   part away as the total less the shown part.
 * Every expectation below is worked out by hand from the rows written here.
 */
import { describe, expect, it } from 'vitest';
import { isSuppressed, suppressTable, type Cell } from '../../dashboards/privacy/suppress.ts';

const hidden = (rows: readonly (readonly Cell[])[]) => rows.map((r) => r.map((c) => (isSuppressed(c) ? 'X' : c)));

/** Every whole count n from 1 to 10 that a shown rate (as the reader sees it, to 0.1%) and a shown denominator d allow. */
function countsFromRate(rate: Cell, d: Cell): number[] {
  if (isSuppressed(rate) || isSuppressed(d) || typeof rate !== 'number' || typeof d !== 'number') return [];
  const shownPct = Math.round(rate * 1000) / 10;
  return [...Array(10).keys()].map((i) => i + 1).filter((n) => Math.round((n / d) * 1000) / 10 === shownPct);
}

describe('a rate beside its denominator', () => {
  // The probe's table: denial rate (claims and dollars) and claims adjudicated, by payer class.
  const byClass = {
    columns: ['payer_class', 'denial_rate_pct', 'denial_rate_usd_pct', 'claims_adjudicated_n'],
    rows: [
      ['commercial', 54 / 1480, 0.041, 1480],
      ['medicare', 61 / 1212, 0.052, 1212],
      ['workers_comp', 9 / 93, 0.088, 93],
      ['other', 16 / 208, 0.071, 208],
    ],
  };

  it('hides the rate whose numerator (rate x denominator) is 1 to 10, and a second one so the hidden one cannot be worked out', () => {
    // Before the fix every cell was shown, and 9.7% of 93 could only be 9 claims.
    expect(countsFromRate(9 / 93, 93)).toEqual([9]);
    const out = suppressTable(byClass);
    const shown = hidden(out.rows);
    // workers_comp: 9 denied of 93 (small): its claims rate hidden; its dollar rate is not a count's share.
    expect(shown[2]).toEqual(['workers_comp', 'X', 0.088, 93]);
    // Exactly one hidden rate in the column would leave its count to a total elsewhere: the
    // smallest other implied count (other: 16) is hidden with it; 54 and 61 stay.
    expect(shown[3]).toEqual(['other', 'X', 0.071, 208]);
    expect(shown[0]).toEqual(['commercial', 54 / 1480, 0.041, 1480]);
    expect(shown[1]).toEqual(['medicare', 61 / 1212, 0.052, 1212]);
    // No shown rate and shown denominator now allow a count from 1 to 10.
    for (const r of out.rows) expect(countsFromRate(r[1]!, r[3]!)).toEqual([]);
  });

  it('leaves a table alone when every implied count is 0 or over 10', () => {
    const t = { columns: ['payer_class', 'denial_rate_pct', 'claims_adjudicated_n'], rows: [['a', 0, 40], ['b', 12 / 100, 100], ['c', 30 / 300, 300]] };
    expect(suppressTable(t).suppressed).toEqual([]);
  });

  it('pairs only rates of counts: shares of money or hours beside a count stay shown', () => {
    const t = { columns: ['month', 'visits', 'overtime_pct', 'ar_over_90_pct', 'support_cost_pct_collections', 'denial_rate_usd_pct'], rows: [['2026-10', 40, 0.05, 0.1, 0.2, 0.05]] };
    expect(hidden(suppressTable(t).rows)).toEqual([['2026-10', 40, 0.05, 0.1, 0.2, 0.05]]);
  });

  it('hides the total row rate too when it is the only other product of the column', () => {
    const t = { columns: ['payer', 'claims_adjudicated_n', 'denial_rate_pct'], rows: [['All payers', 120, 20 / 120], ['Acme', 20, 5 / 20], ['Best', 100, 15 / 100]] };
    // Acme: 5 of 20 (small): hidden. Best's product is 15, the only other data product: hidden too.
    expect(hidden(suppressTable(t).rows)).toEqual([['All payers', 120, 20 / 120], ['Acme', 20, 'X'], ['Best', 100, 'X']]);
  });
});

describe('a row whose counted columns add up', () => {
  // The probe's table: claims on the 835s, matched to the ledger or not, and those that differ.
  const recon = {
    columns: ['payer', 'era_claims_n', 'matched_claims_n', 'unmatched_claims_n', 'differing_claims_n', 'difference_usd'],
    rows: [
      ['All payers', 3471, 3470, 1, 12, '40.00'],
      ['State Medicaid Fee-for-Service', 394, 393, 1, 0, '0.00'],
      ['Commercial One', 3077, 3077, 0, 12, '40.00'],
    ],
    sums: [{ total: 'era_claims_n', parts: ['matched_claims_n', 'unmatched_claims_n'] }],
  };

  it('hides the other part of the sum with the small one, so total - shown part gives nothing away', () => {
    const shown = hidden(suppressTable(recon).rows);
    expect(shown[0]).toEqual(['All payers', 3471, 'X', 'X', 12, '40.00']);
    expect(shown[1]).toEqual(['State Medicaid Fee-for-Service', 394, 'X', 'X', 0, '0.00']);
    // The matched column then has one hidden data cell (Medicaid's): the other one is hidden with
    // it (the rule does not rely on the total row being hidden), and in that row the zero
    // unmatched, the sum's only other part.
    expect(shown[2]).toEqual(['Commercial One', 3077, 'X', 'X', 12, '40.00']);
  });

  it('without the declared sum, the row gave the hidden count away (the leak this closes)', () => {
    const undeclared = { columns: recon.columns, rows: recon.rows };
    const shown = hidden(suppressTable(undeclared).rows);
    // era - matched = unmatched, in both rows.
    expect(shown[1]).toEqual(['State Medicaid Fee-for-Service', 394, 393, 'X', 0, '0.00']);
  });

  it('refuses a declared sum that names a column the table lacks', () => {
    expect(() => suppressTable({ ...recon, sums: [{ total: 'era_claims_n', parts: ['matched_n'] }] })).toThrow(/lacks/);
  });

  it('takes "All payers" as the total row, not a payer named "All Nations"', () => {
    const t = { columns: ['payer', 'claims_n'], rows: [['All payers', 60], ['All Nations', 7], ['Best', 53]] };
    // "All payers" is the total: of its parts, All Nations (7) is hidden and Best (53), the only other, with it.
    expect(hidden(suppressTable(t).rows)).toEqual([['All payers', 60], ['All Nations', 'X'], ['Best', 'X']]);
  });
});
