/**
 * A profile dry run (`practiceboard profile check FILE`): which profile reads the file, how its
 * columns map to canonical fields, the first rows as typed, and what would be rejected and why,
 * with the control totals, all without loading anything. It runs the loader's own steps (header
 * match, reader, typing, trailer, line numbers, repeated keys) in a private in-memory DuckDB,
 * so it needs no warehouse and no lock, and works while the server runs. Patient identifiers
 * are never shown (the sample says "hashed at load"); reasons name the field and rule only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import { checkProfileInEngine } from '../profiles/engineCheck.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import type { Profile } from '../profiles/schema.ts';
import { SOURCES } from '../sources/catalog.ts';
import { SOURCE_NAMES, type SourceName } from '../sources/contract.ts';
import { chooseProfile, type ProfileChoice } from './chooseProfile.ts';
import { fieldOfColumn, readHeadBytes } from './header.ts';
import { noMatchHint } from './noMatchHint.ts';
import { randomBytes } from 'node:crypto';
import { hmacPads } from '../phi/patientKey.ts';
import { centsText } from './amountText.ts';
import { scanRecords } from './records.ts';
import { shortCopyPath } from './scanTypes.ts';
import { rejectRepeatedKeys } from './repeatedKeys.ts';
import { readCsvSql } from './stage.ts';
import { sqlIdent } from './sqlText.ts';
import { asWrittenSql, keyCellsOf, lastNonTrailerOrd, signsExplained, trailerPattern } from './trailer.ts';
import { stageRowsView } from './shortRecords.ts';
import { detectUtf16, transcodeToUtf8 } from './transcode.ts';
import { buildTypedSql } from './typing.ts';
import { collectWarnings, type LoadWarning } from './warnings.ts';
import { localDate } from '../../core/localTime.ts';
import type { RejectSummary } from './report.ts';

export interface FieldMappingLine {
  readonly field: string;
  readonly required: boolean;
  /** The file's column(s) it reads, `= value` for a constant, or null when unmapped or absent. */
  readonly from: string | null;
}

export interface ProfileCheck {
  readonly profileId: string;
  readonly source: SourceName;
  readonly label: string;
  readonly headerLine: number;
  readonly mapping: readonly FieldMappingLine[];
  /** Columns of the file no field reads (never stored), with those the profile marks never-store. */
  readonly ignoredColumns: readonly string[];
  readonly rowsRead: number;
  readonly rowsRejected: number;
  readonly trailerRows: number;
  /** The first data rows: line, typed canonical values as text (null when blank or untypable), rejected or not. */
  readonly sample: readonly { line: number; ok: boolean; values: Readonly<Record<string, string | null>> }[];
  /** The first rejects, and every (column, reason) with its row count. */
  readonly rejects: readonly RejectSummary[];
  readonly rejectCounts: readonly { column: string | null; reason: string; rows: number }[];
  /** Warning rules only: ids unknown to reference data need the warehouse and are checked at load. */
  readonly warnings: readonly LoadWarning[];
  readonly fileTotal: string | null;
  readonly loadedTotal: string | null;
  readonly trailerTotal: string | null;
  /** The rows that would load, their total as the file writes them (the profile's `signs` turned back). */
  readonly loadedAsWritten: string | null;
  /** Why the total that would load differs from it (etl/load/trailer.ts signsExplained), or null. */
  readonly signsNote: string | null;
}

const PATIENT_SHOWN = '(hashed at load)';

/** The profile for the file: named, of the given source, or the best fit over every source. */
async function choose(profiles: ProfileRegistry, path: string, name: string, o: { source?: SourceName; profileId?: string }): Promise<ProfileChoice> {
  if (o.profileId || o.source) return chooseProfile(profiles, path, name, o);
  let best: ProfileChoice | undefined;
  for (const source of SOURCE_NAMES) {
    if (profiles.forSource(source).length === 0) continue;
    try {
      const c = await chooseProfile(profiles, path, name, { source });
      if (!best || c.header.score > best.header.score) best = c;
    } catch (err) {
      if (!(err instanceof PracticeBoardError)) throw err; // a source none of whose profiles fits
    }
  }
  if (best) return best;
  // The same diagnosis a load gives, over every source's profiles.
  const hint = noMatchHint(profiles.all(), await readHeadBytes(path));
  throw new PracticeBoardError('NO_MATCHING_PROFILE', `${name}: no profile of any source finds its required columns in the first lines${hint ? `. ${hint}` : '; name one with --profile or --source'}`);
}

