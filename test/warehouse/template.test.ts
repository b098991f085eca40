/**
 * The tests' new warehouses (test/helpers/etlHarness.ts) start as copies of one migrated once
 * per test process: such a copy must be what Warehouse.open gives on a new file, the same
 * tables, columns, views, macros, migrations recorded and seeded rows, and a file that exists
 * must be opened as it is, never replaced by the template.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../core/warehouse/open.ts';
import { migratedTemplate, openTestWarehouse } from '../helpers/etlHarness.ts';

const dir = mkdtempSync(join(tmpdir(), 'pb-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a migration makes, in a comparable form (timestamps of the migrations left out). */
async function schemaAndSeed(conn: DuckDBConnection): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
  const tables = (await q("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY 1")).map((r) => String(r.table_name));
  const rows: Record<string, unknown[]> = {};
  for (const t of tables) rows[`rows of ${t}`] = await q(`SELECT * ${t === 'schema_migration' ? 'EXCLUDE (applied_at)' : ''} FROM "${t}" ORDER BY ALL`);
  return {
    tables,
    columns: await q("SELECT table_name, column_name, data_type, is_nullable, column_default FROM duckdb_columns() WHERE database_name = current_database() ORDER BY ALL"),
    views: await q("SELECT view_name, sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal ORDER BY ALL"),
    macros: await q("SELECT function_name, macro_definition FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal ORDER BY ALL"),
    constraints: await q("SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() WHERE database_name = current_database() ORDER BY ALL"),
    indexes: await q("SELECT table_name, index_name, sql FROM duckdb_indexes() WHERE database_name = current_database() ORDER BY ALL"),
    sequences: await q("SELECT sequence_name, start_value, last_value FROM duckdb_sequences() WHERE database_name = current_database() ORDER BY ALL"),
    ...rows,
  };
}

describe('a test warehouse copied from the migrated template', () => {
  it('is under vitest made from the template, and equals a warehouse migrated on open', async () => {
    expect(await migratedTemplate(), 'the run has a template').toBeDefined();
    const copied = await openTestWarehouse({ path: join(dir, 'copied.duckdb'), allowedDirectories: [dir] });
    // Migrated here, then reopened: DuckDB prints a macro's body differently before and after
    // it was stored (quoting of type names), and a copied file, like any warehouse after its first
    // restart, holds the stored form.
    (await Warehouse.open({ path: join(dir, 'fresh.duckdb'), allowedDirectories: [dir] })).close();
    const fresh = await Warehouse.open({ path: join(dir, 'fresh.duckdb'), allowedDirectories: [dir] });
    try {
      const [a, b] = [await copied.use(schemaAndSeed), await fresh.use(schemaAndSeed)];
      expect(Object.keys(a).length).toBeGreaterThan(20);
      expect((a['rows of schema_migration'] ?? []).length).toBeGreaterThan(10);
      expect(a).toEqual(b);
    } finally {
      copied.close();
      fresh.close();
    }
  });

  it('opens a file that exists as it is', async () => {
    const path = join(dir, 'kept.duckdb');
    const first = await openTestWarehouse({ path, allowedDirectories: [dir] });
    await first.use((c) => c.run("CREATE TABLE kept AS SELECT 'here' AS x"));
    first.close();
    const again = await openTestWarehouse({ path, allowedDirectories: [dir] });
    try {
      expect(await again.use(async (c) => (await c.runAndReadAll('SELECT x FROM kept')).getRowObjectsJson())).toEqual([{ x: 'here' }]);
    } finally {
      again.close();
    }
  });
});
