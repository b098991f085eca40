/**
 * The 835's own control totals, in exact cents:
 * - per transaction: BPR02 = sum of CLP04 - sum of PLB amounts;
 * - per claim: CLP03 - CLP04 = its adjustments, claim-level CAS plus every line's CAS;
 * - per service line: SVC02 - SVC03 = its CAS.
 * A difference is what the file says minus what its parts add up to; zero means it ties.
 */
import type { ClaimPayment, Remittance, ServiceLine } from './model.ts';

const sum = (xs: readonly { amountCents: number }[]): number => xs.reduce((a, x) => a + x.amountCents, 0);

export const lineDifference = (l: ServiceLine): number => l.chargeCents - l.paidCents - sum(l.adjustments);

export const claimDifference = (c: ClaimPayment): number =>
  c.chargeCents - c.paidCents - sum(c.adjustments) - c.lines.reduce((a, l) => a + sum(l.adjustments), 0);

export interface TransactionBalance {
  readonly claimsPaidCents: number;
  readonly plbCents: number;
  /** BPR02 - (sum CLP04 - sum PLB). */
  readonly paymentDifferenceCents: number;
  readonly claimsUnbalanced: number;
  readonly linesUnbalanced: number;
  readonly ties: boolean;
}

export function balance(r: Remittance): TransactionBalance {
  const claimsPaidCents = r.claims.reduce((a, c) => a + c.paidCents, 0);
  const plbCents = sum(r.plb);
  const paymentDifferenceCents = r.totalPaidCents - (claimsPaidCents - plbCents);
  const claimsUnbalanced = r.claims.filter((c) => claimDifference(c) !== 0).length;
  const linesUnbalanced = r.claims.reduce((a, c) => a + c.lines.filter((l) => lineDifference(l) !== 0).length, 0);
  return { claimsPaidCents, plbCents, paymentDifferenceCents, claimsUnbalanced, linesUnbalanced, ties: paymentDifferenceCents === 0 && claimsUnbalanced === 0 && linesUnbalanced === 0 };
}

/** Cents as exact decimal text ("-12.50"), for DECIMAL columns and messages. */
export function usd(centsValue: number): string {
  const neg = centsValue < 0;
  const a = Math.abs(centsValue);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
