/**
 * The demo practice's reference files (providers, payers, locations, work RVUs) in the
 * canonical format. `generateDemo` writes them beside the facts; a benchmark that streams a
 * large ledger with `generateLedger` writes them with the same seed so every id resolves.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceName } from '../etl/sources/contract.ts';
import { headerLine, recordLine, type CsvRecord } from './canonical.ts';
import { WORK_RVUS } from './fees.ts';
import { hundredths } from './money.ts';
import { PAYERS } from './payers.ts';
import { buildRoster, providerDisplayName, type Roster } from './roster.ts';
import { writeLines } from './sink.ts';

export interface WrittenFile {
  readonly source: SourceName;
  readonly path: string;
  readonly rows: number;
  /** Sum of the source's control-total money field in cents; null when it has none. */
  readonly controlTotalCents: bigint | null;
}

/** Write `records` as the canonical file of `source` in `outDir`. */
export async function writeCanonical(
  outDir: string,
  source: SourceName,
  records: Iterable<CsvRecord>,
  controlTotalCents: bigint | null = null,
): Promise<WrittenFile> {
  const path = join(outDir, `${source}.csv`);
  let rows = 0;
  function* lines(): Generator<string> {
    yield headerLine(source);
    for (const r of records) {
      rows++;
      yield recordLine(source, r);
    }
  }
  await writeLines(path, lines());
  return { source, path, rows, controlTotalCents };
}

export type ReferenceFiles = Readonly<Record<'providers' | 'payers' | 'locations' | 'rvus', WrittenFile>>;

export async function writeRosterFiles(outDir: string, roster: Roster): Promise<ReferenceFiles> {
  const providers = roster.providers.map((p) => ({
    provider_id: p.id,
    provider_name: providerDisplayName(p),
    npi: p.npi,
    specialty: p.specialty,
    clinical_fte: hundredths(p.clinicalFteHundredths),
    location_id: p.locationId,
  }));
  const payers = PAYERS.map((p) => ({ payer_id: p.id, payer_name: p.name, payer_class: p.payerClass }));
  const locations = roster.locations.map((l) => ({ location_id: l.id, location_name: l.name }));
  const rvus = WORK_RVUS.map(([procedure_code, work_rvu]) => ({ procedure_code, work_rvu }));
  return {
    providers: await writeCanonical(outDir, 'providers', providers),
    payers: await writeCanonical(outDir, 'payers', payers),
    locations: await writeCanonical(outDir, 'locations', locations),
    rvus: await writeCanonical(outDir, 'rvus', rvus),
  };
}

/** The reference files of the practice generated from `seed` (default 42); creates `outDir`. */
export async function writeReferenceFiles(outDir: string, seed = 42): Promise<ReferenceFiles> {
  await mkdir(outDir, { recursive: true });
  return writeRosterFiles(outDir, buildRoster(seed));
}
