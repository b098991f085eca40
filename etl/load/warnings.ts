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

/** The reference check of one field: rows, distinct ids and the first ids the reference table lacks. */
function unknownIdsSql(f: FieldSpec): string {
  const ref = SOURCES[f.references!.source];
  // Table and key come from the catalog (an allow-list); the field's column from the contract.
  const key = sqlIdent(ref.naturalKey[0]!);
  const v = sqlIdent(f.column ?? f.name);
  const except = (f.references!.except ?? []).map(sqlString);
  return `SELECT count(*)::INTEGER AS rows_n, count(DISTINCT v)::INTEGER AS ids_n, list_sort(list_distinct(list(v)))[1:${IDS_NAMED}] AS ids
    FROM (SELECT ${v} AS v FROM typed WHERE errs = '' AND ${v} IS NOT NULL${except.length ? ` AND ${v} NOT IN (${except.join(', ')})` : ''}) r
    WHERE NOT EXISTS (SELECT 1 FROM ${sqlIdent(ref.table)} d WHERE d.${key} = r.v)`;
}

async function unknownIdWarnings(conn: DuckDBConnection, spec: SourceSpec): Promise<LoadWarning[]> {
  const out: LoadWarning[] = [];
  for (const f of spec.fields) {
    if (!f.references) continue;
    const r = (await conn.runAndReadAll(unknownIdsSql(f))).getRowObjectsJS()[0] as { rows_n: number; ids_n: number; ids: string[] | null };
    if (r.rows_n === 0) continue;
    const label = SOURCES[f.references.source].label.toLowerCase();
    const more = r.ids_n > IDS_NAMED ? ', ...' : '';
    out.push({
      column: f.name,
      reason: `${r.ids_n} ${r.ids_n === 1 ? 'id is' : 'ids are'} not in the ${label} reference data (${(r.ids ?? []).map((id) => `"${id}"`).join(', ')}${more}); load it so lists and breakdowns show them`,
      rows: r.rows_n,
    });
  }
  return out;
}

/** Every warning of the staged rows; `references: false` skips the reference check (no warehouse). */
export async function collectWarnings(conn: DuckDBConnection, spec: SourceSpec, opts: { references?: boolean } = {}): Promise<LoadWarning[]> {
  const rules = (await conn.runAndReadAll(RULE_WARNINGS_SQL)).getRowObjectsJS() as { column_name: string; reason: string; rows_n: number }[];
  const fromRules = rules.map((r) => ({ column: r.column_name, reason: r.reason, rows: r.rows_n }));
  return [...fromRules, ...(opts.references === false ? [] : await unknownIdWarnings(conn, spec))];
}

export async function insertWarnings(conn: DuckDBConnection, runId: string, warnings: readonly LoadWarning[]): Promise<void> {
  for (const w of warnings) await conn.run(INSERT_WARNING_SQL, { run: runId, column: w.column, reason: w.reason, rows: w.rows });
}

export async function runWarnings(conn: DuckDBConnection, runId: string): Promise<LoadWarning[]> {
  const rows = (await conn.runAndReadAll(RUN_WARNINGS_SQL, { run: runId })).getRowObjectsJS() as { column_name: string; reason: string; rows_n: number }[];
  return rows.map((r) => ({ column: r.column_name, reason: r.reason, rows: r.rows_n }));
}
