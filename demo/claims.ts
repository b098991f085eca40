/**
 * The life of one claim in the billing ledger, as the demo practice posts it: charges a few
 * days after the visit; a copay collected at the front desk; the payer's answer 14-60 days
 * after service (CO-45 contractual adjustment at the payer's contract rate, patient
 * responsibility PR-1/PR-2/PR-3, Medicare sequestration CO-253, the insurance payment) or a
 * denial, some overturned and paid later; then the patient's statement, paid, written off
 * (adjustments without a CARC) or left open; refunds of over-collections.
 *
 * Patient responsibility is posted as a `transfer` (with its PR group and CARC): it moves who
 * owes, not how much, so a claim's A/R (charges - payments + refunds - adjustments) is right.
 * Every amount is positive in the direction its type names; a denial reversal is negative.
 * Rows after `endDay` (the extract date) are not emitted: that is the open A/R.
 */
import type { ADJ_GROUPS, TXN_TYPES } from '../etl/sources/contract.ts';
import { ymd } from './calendar.ts';
import { pickDenial } from './denials.ts';
import { bp } from './money.ts';
import type { Patient } from './patients.ts';
import type { Payer } from './payers.ts';
import { Weighted, type Rng } from './random.ts';

export type TxnType = (typeof TXN_TYPES)[number];
export type AdjGroup = (typeof ADJ_GROUPS)[number];
export type PaymentSource = '' | 'insurance' | 'patient';

export interface ClaimLine {
  readonly n: number;
  readonly code: string;
  readonly units: number;
  readonly chargeCents: number;
}

export interface Claim {
  readonly id: string;
  readonly patient: Patient;
  readonly providerId: string;
  readonly locationId: string;
  readonly payer: Payer;
  readonly serviceDay: number;
  readonly lines: readonly ClaimLine[];
}

export interface LedgerRow {
  readonly claim: Claim;
  readonly line: ClaimLine;
  readonly postDay: number;
  readonly type: TxnType;
  readonly cents: number;
  readonly source: PaymentSource;
  readonly group: AdjGroup | '';
  readonly carc: string;
}

const CHARGE_LAG_DAYS = new Weighted([[0, 15], [1, 45], [2, 25], [3, 10], [5, 4], [9, 1]] as const);
const LOST_CLAIM_RATE = 0.004;
const SEQUESTRATION_BP = 200;

type Post = (line: ClaimLine, day: number, type: TxnType, cents: number, source?: PaymentSource, group?: AdjGroup | '', carc?: string) => void;

/** Emit the ledger rows of one claim posted on or before `endDay`. */
export function postClaim(rng: Rng, claim: Claim, endDay: number, emit: (row: LedgerRow) => void): void {
  const chargeDay = claim.serviceDay + CHARGE_LAG_DAYS.pick(rng);
  if (chargeDay > endDay) return; // not billed yet at the extract: no rows at all
  const post: Post = (line, postDay, type, cents, source = '', group = '', carc = '') => {
    if (cents !== 0 && postDay <= endDay) emit({ claim, line, postDay, type, cents, source, group, carc });
  };
  for (const line of claim.lines) post(line, chargeDay, 'charge', line.chargeCents);
  if (claim.payer.payerClass === 'self_pay') return selfPay(rng, claim, post);

  const first = claim.lines[0]!;
  const copayAtDos = claim.patient.plan.copayCents > 0 && rng.chance(0.85) ? claim.patient.plan.copayCents : 0;
  post(first, claim.serviceDay, 'payment', copayAtDos, 'patient');
  const shares: Share[] = [];
  if (rng.chance(LOST_CLAIM_RATE)) {
    // No answer: found on the aging report months later and resubmitted, often too late to be paid.
    const day = claim.serviceDay + rng.int(95, 150);
    if (rng.chance(0.7)) adjudicate(rng, claim, claim.lines, day, post, shares);
    else for (const line of claim.lines) post(line, day, 'adjustment', line.chargeCents, '', 'CO', '29');
    return billPatient(rng, shares, copayAtDos, first, day, post);
  }

  const answerDay = claim.serviceDay + rng.triangular(...claim.payer.payLag);
  let lastDay = answerDay;
  if (rng.chance(claim.payer.denialRate)) {
    const reason = pickDenial(rng, claim.lines.length);
    const denied = reason.lineLevel ? claim.lines.slice(1) : claim.lines;
    for (const line of denied) post(line, answerDay, 'adjustment', line.chargeCents, '', reason.group, reason.carc);
    if (reason.lineLevel) adjudicate(rng, claim, [first], answerDay, post, shares);
    if (rng.chance(reason.overturnRate)) {
      lastDay = answerDay + rng.int(21, 75);
      for (const line of denied) post(line, lastDay, 'adjustment', -line.chargeCents, '', reason.group, reason.carc);
      adjudicate(rng, claim, denied, lastDay, post, shares);
    }
  } else {
    adjudicate(rng, claim, claim.lines, answerDay, post, shares);
  }
  billPatient(rng, shares, copayAtDos, first, lastDay, post);
}