function mappingOf(profile: Profile, choice: ProfileChoice): FieldMappingLine[] {
  return SOURCES[profile.source].fields.map((f) => {
    const m = profile.columns[f.name];
    const idx = choice.header.fieldColumns.get(f.name);
    let from: string | null = null;
    if (m !== undefined && typeof m !== 'string' && m.const !== undefined) from = `= ${m.const}`;
    else if (idx && idx.length > 0) from = idx.map((i) => choice.header.columns[i] ?? `column ${i + 1}`).join(' / ');
    return { field: f.name, required: f.required, from };
  });
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** What a check reads its file as: the rows it shows, the practice's zone, the load's day (YYYY-MM-DD). */
interface CheckAs {
  readonly sampleRows: number;
  readonly timezone: string;
  readonly loadDate: string;
}

async function runCheck(conn: DuckDBConnection, readPath: string, utf8: boolean, scratch: string, choice: ProfileChoice, { sampleRows, timezone, loadDate }: CheckAs): Promise<Omit<ProfileCheck, 'mapping' | 'ignoredColumns' | 'profileId' | 'source' | 'label' | 'headerLine'>> {
  const { profile, header } = choice;
  const spec = SOURCES[profile.source];
  // The loader's own record scan (records.ts): the same records, lines and rejects a load would see.
  const ctrlField = spec.controlTotal ? spec.fields.find((f) => (f.column ?? f.name) === spec.controlTotal) : undefined;
  const ctrlColumns = ctrlField ? (header.fieldColumns.get(ctrlField.name) ?? []) : [];
  const canonPath = join(scratch, 'check.canon.csv');
  // As a load: no value of a column a canonical field reads may span lines; its reject names the field.
  const fieldOf = fieldOfColumn(header);
  const columnLabel = (i: number): string => fieldOf.get(i) ?? header.columns[i] ?? `column ${i + 1}`;
  const scan = await scanRecords({
    path: readPath,
    outPath: canonPath,
    headerLine: header.headerLine,
    columnCount: header.columns.length,
    dialect: profile.dialect,
    encoding: utf8 ? 'utf-8' : profile.dialect.encoding,
    ...(ctrlColumns.length > 0 ? { control: { columns: ctrlColumns, format: profile.formats.number } } : {}),
    ...(profile.dialect.trailer ? { trailerRows: profile.dialect.trailer.maxRows } : {}),
    singleLineColumns: [...fieldOf.keys()],
  });
  // Nothing is kept: patient ids are hashed under a throwaway key and shown only as "(hashed at load)".
  const throwaway = randomBytes(32);
  const typed = buildTypedSql(spec, profile, header.fieldColumns, header.columns.length, readCsvSql(header.columns.length), [], { timezone });
  await conn.run(typed.createTyped, { path: canonPath, trailer_re: trailerPattern(profile), ...(typed.createTyped.includes('$hmac_') ? hmacPads(throwaway) : {}) });
  const stagedRows = Number((await conn.runAndReadAll('SELECT count(*) FROM typed')).getRows()[0]![0]);
  // The loader's own view of the staged rows (loadFile.ts), without the patient-key join.
  const shortRejects = await stageRowsView(conn, scan, { columnCount: header.columns.length, shortPath: shortCopyPath({ outPath: canonPath }), trailerRe: trailerPattern(profile), lastNonTrailer: lastNonTrailerOrd(profile, stagedRows), columnLabel, keyCells: keyCellsOf(spec, header.fieldColumns) });
  await rejectRepeatedKeys(conn, spec, header, [], throwaway);
  const ctrl = spec.controlTotal ? sqlIdent(spec.controlTotal) : 'NULL::DECIMAL(18,2)';
  const sums = (
    await conn.runAndReadAll(`SELECT count(*) FILTER (NOT is_trailer)::INTEGER, count(*) FILTER (NOT is_trailer AND NOT ok)::INTEGER, count(*) FILTER (is_trailer)::INTEGER,
      CAST(sum(${ctrl}) FILTER (NOT is_trailer) AS VARCHAR), CAST(sum(${ctrl}) FILTER (ok) AS VARCHAR), CAST(sum(${ctrl}) FILTER (is_trailer) AS VARCHAR),
      list(ord) FILTER (is_trailer), CAST(sum(${asWrittenSql(spec, profile, ctrl)}) FILTER (ok) AS VARCHAR) FROM rows_v`)
  ).getRows()[0]!;
  const trailerOrds = ((sums[6] as { items?: unknown[] } | null)?.items ?? []).map(Number);
  const fields = spec.fields.filter((f) => f.type !== 'patient');
  const sampleSql = `SELECT src_line::INTEGER AS line, ok, ${fields.map((f) => `CAST(${sqlIdent(f.column ?? f.name)} AS VARCHAR) AS ${sqlIdent(f.name)}`).join(', ')}
    FROM rows_v WHERE NOT is_trailer AND NOT short ORDER BY ord LIMIT ${Math.max(0, Math.trunc(sampleRows))}`;
  const sample = (await conn.runAndReadAll(sampleSql)).getRowObjectsJS().map((r) => ({
    line: Number(r.line),
    ok: r.ok === true,
    values: Object.fromEntries(spec.fields.map((f) => [f.name, f.type === 'patient' ? PATIENT_SHOWN : str(r[f.name])])),
  }));
  const rowRejects = (
    await conn.runAndReadAll(`SELECT src_line::INTEGER AS line, split_part(e, '|', 1) AS col, split_part(e, '|', 2) AS reason
      FROM (SELECT src_line, unnest(string_split(errs, chr(10))) AS e FROM rows_v WHERE NOT ok AND NOT is_trailer AND NOT short)`)
  ).getRowObjectsJS() as { line: number; col: string; reason: string }[];
  const all: RejectSummary[] = [
    ...[...scan.rejects, ...shortRejects].map((r) => ({ line: r.line, column: r.column === undefined ? null : columnLabel(r.column), reason: r.reason })),
    ...rowRejects.map((r) => ({ line: r.line, column: r.col, reason: r.reason })),
  ].sort((a, b) => a.line - b.line);
  const counts = new Map<string, { column: string | null; reason: string; rows: number }>();
  for (const r of all) {
    const k = `${r.column}|${r.reason}`;
    counts.set(k, { column: r.column, reason: r.reason, rows: (counts.get(k)?.rows ?? 0) + 1 });
  }
  const money = (v: unknown): string | null => (spec.controlTotal ? ((v as string | null) ?? '0.00') : null);
  return {
    rowsRead: Number(sums[0]) + scan.rejects.length,
    rowsRejected: Number(sums[1]) + scan.rejects.length,
    trailerRows: Number(sums[2]),
    sample,
    rejects: all.slice(0, 20),
    rejectCounts: [...counts.values()].sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason)),
    // As a load on that day would warn.
    warnings: await collectWarnings(conn, spec, { references: false, loadDate }),
    // As a load reports it: from the bytes, less the trailer rows.
    fileTotal: scan.controlCents === null ? money(sums[3]) : centsText(trailerOrds.reduce((t, o) => t - (scan.tailCents.get(o) ?? 0n), scan.controlCents)),
    loadedTotal: money(sums[4]),
    loadedAsWritten: money(sums[7]),
    signsNote: signsExplained(profile, money(sums[4]), money(sums[7])) ?? null,
    trailerTotal: spec.controlTotal && Number(sums[2]) > 0 ? ((sums[5] as string | null) ?? null) : null,
  };
}

