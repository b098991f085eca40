/**
 * The demo practice's appointment book: every provider's half-day sessions on clinic days,
 * filled according to seasonal demand, at the location the provider works that weekday.
 * Each appointment gets a booking lead time, an outcome (about 7% no-shows, 2-4% late
 * cancellations less than 24 hours before the start, ordinary cancellations, a few entered in
 * error, the rest fulfilled) and, when fulfilled, check-in and check-out times.
 */
import type { Absences } from './absences.ts';
import { DAY_SECONDS, isClinicDay, isoDow } from './calendar.ts';
import type { VisitType } from './fees.ts';
import type { Patient, PatientBook } from './patients.ts';
import type { Rng } from './random.ts';
import type { Provider, Roster } from './roster.ts';
import { demandFactor, isWinter } from './seasonality.ts';

export type ApptStatus = 'fulfilled' | 'noshow' | 'cancelled' | 'entered-in-error';

export interface Appointment {
  readonly id: string;
  readonly patient: Patient;
  readonly provider: Provider;
  readonly locationId: string;
  readonly type: VisitType;
  /** Seconds since the epoch, practice local time. */
  readonly bookedAt: number;
  readonly start: number;
  readonly durationMin: number;
  readonly status: ApptStatus;
  readonly cancelledAt?: number;
  readonly checkedInAt?: number;
  readonly checkedOutAt?: number;
}

/** Morning and afternoon sessions, minutes after midnight. */
const SESSIONS = [
  [480, 720],
  [780, 990],
] as const;
const DURATION_MIN: Readonly<Record<VisitType, number>> = { new: 30, established: 15, procedure: 30 };
// About 19 visits a provider on a full clinic day, near the MGMA primary-care median.
const BASE_FILL = 0.8;

function visitType(rng: Rng, pediatric: boolean): VisitType {
  const u = rng.next();
  if (u < (pediatric ? 0.1 : 0.12)) return 'new';
  if (u < (pediatric ? 0.13 : 0.19)) return 'procedure';
  return 'established';
}

type Outcome = Pick<Appointment, 'status' | 'cancelledAt' | 'checkedInAt' | 'checkedOutAt'>;

function outcome(rng: Rng, bookedAt: number, start: number, durationMin: number, day: number): Outcome {
  const lateCancel = (): Outcome => ({
    status: 'cancelled',
    cancelledAt: rng.int(Math.max(bookedAt + 300, start - DAY_SECONDS + 60), start - 900),
  });
  let r = rng.next();
  if ((r -= 0.003) < 0) return { status: 'entered-in-error' };
  if ((r -= isWinter(day) ? 0.072 : 0.062) < 0) return { status: 'noshow' };
  if ((r -= 0.02) < 0) return lateCancel();
  if ((r -= 0.08) < 0) {
    const lastOrdinary = start - DAY_SECONDS - 60;
    // Booked the day before or the same day: any cancellation is a late one.
    return lastOrdinary - bookedAt > 3600 ? { status: 'cancelled', cancelledAt: rng.int(bookedAt + 600, lastOrdinary) } : lateCancel();
  }
  if (rng.chance(0.03)) return { status: 'fulfilled' }; // times not recorded
  const checkedInAt = start - rng.int(0, 1200) + (rng.chance(0.12) ? rng.int(60, 900) : 0);
  const checkedOutAt = checkedInAt + (durationMin + rng.triangular(5, 15, 45)) * 60 + rng.int(0, 59);
  return { status: 'fulfilled', checkedInAt, checkedOutAt };
}

/** Seconds of the booking, `lead` days before a start at `startMin` on `day`. */
function bookedAt(rng: Rng, day: number, startMin: number, lead: number): number {
  const minute = lead === 0 ? rng.int(420, startMin - 30) : rng.int(450, 1050);
  return (day - lead) * DAY_SECONDS + minute * 60 + rng.int(0, 59);
}

/** Every appointment from `fromDay` to `toDay`, by day, provider and time; ids 'A00000001' up. */
export function scheduleAppointments(rng: Rng, roster: Roster, book: PatientBook, absences: Absences, fromDay: number, toDay: number): Appointment[] {
  for (const p of roster.providers) book.seedPanel(p.id, p.pediatric, (p.clinicalFteHundredths * 9) | 0);
  const out: Appointment[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    if (!isClinicDay(day)) continue;
    const dow = isoDow(day);
    const fill = Math.min(0.96, BASE_FILL * demandFactor(day));
    for (const provider of roster.providers) {
      const sessions = provider.sessions[dow] ?? 0;
      if (sessions === 0 || absences.get(provider.employeeId)?.has(day)) continue;
      const locationId = provider.away?.dow === dow ? provider.away.locationId : provider.locationId;
      for (const [from, to] of SESSIONS.slice(0, sessions)) {
        for (let t = from; t < to; ) {
          if (!rng.chance(fill)) {
            t += 15;
            continue;
          }
          let type = visitType(rng, provider.pediatric);
          if (t + DURATION_MIN[type] > to) type = 'established';
          const durationMin = DURATION_MIN[type];
          if (t + durationMin > to) break;
          const patient = type === 'new' ? book.newPatient(provider.id, provider.pediatric) : book.established(provider.id, provider.pediatric);
          const sameDay = type === 'established' && rng.chance(0.12);
          const lead = sameDay ? 0 : type === 'new' ? rng.triangular(1, 12, 60) : rng.triangular(1, 8, 56);
          const start = day * DAY_SECONDS + t * 60;
          const booked = bookedAt(rng, day, t, lead);
          out.push({
            id: `A${String(out.length + 1).padStart(8, '0')}`,
            patient,
            provider,
            locationId,
            type,
            bookedAt: booked,
            start,
            durationMin,
            ...outcome(rng, booked, start, durationMin, day),
          });
          t += durationMin;
        }
      }
    }
  }
  return out;
}
