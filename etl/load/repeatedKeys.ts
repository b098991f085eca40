/**
 * A natural key repeated within one file: the first occurrence stands, later ones are rejected
 * with the line of the first. Their quarantined text is laid out in the file's own columns (the
 * kept ones; the others blank), from the canonical values, the patient id as `pk:` and its
 * keyed hash, never raw.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { hashedPatientText, hmacPads } from '../phi/patientKey.ts';
import type { SOURCES } from '../sources/catalog.ts';
import type { SourceName } from '../sources/contract.ts';
import type { HeaderMatch } from './header.ts';
import { sqlIdent, sqlString } from './sqlText.ts';

export async function rejectRepeatedKeys(conn: DuckDBConnection, spec: (typeof SOURCES)[SourceName], header: HeaderMatch, keptColumns: readonly number[], hmacKey: Buffer): Promise<void> {
  const keys = spec.naturalKey.map((k) => sqlIdent(spec.fields.find((f) => f.name === k)?.column ?? k)).join(', ');
  const n = (await conn.runAndReadAll(`SELECT count(*) - count(DISTINCT (${keys})) FROM rows_v WHERE ok`)).getRows()[0]![0];
  if (Number(n) === 0) return;
  const kept = new Set(keptColumns);
  const fieldOf = new Map<number, (typeof spec.fields)[number]>();
  for (const [name, idx] of header.fieldColumns) {
    const f = spec.fields.find((x) => x.name === name);
    if (f && idx[0] !== undefined && !fieldOf.has(idx[0])) fieldOf.set(idx[0], f);
  }
  const cell = (i: number): string => {
    const f = fieldOf.get(i);
    if (!f || !kept.has(i)) return "''";
    const v = f.type === 'patient' ? hashedPatientText(`CAST(${sqlIdent(`t_${f.name}`)} AS VARCHAR)`) : `CAST(${sqlIdent(f.column ?? f.name)} AS VARCHAR)`;
    return `CASE WHEN ${v} IS NULL THEN '' WHEN regexp_matches(${v}, '[",\\r\\n]') THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END`;
  };
  const raw = header.columns.map((_, i) => cell(i)).join(', ');
  const usesKey = raw.includes('$hmac_');
  await conn.run(
    `UPDATE typed SET errs = ${sqlString(`${spec.naturalKey[0]}|repeats the natural key (${spec.naturalKey.join(', ')}) of line `)} || d.first_line,
                      raw_record = concat_ws(',', ${raw})
     FROM (SELECT ord, row_number() OVER w AS rn, first_value(src_line) OVER w AS first_line FROM rows_v WHERE ok WINDOW w AS (PARTITION BY ${keys} ORDER BY ord)) d
     WHERE typed.rowid + 1 = d.ord AND d.rn > 1`,
    usesKey ? hmacPads(hmacKey) : {},
  );
}
