/**
 * A canonical billing ledger of any size for benchmarks: exactly `rows` valid rows with the
 * demo practice's mix (its providers, locations, payers, fee schedule and claim life cycle),
 * streamed to disk claim by claim with backpressure, in constant memory. Service dates span
 * about two years whatever the size; rows are in claim order. Pair it with
 * `writeReferenceFiles(dir, seed)` so every provider, payer and location id resolves.
 *
 * @example
 *   await writeReferenceFiles('bench/data', 7);
 *   const { rows, controlTotalCents } = await generateLedger({ outPath: 'bench/data/billing.csv', rows: 10_000_000, seed: 7 });
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { dayOf, isClinicDay, isoDow } from './calendar.ts';
import { billingLine, headerLine } from './canonical.ts';
import { postClaim, type LedgerRow } from './claims.ts';
import type { VisitType } from './fees.ts';
import { PatientBook } from './patients.ts';
import { claimForVisit, claimId, transactionId } from './practice-ledger.ts';
import { Rng, Weighted } from './random.ts';
import { buildRoster } from './roster.ts';
import { writeLines } from './sink.ts';

const LedgerOptionsSchema = z.object({
  outPath: z.string().min(1),
  rows: z.number().int().min(0).max(1e9),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
});
export type LedgerOptions = z.input<typeof LedgerOptionsSchema>;

const FIRST_SERVICE_DAY = dayOf(2024, 11, 1);
const ROWS_PER_CLAIM = 7; // about what the claim life cycle posts
const SERVICE_SPAN_DAYS = 500; // clinic days, about two years

export async function generateLedger(options: LedgerOptions): Promise<{ rows: number; controlTotalCents: bigint }> {
  const parsed = LedgerOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `ledger ${i.path.join('.')}: ${i.message}`));
  const { outPath, rows, seed } = parsed.data;
  const roster = buildRoster(seed);
  const rng = new Rng(seed, 'ledger');
  const book = new PatientBook(new Rng(seed, 'ledger-patients'));
  for (const p of roster.providers) book.seedPanel(p.id, p.pediatric, p.clinicalFteHundredths * 20);
  const providers = new Weighted(roster.providers.map((p) => [p, p.clinicalFteHundredths] as const));
  const claimsPerDay = Math.max(40, Math.ceil(rows / ROWS_PER_CLAIM / SERVICE_SPAN_DAYS));

  let written = 0;
  let total = 0;
  const pending: LedgerRow[] = [];
  const collect = (r: LedgerRow): void => {
    pending.push(r);
  };
  function* lines(): Generator<string> {
    yield headerLine('billing');
    let claims = 0;
    for (let day = FIRST_SERVICE_DAY; written < rows; day++) {
      if (!isClinicDay(day)) continue;
      const dow = isoDow(day);
      for (let i = 0; i < claimsPerDay && written < rows; i++) {
        const provider = providers.pick(rng);
        const u = rng.next();
        const type: VisitType = u < 0.12 ? 'new' : u < 0.18 ? 'procedure' : 'established';
        const patient = type === 'new' ? book.newPatient(provider.id, provider.pediatric) : book.established(provider.id, provider.pediatric);
        const locationId = provider.away?.dow === dow ? provider.away.locationId : provider.locationId;
        const claim = claimForVisit(rng, claimId(++claims), { patient, providerId: provider.id, locationId, serviceDay: day, type, pediatric: provider.pediatric });
        pending.length = 0;
        postClaim(rng, claim, Number.MAX_SAFE_INTEGER, collect);
        for (const row of pending) {
          if (written === rows) break;
          written++;
          total += row.cents;
          yield billingLine(row, transactionId(written));
        }
      }
    }
  }
  await mkdir(dirname(outPath), { recursive: true });
  await writeLines(outPath, lines());
  return { rows: written, controlTotalCents: BigInt(total) };
}
