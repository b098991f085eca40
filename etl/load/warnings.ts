/**
 * The warnings of a load: rows that load but deserve a look, as counts. Two kinds:
 * - a source's warning rules (catalog `warnings`), counted per rule over the rows that load;
 * - ids that name reference data the warehouse lacks (catalog `references`): per field, how
 *   many rows and distinct ids, with at most three of the ids (provider, location and payer
 *   ids are not patient data). Without this the location and provider lists stay empty and
 *   nobody is told why.
 * Never a row's values otherwise. Reads the staging table `typed` (typing.ts) once repeated keys
 * are marked: its rows with no error are exactly the rows that load (a trailer always has one),
 * so no line-number join is needed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SOURCES } from '../sources/catalog.ts';
import type { FieldSpec, SourceSpec } from '../sources/contract.ts';
import { sqlIdent, sqlString } from './sqlText.ts';

export interface LoadWarning {
  /** The canonical field the warning is about. */
  readonly column: string;
  readonly reason: string;
  /** Rows it applies to. */
  readonly rows: number;
}

/** At most this many unknown ids are named in a warning. */
const IDS_NAMED = 3;

const RULE_WARNINGS_SQL = `
SELECT split_part(w, '|', 1) AS column_name, split_part(w, '|', 2) AS reason, count(*)::INTEGER AS rows_n
FROM (SELECT unnest(string_split(warns, chr(10))) AS w FROM typed WHERE errs = '' AND warns <> '')
GROUP BY ALL ORDER BY column_name, reason`;

const INSERT_WARNING_SQL = 'INSERT INTO etl_warning VALUES ($run, $column, $reason, $rows)';
const RUN_WARNINGS_SQL = 'SELECT column_name, reason, rows_n::INTEGER AS rows_n FROM etl_warning WHERE run_id = $run ORDER BY column_name, reason';

/**
 * The reference check of one field: rows, distinct ids and the first ids the reference table
 * lacks. The rows are first counted per id (a file names few distinct ids), so the reference
 * table is looked up once per id, not once per row, and the ids listed are already distinct.
 */
function unknownIdsSql(f: FieldSpec): string {
  const ref = SOURCES[f.references!.source];
  // Table and key come from the catalog (an allow-list); the field's column from the contract.
  const key = sqlIdent(ref.naturalKey[0]!);
  const v = sqlIdent(f.column ?? f.name);
  const except = (f.references!.except ?? []).map(sqlString);
  return `SELECT ${sqlString(f.name)} AS field, coalesce(sum(n), 0)::INTEGER AS rows_n, count(*)::INTEGER AS ids_n, list_sort(list(v))[1:${IDS_NAMED}] AS ids
    FROM (SELECT ${v} AS v, count(*) AS n FROM typed WHERE errs = '' AND ${v} IS NOT NULL${except.length ? ` AND ${v} NOT IN (${except.join(', ')})` : ''} GROUP BY ${v}) r
    WHERE NOT EXISTS (SELECT 1 FROM ${sqlIdent(ref.table)} d WHERE d.${key} = r.v)`;
}

/** Every field's reference check in one statement (one round trip), in the contract's field order. */
async function unknownIdWarnings(conn: DuckDBConnection, spec: SourceSpec): Promise<LoadWarning[]> {
  const fields = spec.fields.filter((f) => f.references);
  if (fields.length === 0) return [];
  const found = (await conn.runAndReadAll(fields.map(unknownIdsSql).join('\nUNION ALL\n'))).getRowObjectsJS() as { field: string; rows_n: number; ids_n: number; ids: string[] | null }[];
  const byField = new Map(found.map((r) => [r.field, r]));
  const out: LoadWarning[] = [];
  for (const f of fields) {
    const r = byField.get(f.name)!;
    if (r.rows_n === 0) continue;
    const label = SOURCES[f.references!.source].label.toLowerCase();
    const more = r.ids_n > IDS_NAMED ? ', ...' : '';
    out.push({
      column: f.name,
      reason: `${r.ids_n} ${r.ids_n === 1 ? 'id is' : 'ids are'} not in the ${label} reference data (${(r.ids ?? []).map((id) => `"${id}"`).join(', ')}${more}); load it so lists and breakdowns show them`,
      rows: r.rows_n,
    });
  }
  return out;
}

/**
 * Dates after the day of the load, for the fields that cannot be in the future (`notAfterLoad`):
 * one count per field, in one statement over the columns themselves (no per-row warning text
 * for the typing to write). A posting date of 2062 for 2026 loaded silently before: the file's
 * coverage then ran to 2062 and the A/R rollups held a month end for each month until then.
 */
async function afterLoadWarnings(conn: DuckDBConnection, spec: SourceSpec, loadDate: string): Promise<LoadWarning[]> {
  const fields = spec.fields.filter((f) => f.notAfterLoad);
  if (fields.length === 0) return [];
  const counts = fields.map((f, i) => `count(*) FILTER (WHERE ${sqlIdent(f.column ?? f.name)} > $load_date::DATE)::INTEGER AS n${i}`);
  const row = (await conn.runAndReadAll(`SELECT ${counts.join(', ')} FROM typed WHERE errs = ''`, { load_date: loadDate })).getRows()[0]!;
  return fields
    .map((f, i) => ({ column: f.name, reason: `is after the day of the load (${loadDate}): a posting date is never in the future; a mistyped year?`, rows: Number(row[i]) }))
    .filter((w) => w.rows > 0);
}

/**
 * Every warning of the staged rows; `references: false` skips the reference check (no warehouse).
 * `loadDate` is the day of the load on the practice's clock (YYYY-MM-DD).
 */
export async function collectWarnings(conn: DuckDBConnection, spec: SourceSpec, opts: { references?: boolean; loadDate: string }): Promise<LoadWarning[]> {
  // The staged rows carry `warns` only when the source has warning rules (typing.ts).
  const rules = (spec.warnings ?? []).length === 0 ? [] : ((await conn.runAndReadAll(RULE_WARNINGS_SQL)).getRowObjectsJS() as { column_name: string; reason: string; rows_n: number }[]);
  const fromRules = rules.map((r) => ({ column: r.column_name, reason: r.reason, rows: r.rows_n }));
  return [...fromRules, ...(await afterLoadWarnings(conn, spec, opts.loadDate)), ...(opts.references === false ? [] : await unknownIdWarnings(conn, spec))];
}

export async function insertWarnings(conn: DuckDBConnection, runId: string, warnings: readonly LoadWarning[]): Promise<void> {
  for (const w of warnings) await conn.run(INSERT_WARNING_SQL, { run: runId, column: w.column, reason: w.reason, rows: w.rows });
}

export async function runWarnings(conn: DuckDBConnection, runId: string): Promise<LoadWarning[]> {
  const rows = (await conn.runAndReadAll(RUN_WARNINGS_SQL, { run: runId })).getRowObjectsJS() as { column_name: string; reason: string; rows_n: number }[];
  return rows.map((r) => ({ column: r.column_name, reason: r.reason, rows: r.rows_n }));
}
