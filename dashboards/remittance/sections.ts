/**
 * The remittance sections of the Collections page: the 835s reconciled with the ledger, the
 * 835 payments beside the ledger's insurance payments, denials and their reasons as the payers
 * state them, reversals and provider-level adjustments apart, payer payment velocity and
 * underpayments against the fee schedule. Aggregates by payer only (no claim-level rows), for
 * the period's payment dates and the payer class filter; a warehouse without 835s gets none.
 */
import { barChart } from '../charts/barChart.ts';
import { toMetricFilter } from '../filters/index.ts';
import { chartVariants, type PageContext, type Section } from '../pages/model.ts';
import { payerVelocity, remitDenialRates, remitDenialReasons, remitReversals, underpayments } from './analytics.ts';
import type { PeriodParams, Row } from './query.ts';
import { paymentsByPayerMonth, reconciliationByPayer } from './reconcile.ts';

const HAS_REMITTANCES = 'SELECT EXISTS (SELECT 1 FROM remit_transaction) AS present';
const ALL = 'All payers';

const table = (rows: readonly Row[], columns: readonly string[]) => ({
  columns: [...columns],
  rows: rows.map((r) => columns.map((c) => (c === 'payer' && r.payer === null ? ALL : (r[c] ?? null)))),
});

/** The ids of the sections below, in order (a data download asks for one of them). */
export const REMITTANCE_SECTION_IDS: readonly string[] = ['era-reconciliation', 'era-payments-by-month', 'era-denial-rate', 'era-denial-reasons', 'era-reversals-plb', 'era-payment-velocity', 'era-underpayments'];
/** Their titles, for the notice shown when their queries fail (dashboards/pages buildPage). */
export const REMITTANCE_SECTION_TITLES: readonly string[] = [
  'Remittances (835) against the ledger',
  '835 payments beside the ledger, by payer and month',
  'Denial rate by payer, from the 835s',
  'Top denial reasons on the 835s (CARC and RARC)',
  'Reversals, recoupments and interest',
  'Payer payment velocity',
  'Lines paid below the fee schedule',
];

