/**
 * Test fixture: one generated 24-month demo practice (seed 42, October 2026 last), read back
 * with papaparse, with the ledger folded into one summary per claim, for the realism and
 * validity tests to measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo, type DemoSummary } from '../../demo/generate.ts';
import { SOURCE_NAMES, type SourceName } from '../../etl/sources/contract.ts';
import { cents, readCsv, type CsvFile, type Row } from './csvFiles.ts';

export interface ClaimSummary {
  readonly claimId: string;
  readonly patientId: string;
  readonly providerId: string;
  readonly locationId: string;
  readonly payerId: string;
  readonly payerClass: string;
  readonly serviceDate: string;
  chargeCents: number;
  co45Cents: number;
  /** charges - payments + refunds - adjustments, on everything in the file. */
  balanceCents: number;
  firstInsurancePayment?: string;
  firstDenial?: string;
  /** A denial adjustment reversed (negative) later. */
  overturned: boolean;
  hasCharge: boolean;
}

/** A denial adjustment: a CARC outside the contractual and patient-share set (PRODUCT.md §3). */
export function isDenial(r: Row): boolean {
  if (r.txn_type !== 'adjustment' || r.carc_code === '') return false;
  if (r.adj_group === 'CO' && (r.carc_code === '45' || r.carc_code === '253')) return false;
  return !(r.adj_group === 'PR' && ['1', '2', '3'].includes(r.carc_code!));
}

const SIGN: Readonly<Record<string, number>> = { charge: 1, payment: -1, refund: 1, adjustment: -1, transfer: 0 };

function summarizeClaims(rows: readonly Row[]): Map<string, ClaimSummary> {
  const claims = new Map<string, ClaimSummary>();
  for (const r of rows) {
    let c = claims.get(r.claim_id!);
    if (!c) {
      c = {
        claimId: r.claim_id!,
        patientId: r.patient_id!,
        providerId: r.provider_id!,
        locationId: r.location_id!,
        payerId: r.payer_id!,
        payerClass: r.payer_class!,
        serviceDate: r.service_date!,
        chargeCents: 0,
        co45Cents: 0,
        balanceCents: 0,
        overturned: false,
        hasCharge: false,
      };
      claims.set(r.claim_id!, c);
    }
    const amount = cents(r.amount_usd!);
    c.balanceCents += SIGN[r.txn_type!]! * amount;
    if (r.txn_type === 'charge') {
      c.chargeCents += amount;
      c.hasCharge = true;
    }
    if (r.txn_type === 'adjustment' && r.carc_code === '45') c.co45Cents += amount;
    if (r.txn_type === 'payment' && r.payment_source === 'insurance' && (!c.firstInsurancePayment || r.post_date! < c.firstInsurancePayment)) {
      c.firstInsurancePayment = r.post_date!;
    }
    if (isDenial(r)) {
      if (amount < 0) c.overturned = true;
      else if (!c.firstDenial || r.post_date! < c.firstDenial) c.firstDenial = r.post_date!;
    }
  }
  return claims;
}

export interface DemoFixture {
  readonly summary: DemoSummary;
  readonly files: Readonly<Record<SourceName, CsvFile>>;
  readonly claims: ReadonlyMap<string, ClaimSummary>;
  cleanup(): void;
}

export async function generateFixture(): Promise<DemoFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-demo-'));
  const summary = await generateDemo({ outDir: dir, seed: 42, endMonth: '2026-10', months: 24 });
  const files = Object.fromEntries(SOURCE_NAMES.map((s) => [s, readCsv(summary.files[s].path)])) as Record<SourceName, CsvFile>;
  return { summary, files, claims: summarizeClaims(files.billing.rows), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
