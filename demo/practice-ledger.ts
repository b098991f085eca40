/**
 * The demo practice's billing ledger: one claim per fulfilled appointment (same patient,
 * provider, location and date of service), its lines priced from the fee schedule of the
 * year, posted through the claim life cycle of claims.ts. The ledger is an extract by post
 * date: rows posted in the window, in posting order; the row at index i has the transaction id
 * `transactionId(i + 1)`, so ids rise with the posting date.
 */
import { DAY_SECONDS, ymd, type DemoWindow } from './calendar.ts';
import { postClaim, type Claim, type ClaimLine, type LedgerRow } from './claims.ts';
import { feeCents, visitLines, type VisitType } from './fees.ts';
import type { Patient } from './patients.ts';
import { Rng } from './random.ts';
import type { Appointment } from './schedule.ts';

export const transactionId = (n: number): string => `T${String(n).padStart(10, '0')}`;
export const claimId = (n: number): string => `C${String(n).padStart(9, '0')}`;

export interface VisitFacts {
  readonly patient: Patient;
  readonly providerId: string;
  readonly locationId: string;
  readonly serviceDay: number;
  readonly type: VisitType;
  readonly pediatric: boolean;
}

/** The claim for one visit: its lines and their charges on the year's fee schedule. */
export function claimForVisit(rng: Rng, id: string, v: VisitFacts): Claim {
  const { year, month } = ymd(v.serviceDay);
  const lines = visitLines(rng, v.type, month, v.pediatric).map(
    (l, i): ClaimLine => ({ n: i + 1, code: l.code, units: l.units, chargeCents: feeCents(l.code, year) * l.units }),
  );
  return { id, patient: v.patient, providerId: v.providerId, locationId: v.locationId, payer: v.patient.payer, serviceDay: v.serviceDay, lines };
}

/** Rows posted in the window for the claims of every fulfilled appointment (earlier ones too). */
export function buildLedger(seed: number, appointments: readonly Appointment[], window: DemoWindow): LedgerRow[] {
  const rng = new Rng(seed, 'claims');
  const rows: LedgerRow[] = [];
  const keep = (r: LedgerRow): void => {
    if (r.postDay >= window.firstDay) rows.push(r);
  };
  let n = 0;
  for (const a of appointments) {
    if (a.status !== 'fulfilled') continue;
    const claim = claimForVisit(rng, claimId(++n), {
      patient: a.patient,
      providerId: a.provider.id,
      locationId: a.locationId,
      serviceDay: Math.floor(a.start / DAY_SECONDS),
      type: a.type,
      pediatric: a.provider.pediatric,
    });
    postClaim(rng, claim, window.lastDay, keep);
  }
  return rows.sort((a, b) => a.postDay - b.postDay); // stable: claims keep their order within a day
}
