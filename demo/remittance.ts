/**
 * The demo practice's remittances: one X12 835 (005010X221A1) file per month, for the last
 * REMITTANCE_MONTHS months of the window (enough for every view, and cheap to generate), under
 * `outDir/remittance/`, one transaction per payer per payment day, built from the payers'
 * answers in the ledger (remittance-answers.ts), so the ERA and the ledger agree claim by claim,
 * except where a real practice would see them differ:
 * - interest: a commercial claim paid more than 45 days after service earns 0.5% interest,
 *   paid through a PLB L6 (negative: it adds to the check), not in CLP04 (a payer reports
 *   interest one way or the other, never both); the ledger does not post interest;
 * - a PLB WO overpayment recovery (35.00) in the first transaction of every third month;
 * - in every fourth month, one claim the ledger does not have (an id starting with X).
 * Also the fee schedule: each payer's contract, at the first year's fees; Harborview's
 * contract says 3 points more than it pays, which the underpayment check finds.
 * Deterministic: nothing is random and nothing reads the clock.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isoDate, ymd, type DemoWindow } from './calendar.ts';
import type { LedgerRow } from './claims.ts';
import { feeCents } from './fees.ts';
import { bp, hundredths } from './money.ts';
import { PAYERS, type Payer } from './payers.ts';
import { writeCanonical, type WrittenFile } from './reference-files.ts';
import { claimAnswers, type ClaimAnswer } from './remittance-answers.ts';
import { writeLines } from './sink.ts';

export interface RemittanceFile {
  readonly path: string;
  readonly transactions: number;
  readonly claims: number;
  /** Sum of BPR02 over the file's transactions. */
  readonly paidCents: number;
}

const PRACTICE_NPI = '1639172036';
export const REMITTANCE_MONTHS = 12;
const RECOUPMENT_CENTS = 3500;
const compact = (day: number): string => isoDate(day).replaceAll('-', '');
const money = (c: number): string => hundredths(c);

function claimSegments(a: ClaimAnswer): string[] {
  const charge = a.lines.reduce((s, l) => s + l.chargeCents, 0);
  const paid = a.lines.reduce((s, l) => s + l.paidCents, 0);
  const pr = a.lines.reduce((s, l) => s + l.cas.filter((c) => c.group === 'PR').reduce((x, c) => x + c.cents, 0), 0);
  const dos = compact(a.claim.serviceDay);
  const out = [`CLP*${a.claim.id}*${a.status}*${money(charge)}*${money(paid)}*${a.status === '22' ? '' : money(pr)}*${a.claim.payer.payerClass === 'medicare' ? 'MB' : 'CI'}*${a.claim.payer.id}${a.claim.id.slice(1)}${a.status}`];
  // The patient segment as payers send it; the loader never reads NM1 (no name or member id is stored).
  out.push(`NM1*QC*1*PATIENT*DEMO****MI*${a.claim.patient.id}`);
  out.push(`DTM*232*${dos}`, `DTM*233*${dos}`);
  for (const l of a.lines) {
    out.push(`SVC*HC:${l.line.code}*${money(l.chargeCents)}*${money(l.paidCents)}**${l.line.units}`, `DTM*472*${dos}`);
    for (const c of l.cas) out.push(`CAS*${c.group}*${c.carc}*${money(c.cents)}`);
    const contractual = l.cas.filter((c) => c.group === 'CO' && c.carc === '45').reduce((x, c) => x + c.cents, 0);
    if (a.status === '1' && contractual > 0) out.push(`AMT*B6*${money(l.chargeCents - contractual)}`);
    if (a.status === '4') out.push('LQ*HE*N130');
  }
  return out;
}

const interestOn = (a: ClaimAnswer): number => {
  const paid = a.lines.reduce((s, l) => s + l.paidCents, 0);
  return a.status === '1' && a.claim.payer.payerClass === 'commercial' && a.day - a.claim.serviceDay > 45 ? bp(paid, 50) : 0;
};

