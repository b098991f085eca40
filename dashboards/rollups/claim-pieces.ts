/**
 * The full rebuild of rollup_claim in pieces of claims, so it fits DuckDB's memory limit at any
 * ledger size. claim.sql keeps, per claim, an `arg_min` over a struct (the claim's first-charge
 * group) whose state DuckDB's hash aggregate cannot spill: about 200 to 300 bytes a claim held in
 * memory (measured: the 1.6 million claims of the 10,000,000-row ledger fit 477 MiB and fail at
 * 286 MiB); its other aggregates, a table write and a sort spill. So when the facts hold more
 * claims than a piece may (`claimsPerPiece`: the memory limit over BYTES_PER_CLAIM, a margin of
 * about 2 for what else the process holds), they are cut into ranges of claim_id, the bounds
 * being quantiles of a sample of the facts' claim ids (rows, so pieces of about equal rows), and
 * each range is aggregated on its own by claim.sql itself, its `/*claim-range*\/ TRUE` marker
 * replaced by the bound range (a comparison DuckDB pushes into the scan), into a temporary table;
 * then one ordered write replaces the table. The ranges [-inf, b1), [b1, b2), ..., [bK-1, +inf)
 * cover every claim id once (a NULL one, which the table refuses anyway, in the first), all of a
 * claim's rows fall in its range, and the query's rows are per claim, so the pieces' rows are
 * exactly the one-piece query's rows: the bounds change how big the pieces are, never the result.
 */
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';

/** Where claim.sql reads its facts; true in the file (every claim). */
export const CLAIM_RANGE = '/*claim-range*/ TRUE';

/** The facts claim.sql reads (under this name, a table or a load's staged rows). */
const FACTS = 'fact_billing_txn';

/** Bytes of DuckDB's memory limit per claim of a piece: about twice the unspillable state. */
export const BYTES_PER_CLAIM = 600;

/** Sampled claim ids per piece, for its bounds. */
const SAMPLE_PER_PIECE = 10_000;

const UNITS: Readonly<Record<string, number>> = { bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** Bytes of a DuckDB memory setting as it prints it ('953.6 MiB'); undefined when it is not a size. */
export function settingBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit ? Number(m[1]) * unit : undefined;
}

/** How many claims a piece may hold under the connection's memory limit (unbounded: every claim). */
export async function claimsPerPiece(conn: DuckDBConnection): Promise<number> {
  const limit = String((await conn.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0]?.[0]);
  const bytes = settingBytes(limit);
  return bytes === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(bytes / BYTES_PER_CLAIM));
}

/**
 * The bounds cutting the facts' claims into pieces of at most about `perPiece` claims: none when
 * one piece holds them all. `facts` is what a full rebuild puts before the query (a WITH naming a
 * load's staged rows as the fact table, or nothing).
 */
export async function claimBounds(conn: DuckDBConnection, facts: string, perPiece: number): Promise<string[]> {
  if (!(perPiece >= 1)) throw new PracticeBoardError('ROLLUP_FAILED', `claims per piece must be at least 1, not ${perPiece}`);
  const one = async (sql: string): Promise<unknown> => (await conn.runAndReadAll(`${facts}${sql}`)).getRowsJS()[0]?.[0];
  const rows = Number(await one(`SELECT count(*) FROM ${FACTS}`));
  // Every claim has a row: no more claims than rows.
  if (rows <= perPiece) return [];
  const claims = Number(await one(`SELECT count(DISTINCT claim_id) FROM ${FACTS}`));
  const pieces = Math.ceil(claims / perPiece);
  if (pieces <= 1) return [];
  const quantiles = Array.from({ length: pieces - 1 }, (_, k) => (k + 1) / pieces);
  const sample = Math.min(rows, pieces * SAMPLE_PER_PIECE);
  const cut = (await one(
    `SELECT quantile_disc(claim_id, [${quantiles.join(', ')}]) FROM (SELECT claim_id FROM ${FACTS} USING SAMPLE reservoir(${sample} ROWS) REPEATABLE (15))`,
  )) as unknown[] | null;
  return [...new Set((cut ?? []).filter((b): b is string => typeof b === 'string'))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The filter of piece `k` of the pieces `bounds` cut, on claim_id, with its bound values. */
export function claimRange(bounds: readonly string[], k: number): { readonly sql: string; readonly values: Record<string, DuckDBValue> } {
  if (k < 0 || k > bounds.length) throw new PracticeBoardError('ROLLUP_FAILED', `no claim piece ${k} of ${bounds.length + 1}`);
  if (k === 0) return { sql: '(claim_id < $claim_to::VARCHAR OR claim_id IS NULL)', values: { claim_to: bounds[0]! } };
  if (k === bounds.length) return { sql: '(claim_id >= $claim_from::VARCHAR)', values: { claim_from: bounds[k - 1]! } };
  return { sql: '(claim_id >= $claim_from::VARCHAR AND claim_id < $claim_to::VARCHAR)', values: { claim_from: bounds[k - 1]!, claim_to: bounds[k]! } };
}

/**
 * Replaces `table` by `query` (claim.sql, with its marker) run one piece of claims at a time,
 * then written in `order`, on the caller's connection and transaction.
 */
export async function rebuildInPieces(
  conn: DuckDBConnection,
  q: {
    readonly table: string;
    readonly facts: string;
    readonly query: string;
    readonly order: string;
    readonly bounds: readonly string[];
    readonly values: Record<string, DuckDBValue>;
    readonly types: Record<string, DuckDBType>;
  },
): Promise<void> {
  if (!q.query.includes(CLAIM_RANGE)) throw new PracticeBoardError('ROLLUP_FAILED', `the query of ${q.table} has no ${CLAIM_RANGE} marker`);
  const pieces = `temp.${q.table}_pieces`;
  for (let k = 0; k <= q.bounds.length; k++) {
    const range = claimRange(q.bounds, k);
    const sql = `${q.facts}SELECT * FROM (${q.query.replaceAll(CLAIM_RANGE, range.sql)})`;
    const into = k === 0 ? `CREATE OR REPLACE TEMP TABLE ${q.table}_pieces AS ` : `INSERT INTO ${pieces} `;
    await conn.run(into + sql, { ...q.values, ...range.values }, q.types);
  }
  await conn.run(`CREATE OR REPLACE TABLE ${q.table} AS SELECT * FROM ${pieces}${q.order}`);
  await conn.run(`DROP TABLE ${pieces}`);
}