export async function remittanceSections(ctx: PageContext): Promise<Section[]> {
  const present = (await ctx.conn.runAndReadAll(HAS_REMITTANCES)).getRowObjects()[0]?.present === true;
  if (!present) return [];
  const mf = toMetricFilter(ctx.filters);
  const p: PeriodParams = { from: mf.from, to: mf.to, payerClass: mf.payerClass };
  const scope = 'By the 835 payment date. The 835 names no location or provider: those filters do not apply here; the payer class filter does.';
  const recon = await reconciliationByPayer(ctx.conn, p);
  const payments = await paymentsByPayerMonth(ctx.conn, p);
  const denials = await remitDenialRates(ctx.conn, p);
  const reasons = await remitDenialReasons(ctx.conn, p);
  const reversals = await remitReversals(ctx.conn, p);
  const velocity = await payerVelocity(ctx.conn, p);
  const under = await underpayments(ctx.conn, p);
  const byPayer = (rows: readonly Row[]) => rows.filter((r) => r.payer !== null);
  return [
    {
      id: 'era-reconciliation',
      title: 'Remittances (835) against the ledger',
      intro: `Claims on the payers' 835s, matched to the ledger by claim id: unmatched claims are on an 835 but not in the ledger; differing claims are in both, but the 835s' paid total is not the ledger's insurance payments less refunds (difference = 835 - ledger). ${scope}`,
      // Every claim on an 835 is matched or unmatched: a hidden one of the two is the total less the other.
      table: { ...table(recon, ['payer', 'era_claims_n', 'matched_claims_n', 'unmatched_claims_n', 'differing_claims_n', 'difference_usd']), sums: [{ total: 'era_claims_n', parts: ['matched_claims_n', 'unmatched_claims_n'] }] },
    },
    {
      id: 'era-payments-by-month',
      title: '835 payments beside the ledger, by payer and month',
      intro: 'What the payers paid by their 835s (BPR02: claim payments less provider-level adjustments) and the insurance payments less refunds the ledger posted, by month. Timing (the ledger posts after the 835 arrives), interest and recoupments make the difference.',
      table: table(payments, ['month_start', 'payer', 'era_paid_usd', 'ledger_paid_usd', 'difference_usd']),
    },
    {
      id: 'era-denial-rate',
      title: 'Denial rate by payer, from the 835s',
      intro: `Claims the 835s deny (CLP02 4, or a denial adjustment: any CARC outside the contractual and patient-share set; OA-23 and the other non-denial codes of the shipped list excepted), over claims adjudicated. ${scope}`,
      ...chartVariants(ctx, 'era-denials', (width) => barChart({ width, id: 'era-denials', title: 'Claims denied on the 835s, share of claims adjudicated, by payer', rows: byPayer(denials).filter((r) => r.denial_rate_pct !== null), category: 'payer', value: 'denial_rate_pct' })),
      table: table(denials, ['payer', 'claims_adjudicated_n', 'claims_denied_n', 'denial_rate_pct', 'denial_rate_usd_pct']),
    },
    {
      id: 'era-denial-reasons',
      title: 'Top denial reasons on the 835s (CARC and RARC)',
      intro: 'Denial adjustments by claim adjustment reason code, and the remark codes the payers gave on the denied claims; descriptions paraphrase the X12 code lists shipped with the product.',
      ...chartVariants(ctx, 'era-denial-reasons', (width) => barChart({ width, id: 'era-denial-reasons', title: 'Denied dollars by reason (CARC), from the 835s', rows: reasons.filter((r) => r.code_list === 'CARC').map((r) => ({ reason: `${String(r.code)} ${String(r.description)}`, denial_usd: r.denial_usd })), category: 'reason', value: 'denial_usd' })),
      table: table(reasons, ['code_list', 'code', 'description', 'claims_n', 'denial_usd']),
    },
    {
      id: 'era-reversals-plb',
      title: 'Reversals, recoupments and interest',
      intro: 'Kept apart from the claim payments: claims the payers reversed (CLP02 22, the amount taken back), overpayment recoveries withheld from the checks (PLB WO and the other recoupment reasons), interest paid (PLB L6 and claim AMT*I), prompt-pay discounts, forwarded balances and other provider-level adjustments.',
      table: table(reversals, ['payer', 'reversed_claims_n', 'reversed_usd', 'recoupment_usd', 'interest_usd', 'prompt_pay_discount_usd', 'forward_balance_usd', 'other_plb_usd']),
    },
    {
      id: 'era-payment-velocity',
      title: 'Payer payment velocity',
      intro: 'Median days from the date of service, and from the claim (received by the payer, else charged in the ledger), to the 835 payment date, over claims paid in the period.',
      ...chartVariants(ctx, 'era-velocity', (width) => barChart({ width, id: 'era-velocity', title: 'Median days from service to payment, by payer', rows: byPayer(velocity).filter((r) => r.days_from_service_days !== null), category: 'payer', value: 'days_from_service_days' })),
      table: table(velocity, ['payer', 'paid_claims_n', 'days_from_service_days', 'days_from_claim_days']),
    },
    {
      id: 'era-underpayments',
      title: 'Lines paid below the fee schedule',
      intro: under.length === 0 ? 'No 835 line was allowed less than the fee schedule says (or no fee schedule is loaded).' : 'Service lines whose allowed amount is below the fee schedule loaded for the payer (or its class), by payer and procedure code; the shortfall is expected less allowed.',
      table: table(under, ['payer', 'procedure_code', 'priced_claim_lines_n', 'underpaid_claim_lines_n', 'expected_usd', 'allowed_usd', 'shortfall_usd']),
    },
  ];
}
