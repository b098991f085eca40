/**
 * Rows of each rollup table that differ between the tables as they stand (refreshed by the
 * loads) and a full rebuild of them from the facts (run in a transaction that is rolled back,
 * so the warehouse is left as it was). Empty when every table equals its full rebuild.
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