interface Share {
  readonly line: ClaimLine;
  cents: number;
}

/** The payer's answer for `lines` on `day`: contractual, patient share, sequestration, payment. */
function adjudicate(rng: Rng, claim: Claim, lines: readonly ClaimLine[], day: number, post: Post, shares: Share[]): void {
  const { patient, payer } = claim;
  const { plan } = patient;
  const { year } = ymd(claim.serviceDay);
  if (plan.deductibleCents > 0 && patient.deductibleYear !== year) {
    patient.deductibleYear = year;
    patient.deductibleLeftCents = plan.deductibleCents;
  }
  for (const line of lines) {
    const allowed = bp(line.chargeCents, payer.allowedBp);
    post(line, day, 'adjustment', line.chargeCents - allowed, '', 'CO', '45');
    const deductible = Math.min(allowed, patient.deductibleLeftCents);
    patient.deductibleLeftCents -= deductible;
    const copay = line.n === 1 ? Math.min(allowed - deductible, plan.copayCents) : 0;
    const coinsurance = bp(allowed - deductible - copay, plan.coinsuranceBp);
    post(line, day, 'transfer', deductible, '', 'PR', '1');
    post(line, day, 'transfer', coinsurance, '', 'PR', '2');
    post(line, day, 'transfer', copay, '', 'PR', '3');
    const share = deductible + copay + coinsurance;
    if (share > 0) shares.push({ line, cents: share });
    const net = allowed - share;
    const sequestration = payer.payerClass === 'medicare' ? bp(net, SEQUESTRATION_BP) : 0;
    post(line, day, 'adjustment', sequestration, '', 'CO', '253');
    post(line, day, 'payment', net - sequestration, 'insurance');
    if (rng.chance(0.003)) {
      // A duplicate remittance, taken back by a refund to the payer.
      post(line, day, 'payment', net - sequestration, 'insurance');
      post(line, day + rng.int(30, 120), 'refund', net - sequestration, 'insurance');
    }
  }
}

/** The patient's statement: what the copay did not cover is paid or, months later, written off. */
function billPatient(rng: Rng, shares: Share[], copayAtDos: number, first: ClaimLine, day: number, post: Post): void {
  let credit = copayAtDos;
  for (const s of shares) {
    const used = Math.min(credit, s.cents);
    s.cents -= used;
    credit -= used;
  }
  if (credit > 0) post(first, day + rng.int(10, 35), 'refund', credit, 'patient');
  const due = shares.reduce((sum, s) => sum + s.cents, 0);
  if (due === 0) return;
  // Most patients pay their statement (MGMA-like practices collect 95% and more of adjusted charges).
  if (rng.chance(0.97)) {
    const payDay = day + rng.triangular(10, 21, 75);
    for (const s of shares) post(s.line, payDay, 'payment', s.cents, 'patient');
  } else {
    // Small balances are written off after a statement or two; the rest go to collections.
    const writeOffDay = day + (due < 1000 ? rng.int(95, 130) : rng.int(150, 240));
    for (const s of shares) post(s.line, writeOffDay, 'adjustment', s.cents);
  }
}

/** Uninsured visits: paid at the desk, paid on a statement, or written off as bad debt. */
function selfPay(rng: Rng, claim: Claim, post: Post): void {
  const u = rng.next();
  if (u < 0.6) {
    for (const line of claim.lines) post(line, claim.serviceDay, 'payment', line.chargeCents, 'patient');
    return;
  }
  const statementDay = claim.serviceDay + rng.int(20, 40);
  if (rng.chance(0.9)) {
    const payDay = statementDay + rng.triangular(10, 30, 90);
    for (const line of claim.lines) post(line, payDay, 'payment', line.chargeCents, 'patient');
  } else {
    const badDebtDay = claim.serviceDay + rng.int(150, 240);
    for (const line of claim.lines) post(line, badDebtDay, 'adjustment', line.chargeCents);
  }
}