/** Dry-run `path` through the chosen profile; nothing is written anywhere but a scratch folder. */
export async function checkProfileOnFile(
  profiles: ProfileRegistry,
  path: string,
  opts: { fileName: string; source?: SourceName; profileId?: string; sampleRows?: number; /** The practice's time zone: times written with a zone are shown on its clock, as a load stores them. */ timezone: string; /** The check's clock (default: now); its day is the load's day of the warnings. */ clock?: () => Date },
): Promise<ProfileCheck> {
  const scratch = mkdtempSync(join(tmpdir(), 'pb-profile-check-'));
  try {
    // As a load does: a UTF-16 file is matched and read as its UTF-8 copy.
    const utf16 = await detectUtf16(path);
    const readPath = utf16 ? await transcodeToUtf8(path, utf16.encoding, scratch, 'check') : path;
    const choice = await choose(profiles, readPath, opts.fileName, opts);
    const loadDate = localDate((opts.clock ?? (() => new Date()))(), opts.timezone);
    return await checkChosen(choice, readPath, utf16 !== undefined, scratch, { sampleRows: opts.sampleRows ?? 5, timezone: opts.timezone, loadDate });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function checkChosen(choice: ProfileChoice, readPath: string, utf8: boolean, scratch: string, as: CheckAs): Promise<ProfileCheck> {
  const { profile, header } = choice;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await checkProfileInEngine(profile, profile.id, conn);
    const used = new Set([...header.fieldColumns.values()].flat());
    const result = await runCheck(conn, readPath, utf8, scratch, choice, as);
    return {
      profileId: profile.id,
      source: profile.source,
      label: profile.label,
      headerLine: header.headerLine,
      mapping: mappingOf(profile, choice),
      ignoredColumns: header.columns.filter((c, i) => !used.has(i) && c.trim() !== ''),
      ...result,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
