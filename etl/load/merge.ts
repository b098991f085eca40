/**
 * Merges a file's valid rows into the warehouse by the source's natural key. The rule
 * (docs/sources.md): a row whose natural key is already loaded replaces the stored row (the
 * last file loaded wins); stored rows that the new file does not mention are kept. Runs inside
 * the load's transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceSpec } from '../sources/contract.ts';
import { sqlIdent } from './sqlText.ts';

/** The valid rows of the file being loaded, with the patient key joined in where the source has one. */
const validRows = (spec: SourceSpec): string =>
  spec.fields.some((f) => f.type === 'patient')
    ? `SELECT r.*, pk.patient_key FROM rows_v r LEFT JOIN pk_map pk ON pk.patient_text = r.${sqlIdent(`t_${spec.fields.find((f) => f.type === 'patient')!.name}`)} WHERE r.ok`
    : 'SELECT * FROM rows_v WHERE ok';

/** The source's table holds no row yet (read inside the load's transaction). */
export async function tableIsEmpty(conn: DuckDBConnection, spec: SourceSpec): Promise<boolean> {
  return (await conn.runAndReadAll(`SELECT 1 FROM ${sqlIdent(spec.table)} LIMIT 1`)).getRows().length === 0;
}

/** `empty`: the caller has just read, in this transaction, that the table holds no row. */
export async function mergeRows(conn: DuckDBConnection, spec: SourceSpec, fileId: string, empty?: boolean): Promise<{ loaded: number; replaced: number }> {
  const VALID_ROWS = validRows(spec);
  const table = sqlIdent(spec.table);
  const keyCols = spec.naturalKey.map((k) => sqlIdent(spec.fields.find((f) => f.name === k)?.column ?? k));
  const joinOn = keyCols.map((k) => `t.${k} = v.${k}`).join(' AND ');
  const columns = spec.fields.map((f) => f.column ?? f.name);
  const derived = spec.derived ?? {};
  const extra = Object.keys(derived).filter((c) => !columns.includes(c));
  const targetCols = [...columns, ...extra].map(sqlIdent);
  const selectCols = [...columns, ...extra].map((c) => (derived[c] ? `(${derived[c]})` : sqlIdent(c)));

  const keysOf = `SELECT DISTINCT ${keyCols.join(', ')} FROM rows_v WHERE ok`;
  let replaced = 0;
  if (spec.upsert) {
    replaced = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table} t JOIN (${keysOf}) v ON ${joinOn}`)).getRows()[0]![0]);
  } else if (!(empty ?? (await tableIsEmpty(conn, spec)))) {
    // The rows deleted are exactly the rows this file replaces (nothing to delete in an empty table).
    replaced = Number((await conn.run(`DELETE FROM ${table} t USING (${keysOf}) v WHERE ${joinOn}`)).rowsChanged);
  }
  const verb = spec.upsert ? 'INSERT OR REPLACE INTO' : 'INSERT INTO';
  const res = await conn.run(
    `${verb} ${table} (${targetCols.join(', ')}, file_id, source_line)
     SELECT ${selectCols.join(', ')}, $file_id, src_line FROM (${VALID_ROWS})`,
    { file_id: fileId },
  );
  return { loaded: Number(res.rowsChanged), replaced };
}
