/**
 * The data's version known in the process (server/cache/writeVersion.ts): every write through a
 * tracked connection moves it, by the time the writer learns it committed; reads, read-only
 * snapshots, the connection's own temporary tables and the tables no cached page reads never do.
 * Every claim is checked against DuckDB itself (what the statement did to the database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../core/warehouse/open.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { trackWrites, writeVersionOf, type WriteVersion } from '../../server/cache/writeVersion.ts';
import { splitStatements, statementKind } from '../../server/cache/statementKind.ts';

let wh: Warehouse;
let version: WriteVersion;
beforeAll(async () => {
  wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [] });
  version = trackWrites(wh);
  await wh.use((c) => c.run('CREATE TABLE cw_t (x INTEGER)'));
}, 60_000);
afterAll(() => wh?.close());

/** Whether `fn` moved the version. */
async function moves(fn: () => Promise<unknown>): Promise<boolean> {
  const before = version.current();
  await fn();
  return version.current() !== before;
}
const count = async (c: DuckDBConnection, table = 'cw_t') => Number((await c.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);

describe('the write version', () => {
  it('is one per warehouse, and every way to a connection is tracked (use, a pool, connect)', async () => {
    expect(trackWrites(wh)).toBe(version);
    expect(writeVersionOf(wh)).toBe(version);
    const pool = new ConnectionPool(wh, 1);
    expect(await moves(() => pool.use((c) => c.run('INSERT INTO cw_t VALUES (1)')))).toBe(true);
    expect(await moves(() => wh.use((c) => c.run('INSERT INTO cw_t VALUES (2)')))).toBe(true);
    const conn = await wh.connect();
    expect(await moves(() => conn.run('DELETE FROM cw_t WHERE x = 2'))).toBe(true);
    conn.closeSync();
    pool.close();
  });

  it('moves after a write outside a transaction, and not on reads', async () => {
    await wh.use(async (c) => {
      expect(await moves(() => c.runAndReadAll('SELECT count(*) FROM cw_t'))).toBe(false);
      expect(await moves(() => c.runAndReadAll('WITH a AS (SELECT 1) SELECT * FROM a'))).toBe(false);
      for (const w of ['INSERT INTO cw_t VALUES (3)', 'UPDATE cw_t SET x = 4 WHERE x = 3', 'DELETE FROM cw_t WHERE x = 4', 'CREATE TABLE cw_u (y INTEGER)', 'ALTER TABLE cw_u ADD COLUMN z INTEGER', 'DROP TABLE cw_u', 'CHECKPOINT'])
        expect(await moves(() => c.run(w)), w).toBe(true);
      // A statement that fails moves it too (a mistake costs a rebuilt page, never a stale one).
      expect(await moves(() => c.run('INSERT INTO cw_t VALUES (1, 2, 3)').catch(() => undefined))).toBe(true);
    });
  });

  it('moves when a transaction that wrote ends, never in the middle, and not for a read-only snapshot', async () => {
    await wh.use(async (c) => {
      const other = await wh.connect();
      const n0 = await count(other);
      await c.run('BEGIN TRANSACTION');
      expect(await moves(() => c.run('INSERT INTO cw_t VALUES (10)'))).toBe(false);
      expect(await count(other)).toBe(n0); // not visible: nothing to move for yet
      expect(await moves(() => c.run('COMMIT'))).toBe(true);
      expect(await count(other)).toBe(n0 + 1);
      await c.run('BEGIN TRANSACTION');
      await c.run('DELETE FROM cw_t');
      expect(await moves(() => c.run('ROLLBACK'))).toBe(true);
      expect(await moves(() => c.run('BEGIN TRANSACTION').then(() => c.runAndReadAll('SELECT * FROM cw_t')).then(() => c.run('ROLLBACK')))).toBe(false);
      // One text with the whole transaction in it.
      expect(await moves(() => c.run('BEGIN; INSERT INTO cw_t VALUES (11); COMMIT;'))).toBe(true);
      expect(await count(other)).toBe(n0 + 2);
      other.closeSync();
    });
  });

  it('moves once for a write outside a transaction: a later read-only snapshot on the same connection moves nothing', async () => {
    await wh.use(async (c) => {
      expect(await moves(() => c.run('INSERT INTO cw_t VALUES (20)'))).toBe(true);
      // The page builder's snapshot, on the pooled connection that wrote before (the settings, a
      // commentary): nothing new to show, so the pages stay (a second move here dropped every
      // cached page again, whenever a background warm-up happened to draw that connection).
      expect(await moves(() => c.run('BEGIN TRANSACTION').then(() => c.runAndReadAll('SELECT count(*) FROM cw_t')).then(() => c.run('COMMIT')))).toBe(false);
      // One text that opens a transaction and writes in it moves again when it ends.
      await c.run('BEGIN TRANSACTION; INSERT INTO cw_t VALUES (21);');
      expect(await moves(() => c.run('COMMIT'))).toBe(true);
      await c.run('DELETE FROM cw_t WHERE x >= 20');
    });
  });

  it("does not move for the connection's own temporary tables, which DuckDB resolves before main", async () => {
    await wh.use(async (c) => {
      expect(await moves(() => c.run('CREATE TEMP TABLE cw_t (x INTEGER)'))).toBe(false); // shadows main.cw_t
      const n = await count(c, 'memory.main.cw_t'); // main.cw_t would name temp's schema main
      expect(await moves(() => c.run('INSERT INTO cw_t VALUES (99)'))).toBe(false);
      expect(await count(c, 'temp.cw_t')).toBe(1); // the write went to the temporary table, as assumed
      expect(await count(c, 'memory.main.cw_t')).toBe(n);
      const app = await c.createAppender('cw_t', 'main', 'temp');
      app.appendInteger(5);
      app.endRow();
      expect(await moves(async () => app.closeSync())).toBe(false);
      expect(await moves(() => c.run('DROP TABLE cw_t'))).toBe(false); // the temporary one
      expect(await moves(() => c.run('INSERT INTO cw_t VALUES (98)'))).toBe(true); // main's again
      expect(await count(c, 'memory.main.cw_t')).toBe(n + 1);
    });
  });

  it("does not move for a drop 'if exists' of nothing or of a temporary table, and moves for one of the database's", async () => {
    await wh.use(async (c) => {
      expect(await moves(() => c.run('DROP TABLE IF EXISTS cw_nothing'))).toBe(false);
      await c.run('CREATE TEMP TABLE cw_staging AS SELECT 1 AS x');
      expect(await moves(() => c.run('DROP TABLE IF EXISTS cw_staging'))).toBe(false);
      const other = await wh.connect();
      await other.run('CREATE TEMP TABLE cw_staging2 AS SELECT 1 AS x'); // another connection's: not the database's
      expect(await moves(() => c.run('DROP TABLE IF EXISTS cw_staging2'))).toBe(false);
      other.closeSync();
      await c.run('CREATE TABLE cw_kept (x INTEGER)');
      expect(await moves(() => c.run('DROP TABLE IF EXISTS cw_kept'))).toBe(true);
      expect(await count(c, "duckdb_tables() WHERE table_name = 'cw_kept'")).toBe(0);
      await c.run('CREATE VIEW cw_view AS SELECT 1 AS x');
      expect(await moves(() => c.run('DROP VIEW IF EXISTS CW_VIEW'))).toBe(true);
    });
  });

  it('moves on each flush of an appender to a table of the database', async () => {
    await wh.use(async (c) => {
      const app = await c.createAppender('cw_t');
      app.appendInteger(7);
      app.endRow();
      expect(await moves(async () => app.flushSync())).toBe(true);
      expect(await moves(async () => app.closeSync())).toBe(true);
    });
  });

  it('refuses a write through a statement run later (prepare, stream), and lets reads through', async () => {
    await wh.use(async (c) => {
      await expect(c.prepare('INSERT INTO cw_t VALUES ($1)')).rejects.toThrow(/may only read/);
      await expect(c.streamAndReadAll('DELETE FROM cw_t')).rejects.toThrow(/may only read/);
      expect((await c.streamAndReadAll('SELECT 42')).getRows()).toEqual([[42]]);
      const p = await c.prepare('SELECT $1::INTEGER');
      p.bindInteger(1, 5);
      expect((await p.runAndReadAll()).getRows()).toEqual([[5]]);
    });
  });

  it('does not move for the tables no cached page reads (the audit log, sessions, users)', async () => {
    await wh.use(async (c) => {
      for (const w of ['INSERT INTO audit_head VALUES (1, 0, \'x\', NULL) ON CONFLICT (head_id) DO UPDATE SET seq = excluded.seq', 'UPDATE audit_head SET seq = 0 WHERE head_id = 1', 'DELETE FROM auth_session', 'UPDATE app_user SET failed_attempts_n = 0'])
        expect(await moves(() => c.run(w)), w).toBe(false);
    });
  });
});

describe('statementKind', () => {
  it('splits outside quotes and comments', () => {
    expect(splitStatements("SELECT ';' AS a; -- COMMIT;\nINSERT INTO t VALUES ('a;b') /* ; */;")).toEqual(["SELECT ';' AS a", "INSERT INTO t VALUES ('a;b')"]);
  });

  it('takes anything it does not know for a write', () => {
    const none = new Set<string>();
    expect(statementKind('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', none)).toEqual({ kind: 'write' });
    expect(statementKind('EXPLAIN ANALYZE SELECT 1', none)).toEqual({ kind: 'write' });
    expect(statementKind('COPY t FROM \'f.csv\'', none)).toEqual({ kind: 'write' });
    expect(statementKind('MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', none).kind).toBe('write');
    expect(statementKind('INSERT INTO "Fact Billing" VALUES (1)', none)).toEqual({ kind: 'write', table: 'fact billing' });
    expect(statementKind('UPDATE main.report_pack SET x = 1', none)).toEqual({ kind: 'write', table: 'report_pack' });
  });
});
