/**
 * Generates the demo practice: a seeded, deterministic, realistic synthetic medical practice
 * written as the canonical CSV files of every source (billing, payroll, appointments,
 * providers, payers, locations, budget, rvus, fee_schedule), the payers' X12 835 remittances
 * (demo/remittance.ts) plus two vendor-flavoured exports in
 * `outDir/vendor/`. The same options give byte-identical files: nothing reads the clock.
 *
 * @example
 *   const summary = await generateDemo({ outDir: 'data/demo', seed: 42, endMonth: '2026-10', months: 24 });
 *   summary.files.billing.rows; // ledger rows; summary.files.billing.controlTotalCents: their sum
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { SourceName } from '../etl/sources/contract.ts';
import { buildAbsences } from './absences.ts';
import { budgetRecords } from './budget.ts';
import { DAY_SECONDS, demoWindow, isoDate } from './calendar.ts';
import { appointmentRecord, billingLine, headerLine, payrollRecord } from './canonical.ts';
import { PatientBook } from './patients.ts';
import { buildPayroll } from './payroll.ts';
import type { LedgerRow } from './claims.ts';
import { buildLedger, transactionId } from './practice-ledger.ts';
import { Rng } from './random.ts';
import { writeCanonical, writeRosterFiles, type WrittenFile } from './reference-files.ts';
import { buildRoster } from './roster.ts';
import { scheduleAppointments } from './schedule.ts';
import { writeRemittances, type RemittanceFile } from './remittance.ts';
import { writeLines } from './sink.ts';
import { writeAcmeBilling, type VendorFile } from './vendor-billing.ts';
import { writeAcmePayroll } from './vendor-payroll.ts';

export { generateLedger } from './ledger-stream.ts';
export { writeReferenceFiles } from './reference-files.ts';
export type { WrittenFile, VendorFile };

export const PRACTICE_NAME = 'Maple Grove Family Medical Group';
/** Visits this many days before the window are scheduled too, so the first months' payments are there. */
const WARM_UP_DAYS = 180;

const DemoOptionsSchema = z.object({
  /** Folder for the files; created if missing. */
  outDir: z.string().min(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
  /** Last month generated, 'YYYY-MM'. */
  endMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be 'YYYY-MM'").default('2026-10'),
  months: z.number().int().min(1).max(120).default(24),
});
export type DemoOptions = z.input<typeof DemoOptionsSchema>;

export interface DemoSummary {
  readonly outDir: string;
  readonly seed: number;
  /** First and last day of the generated window, 'YYYY-MM-DD'. */
  readonly firstDate: string;
  readonly lastDate: string;
  readonly files: Readonly<Record<SourceName, WrittenFile>>;
  readonly vendor: { readonly billing: VendorFile; readonly payroll: VendorFile };
  /** The X12 835 files, one per month, in `outDir/remittance/`. */
  readonly remittance: readonly RemittanceFile[];
}

async function writeBilling(outDir: string, ledger: readonly LedgerRow[]): Promise<WrittenFile> {
  const path = join(outDir, 'billing.csv');
  let total = 0;
  function* lines(): Generator<string> {
    yield headerLine('billing');
    for (let i = 0; i < ledger.length; i++) {
      total += ledger[i]!.cents;
      yield billingLine(ledger[i]!, transactionId(i + 1));
    }
  }
  await writeLines(path, lines());
  return { source: 'billing', path, rows: ledger.length, controlTotalCents: BigInt(total) };
}

export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  const parsed = DemoOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `demo ${i.path.join('.')}: ${i.message}`));
  const { outDir, seed, endMonth, months } = parsed.data;
  const window = demoWindow(endMonth, months);
  const roster = buildRoster(seed);
  const absences = buildAbsences(seed, roster, window.firstDay - WARM_UP_DAYS, window.lastDay);
  const book = new PatientBook(new Rng(seed, 'patients'));
  const appointments = scheduleAppointments(new Rng(seed, 'schedule'), roster, book, absences, window.firstDay - WARM_UP_DAYS, window.lastDay);
  const ledger = buildLedger(seed, appointments, window);
  const payroll = buildPayroll(seed, roster, absences, window);
  const inWindow = appointments.filter((a) => a.start >= window.firstDay * DAY_SECONDS);

  await mkdir(join(outDir, 'vendor'), { recursive: true });
  const reference = await writeRosterFiles(outDir, roster);
  const payrollTotal = payroll.reduce((sum, p) => sum + p.grossCents, 0);
  const remittance = await writeRemittances(outDir, ledger, window);
  const files: Record<SourceName, WrittenFile> = {
    billing: await writeBilling(outDir, ledger),
    payroll: await writeCanonical(outDir, 'payroll', payroll.map(payrollRecord), BigInt(payrollTotal)),
    appointments: await writeCanonical(outDir, 'appointments', inWindow.map(appointmentRecord)),
    budget: await writeCanonical(outDir, 'budget', budgetRecords(seed, window, roster.locations, { ledger, appointments: inWindow, payroll })),
    fee_schedule: remittance.feeSchedule,
    ...reference,
  };
  const lastMonth = window.monthStarts[window.monthStarts.length - 1]!;
  const firstInLastMonth = ledger.findIndex((r) => r.postDay >= lastMonth);
  const sliceStart = firstInLastMonth === -1 ? ledger.length : firstInLastMonth;
  const vendor = {
    billing: await writeAcmeBilling(join(outDir, 'vendor', 'acme_billing_export.csv'), PRACTICE_NAME, {
      rows: ledger.slice(sliceStart),
      firstTransaction: sliceStart + 1,
      fromDay: lastMonth,
      toDay: window.lastDay,
    }),
    payroll: await writeAcmePayroll(join(outDir, 'vendor', 'acme_payroll_register.csv'), PRACTICE_NAME, payroll),
  };
  return { outDir, seed, firstDate: isoDate(window.firstDay), lastDate: isoDate(window.lastDay), files, vendor, remittance: remittance.files };
}
