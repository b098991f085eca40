/**
 * The Parquet lake round-trips: a warehouse loaded through the real loader is exported, then a
 * separate DuckDB reads the lake back (Hive partitions) and every exported table equals the
 * warehouse's, row for row; the facts lie one folder per practice and month; no account,
 * audit or ETL control table leaves the warehouse.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { exportParquet } from '../../server/commands/warehouseExport.ts';
import { openHarness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

describe('warehouse export --parquet', () => {
  it('writes a lake that DuckDB reads back equal to the warehouse', { timeout: 300_000 }, async () => {
    const h = await openHarness();
    const lake = join(h.dir, 'lake');
    let tables: string[] = [];
    try {
      const billing = csv('billing', [
        { transaction_id: 'T1', claim_id: 'C1', post_date: '2026-01-06', amount_usd: '100.00' },
        { transaction_id: 'T2', claim_id: 'C1', post_date: '2026-02-10', txn_type: 'payment', payment_source: 'insurance', amount_usd: '60.00' },
        { transaction_id: 'T3', claim_id: 'C2', service_date: '2026-02-01', post_date: '2026-02-03', amount_usd: '80.50' },
      ]);
      expect((await h.load({ path: h.file('b.csv', billing), source: 'billing' })).status).toBe('loaded');
      expect((await h.load({ path: h.file('a.csv', csv('appointments', [{}])), source: 'appointments' })).status).toBe('loaded');
      expect((await h.load({ path: h.file('p.csv', csv('payroll', [{}])), source: 'payroll' })).status).toBe('loaded');
      await h.warehouse.use((c) => rebuildRollups(c));
      const r = await h.warehouse.use((c) => exportParquet(c, { dir: lake, practice: 'maple-grove', scratch: join(h.dir, 'tmp') }));
      tables = r.tables.map((t) => t.table);
      expect(r.tables.find((t) => t.table === 'fact_billing_txn')?.rows).toBe(3);
    } finally {
      h.warehouse.close();
    }

    expect(tables).toEqual(expect.arrayContaining(['fact_billing_txn', 'fact_appointment', 'fact_payroll', 'dim_procedure', 'rollup_claim', 'rollup_ar_month']));
    expect(tables.filter((t) => !/^(fact|dim|ref|rollup)_/.test(t))).toEqual([]);
    expect(readdirSync(join(lake, 'fact_billing_txn', 'practice=maple-grove')).sort()).toEqual(['month=2026-01', 'month=2026-02']);
    expect(existsSync(join(lake, 'dim_procedure', 'practice=maple-grove', 'data_0.parquet'))).toBe(true);

    // Read back with a DuckDB of its own, against the warehouse file attached read-only.
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      await c.run(`ATTACH '${join(h.dir, 'wh.duckdb')}' AS wh (READ_ONLY)`);
      for (const t of tables) {
        const cols = (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'wh' AND table_name = '${t}' ORDER BY column_index`))
          .getRows()
          .map((x) => `"${String(x[0])}"`)
          .join(', ');
        const lakeRows = `SELECT ${cols} FROM read_parquet('${join(lake, t)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
        const diff = (
          await c.runAndReadAll(
            `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM wh.${t} EXCEPT ALL ${lakeRows})) + (SELECT count(*) FROM (${lakeRows} EXCEPT ALL SELECT ${cols} FROM wh.${t}))`,
          )
        ).getRows()[0]![0];
        expect(Number(diff), t).toBe(0);
      }
      const [[n, total]] = (await c.runAndReadAll(`SELECT count(*)::INTEGER, sum(amount_usd)::VARCHAR FROM read_parquet('${join(lake, 'fact_billing_txn')}/**/*.parquet', hive_partitioning = true)`)).getRows() as [[number, string]];
      expect([n, total]).toEqual([3, '240.50']);
    } finally {
      c.closeSync();
      h.close();
    }
  });
});
