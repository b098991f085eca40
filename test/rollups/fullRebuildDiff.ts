/**
 * The rollup tables as they stand (refreshed by the loads) against a full rebuild of them from
 * the facts, run in a transaction that is rolled back, so the warehouse is left as it was: the
 * rows that differ per table, or both sides whole, to compare value for value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ROLLUP_TABLES, rebuildRollups } from '../../dashboards/rollups/rebuild.ts';

export async function differencesFromRebuild(conn: DuckDBConnection): Promise<Record<string, number>> {
  for (const t of ROLLUP_TABLES) await conn.run(`CREATE OR REPLACE TEMP TABLE inc_${t} AS SELECT * FROM ${t}`);
  await conn.run('BEGIN TRANSACTION');
  const out: Record<string, number> = {};
  try {
    await rebuildRollups(conn);
    for (const t of ROLLUP_TABLES) {
      const sql = `SELECT (SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT ALL SELECT * FROM inc_${t}))
                        + (SELECT count(*) FROM (SELECT * FROM inc_${t} EXCEPT ALL SELECT * FROM ${t}))`;
      const n = Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
      if (n > 0) out[t] = n;
    }
  } finally {
    await conn.run('ROLLBACK');
    for (const t of ROLLUP_TABLES) await conn.run(`DROP TABLE IF EXISTS temp.inc_${t}`);
  }
  return out;
}

/** Every rollup's rows (as JSON, in order), and with `types` each one's column types too. */
export async function rollupSnapshot(conn: DuckDBConnection, types = false): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLUP_TABLES) {
    out[t] = (await conn.runAndReadAll(`SELECT * FROM ${t} ORDER BY ALL`)).getRowObjectsJson();
    if (types) out[`${t} types`] = (await conn.runAndReadAll('SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index', { t })).getRowObjectsJson();
  }
  return out;
}

/** The rollups as they stand, and as a full rebuild of the same facts gives them (rolled back). */
export async function snapshotAndRebuild(conn: DuckDBConnection, types = false): Promise<[Record<string, unknown[]>, Record<string, unknown[]>]> {
  const loaded = await rollupSnapshot(conn, types);
  await conn.run('BEGIN TRANSACTION');
  try {
    await rebuildRollups(conn);
    return [loaded, await rollupSnapshot(conn, types)];
  } finally {
    await conn.run('ROLLBACK');
  }
}
