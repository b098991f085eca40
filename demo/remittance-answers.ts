/**
 * The payers' answers the demo ledger records, as 835 claim payments: every insurance payment,
 * payer adjustment (CO/PI/OA/CR with a CARC) and patient-responsibility transfer (PR) posted on
 * one claim on one day is one answer. An answer that reverses an earlier denial (a negative
 * adjustment) becomes a reversal claim (CLP02 22) followed by the new adjudication, as payers
 * send it. Only lines whose charge = paid + adjustments are written, so every claim ties; an
 * answer that cannot tie (the rare duplicate payment the ledger refunds later) is left out and
 * counted. Amounts are integer cents, straight from the ledger rows.
 */
import type { AdjGroup, Claim, ClaimLine, LedgerRow } from './claims.ts';

export interface AnswerCas {
  readonly group: AdjGroup;
  readonly carc: string;
  readonly cents: number;
}

export interface AnswerLine {
  readonly line: ClaimLine;
  readonly chargeCents: number;
  readonly paidCents: number;
  readonly cas: readonly AnswerCas[];
}

export interface ClaimAnswer {
  readonly claim: Claim;
  readonly day: number;
  /** CLP02: 1 processed as primary, 4 denied, 22 reversal. */
  readonly status: '1' | '4' | '22';
  readonly lines: readonly AnswerLine[];
}

interface Draft {
  readonly claim: Claim;
  readonly day: number;
  readonly lines: Map<number, { line: ClaimLine; paid: number; cas: AnswerCas[] }>;
}

const isPayerRow = (r: LedgerRow): boolean =>
  (r.type === 'payment' && r.source === 'insurance') || ((r.type === 'adjustment' || r.type === 'transfer') && r.group !== '' && r.carc !== '');

/** The answers posted from `fromDay` on, in ledger order (by post day, then claim); `skipped` counts answers left out. */
export function claimAnswers(ledger: readonly LedgerRow[], fromDay = -Infinity): { answers: ClaimAnswer[]; skipped: number } {
  // Keyed by the claim object, then the day: no string keys for half a million rows.
  const byClaim = new Map<Claim, Map<number, Draft>>();
  const drafts: Draft[] = [];
  for (const r of ledger) {
    if (r.postDay < fromDay || !isPayerRow(r) || r.claim.payer.payerClass === 'self_pay') continue;
    let days = byClaim.get(r.claim);
    if (!days) byClaim.set(r.claim, (days = new Map()));
    let d = days.get(r.postDay);
    if (!d) {
      days.set(r.postDay, (d = { claim: r.claim, day: r.postDay, lines: new Map() }));
      drafts.push(d);
    }
    let l = d.lines.get(r.line.n);
    if (!l) d.lines.set(r.line.n, (l = { line: r.line, paid: 0, cas: [] }));
    if (r.type === 'payment') l.paid += r.cents;
    else l.cas.push({ group: r.group as AdjGroup, carc: r.carc, cents: r.cents });
  }
  const answers: ClaimAnswer[] = [];
  let skipped = 0;
  for (const d of drafts) {
    const lines = [...d.lines.values()].sort((a, b) => a.line.n - b.line.n);
    const reversed = lines.filter((l) => l.cas.some((c) => c.cents < 0));
    if (reversed.length > 0) {
      answers.push({
        claim: d.claim,
        day: d.day,
        status: '22',
        lines: reversed.map((l) => {
          const cas = l.cas.filter((c) => c.cents < 0);
          const total = cas.reduce((a, c) => a + c.cents, 0);
          return { line: l.line, chargeCents: total, paidCents: 0, cas };
        }),
      });
    }
    const main = lines
      .map((l) => ({ line: l.line, chargeCents: l.line.chargeCents, paidCents: l.paid, cas: l.cas.filter((c) => c.cents > 0) }))
      .filter((l) => l.paidCents !== 0 || l.cas.length > 0);
    if (main.length === 0) continue;
    if (main.some((l) => l.chargeCents - l.paidCents - l.cas.reduce((a, c) => a + c.cents, 0) !== 0)) {
      skipped++;
      continue;
    }
    const denied = main.every((l) => l.paidCents === 0) && main.every((l) => l.cas.every((c) => c.group !== 'PR'));
    answers.push({ claim: d.claim, day: d.day, status: denied ? '4' : '1', lines: main });
  }
  return { answers, skipped };
}