function transaction(st: number, payer: Payer, day: number, answers: readonly ClaimAnswer[], extra: { recoup: boolean; unknownClaim: string | null }): { segs: string[]; paid: number; claims: number } {
  const body: string[] = [];
  let claimsPaid = 0;
  let interest = 0;
  answers.forEach((a, i) => {
    interest += interestOn(a);
    claimsPaid += a.lines.reduce((s, l) => s + l.paidCents, 0);
    body.push(`LX*${i + 1}`, ...claimSegments(a));
  });
  if (extra.unknownClaim) {
    body.push(`LX*${answers.length + 1}`, `CLP*${extra.unknownClaim}*1*150.00*90.00*0.00*CI*${payer.id}X`, `SVC*HC:99213*150.00*90.00**1`, `DTM*472*${compact(day - 20)}`, 'CAS*CO*45*60.00', 'AMT*B6*90.00');
    claimsPaid += 9000;
  }
  const plb: string[] = [];
  if (extra.recoup) plb.push(`WO:${answers[0]?.claim.id ?? 'C000000000'}*${money(RECOUPMENT_CENTS)}`);
  if (interest > 0) plb.push(`L6*${money(-interest)}`);
  if (plb.length > 0) body.push(`PLB*${PRACTICE_NPI}*${ymd(day).year}1231*${plb.join('*')}`);
  const total = claimsPaid - (extra.recoup ? RECOUPMENT_CENTS : 0) + interest;
  const date = compact(day);
  const head = [
    `BPR*I*${money(total)}*C*${payer.id === 'HVH' ? 'CHK' : 'ACH'}************${date}`,
    `TRN*1*${payer.id}${date}*1${payer.id}00000`,
    `DTM*405*${date}`,
    `N1*PR*${payer.name.replaceAll('*', ' ')}*XV*${payer.id}`,
    `N1*PE*MAPLE GROVE FAMILY MEDICAL GROUP*XX*${PRACTICE_NPI}`,
  ];
  const control = String(st).padStart(4, '0');
  const segs = [`ST*835*${control}*005010X221A1`, ...head, ...body];
  segs.push(`SE*${segs.length + 1}*${control}`);
  return { segs, paid: total, claims: answers.length + (extra.unknownClaim ? 1 : 0) };
}

/** Write the month files of the 835s and the fee schedule. */
export async function writeRemittances(outDir: string, ledger: readonly LedgerRow[], window: DemoWindow): Promise<{ feeSchedule: WrittenFile; files: RemittanceFile[]; skipped: number }> {
  const dir = join(outDir, 'remittance');
  await mkdir(dir, { recursive: true });
  const { answers, skipped } = claimAnswers(ledger, window.monthStarts[Math.max(0, window.monthStarts.length - REMITTANCE_MONTHS)]);
  const byMonth = new Map<string, ClaimAnswer[]>();
  for (const a of answers) {
    const m = isoDate(a.day).slice(0, 7);
    (byMonth.get(m) ?? byMonth.set(m, []).get(m)!).push(a);
  }
  const files: RemittanceFile[] = [];
  let monthIndex = 0;
  for (const [month, list] of byMonth) {
    const groups = new Map<string, ClaimAnswer[]>();
    for (const a of list) (groups.get(`${a.day}|${a.claim.payer.id}`) ?? groups.set(`${a.day}|${a.claim.payer.id}`, []).get(`${a.day}|${a.claim.payer.id}`)!).push(a);
    const control = String(100000 + monthIndex).padStart(9, '0');
    const segs = [`ISA*00*          *00*          *ZZ*${'DEMOCLEARING'.padEnd(15)}*ZZ*${'MAPLEGROVE'.padEnd(15)}*${compact(window.lastDay).slice(2)}*0000*^*00501*${control}*0*P*:`, `GS*HP*DEMOCLEARING*MAPLEGROVE*${compact(window.lastDay)}*0000*${monthIndex + 1}*X*005010X221A1`];
    let st = 0;
    let paid = 0;
    let claims = 0;
    for (const group of groups.values()) {
      const t = transaction(++st, group[0]!.claim.payer, group[0]!.day, group, {
        recoup: monthIndex % 3 === 0 && st === 1,
        unknownClaim: monthIndex % 4 === 1 && st === 1 ? `X${month.replace('-', '')}01` : null,
      });
      segs.push(...t.segs);
      paid += t.paid;
      claims += t.claims;
    }
    segs.push(`GE*${st}*${monthIndex + 1}`, `IEA*1*${control}`);
    const path = join(dir, `era-${month}.835`);
    await writeLines(path, segs.map((s) => `${s}~\n`));
    files.push({ path, transactions: st, claims, paidCents: paid });
    monthIndex++;
  }
  const year = ymd(window.firstDay).year;
  const codes = [...new Set(ledger.filter((r) => r.type === 'charge').map((r) => r.line.code))].sort();
  const fees = PAYERS.filter((p) => p.payerClass !== 'self_pay').flatMap((p) =>
    codes.map((code) => ({ payer_ref: p.id, procedure_code: code, modifier: '', expected_allowed_usd: money(bp(feeCents(code, year), p.allowedBp + (p.id === 'HVH' ? 300 : 0))) })),
  );
  const feeSchedule = await writeCanonical(outDir, 'fee_schedule', fees);
  return { feeSchedule, files, skipped };
}
