/**
 * Migrations at open (issue 15, start-up): a warehouse that is up to date applies nothing and
 * reads no migration file; one that is behind gets exactly the versions it lacks, in order, in
 * one transaction (all of them or, when one fails, none).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../core/warehouse/migrate.ts';
import { Warehouse } from '../../core/warehouse/open.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Replace a migration file by a folder of the same name: any attempt to read it fails (EISDIR). */
function unreadable(path: string): void {
  rmSync(path);
  mkdirSync(path);
}

describe('migrate', () => {
  it('applies only the versions not yet recorded, reading no file of an applied version', async () => {
    const files = join(dir, 'migrations');
    mkdirSync(files);
    writeFileSync(join(files, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(files, '002_b.sql'), 'CREATE TABLE b (y INTEGER);');
    writeFileSync(join(files, 'README.md'), 'not a migration');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      expect(await migrate(conn, files)).toEqual([1, 2]);
      // Applied versions are never read again: an unreadable file of one would fail the open.
      unreadable(join(files, '001_a.sql'));
      unreadable(join(files, '002_b.sql'));
      writeFileSync(join(files, '003_c.sql'), 'ALTER TABLE b ADD COLUMN z INTEGER;');
      expect(await migrate(conn, files)).toEqual([3]);
      unreadable(join(files, '003_c.sql'));
      expect(await migrate(conn, files)).toEqual([]);
      const cols = (await conn.runAndReadAll("SELECT column_name FROM duckdb_columns() WHERE table_name = 'b' ORDER BY column_index")).getRows().map((r) => String(r[0]));
      expect(cols).toEqual(['y', 'z']);
      const recorded = (await conn.runAndReadAll('SELECT version, name FROM schema_migration ORDER BY version')).getRows();
      expect(recorded).toEqual([[1, '001_a'], [2, '002_b'], [3, '003_c']]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('applies the pending versions whole or not at all, and names the one that failed', async () => {
    const files = join(dir, 'migrations');
    mkdirSync(files);
    writeFileSync(join(files, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const tables = async () => (await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE table_name <> 'schema_migration' ORDER BY 1")).getRows().map((r) => String(r[0]));
    const versions = async () => (await conn.runAndReadAll('SELECT version FROM schema_migration ORDER BY 1')).getRows().map((r) => Number(r[0]));
    try {
      expect(await migrate(conn, files)).toEqual([1]);
      // An upgrade of two versions whose second fails: the first is not left half-applied.
      writeFileSync(join(files, '002_b.sql'), 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);');
      writeFileSync(join(files, '003_c.sql'), 'ALTER TABLE no_such_table ADD COLUMN z INTEGER;');
      const failed = await migrate(conn, files).then(() => undefined, (e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      // DuckDB's reason by its kind only (the error of a migration that moves data could quote a value).
      expect((failed as Error).message).toBe('migration 003_c failed, so none of 002_b, 003_c was applied: Catalog Error');
      expect(await versions()).toEqual([1]);
      expect(await tables()).toEqual(['a']);
      expect(Number((await conn.runAndReadAll('SELECT count(*) FROM a')).getRows()[0]![0])).toBe(0);
      // Corrected, the same upgrade lands whole, in order.
      writeFileSync(join(files, '003_c.sql'), 'ALTER TABLE b ADD COLUMN z INTEGER;');
      expect(await migrate(conn, files)).toEqual([2, 3]);
      expect(await versions()).toEqual([1, 2, 3]);
      expect(await tables()).toEqual(['a', 'b']);
      expect(Number((await conn.runAndReadAll('SELECT count(*) FROM a')).getRows()[0]![0])).toBe(1);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('opens a new warehouse at the latest version and re-applies nothing at the next open', async () => {
    const path = join(dir, 'wh.duckdb');
    const expected = readdirSync(new URL('../../core/warehouse/migrations/', import.meta.url))
      .filter((n) => /^\d{3}_.+\.sql$/.test(n))
      .map((n) => Number(n.slice(0, 3)))
      .sort((a, b) => a - b);
    const read = async () => {
      const wh = await Warehouse.open({ path, allowedDirectories: [dir] });
      try {
        return await wh.use(async (c) => (await c.runAndReadAll('SELECT version, applied_at::VARCHAR FROM schema_migration ORDER BY version')).getRows());
      } finally {
        wh.close();
      }
    };
    const first = await read();
    expect(first.map((r) => r[0])).toEqual(expected);
    expect(await read()).toEqual(first);
  });
});
