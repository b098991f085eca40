/**
 * The rollup schema check at open (issue 15, start-up): each rollup table carries a fingerprint
 * of what its columns follow from, so a start with every fingerprint holding plans no query;
 * whatever a fingerprint covers that changes (the table's columns, the tables the rollups read)
 * sends that table back to the full check, which rebuilds stale rollups and keeps current ones.
 * The fast answer must always be the full check's: each case compares it with the check run
 * with every fingerprint removed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLLUP_TABLES, rollupSchemaState, rollupsCurrent } from '../../dashboards/rollups/rebuild.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { csv } from '../helpers/rows.ts';

let dir: string;
let config: Config;
const quiet = { logger: createLogger({ level: 'silent' }) };
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-rollschema-'));
  config = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
  await withCtx(async (ctx) => {
    mkdirSync(join(config.paths.inbox, 'billing'), { recursive: true });
    writeFileSync(join(config.paths.inbox, 'billing', 'a.csv'), csv('billing', [{ transaction_id: 'T1', amount_usd: '10.00' }, { transaction_id: 'T2', amount_usd: '2.50' }]));
    expect((await ctx.etl.loadInboxFile('billing', 'a.csv')).status).toBe('loaded');
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function withCtx<T>(fn: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = await openContext(config, quiet);
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}

const onWarehouse = <T>(fn: (c: DuckDBConnection) => Promise<T>) => withCtx((ctx) => ctx.warehouse.use(fn));

/** Each rollup table's identity (a rebuild replaces the table: a new oid) and comment. */
async function tables(c: DuckDBConnection): Promise<Map<string, { oid: string; comment: string | null }>> {
  const rows = (await c.runAndReadAll("SELECT table_name, table_oid::VARCHAR, comment FROM duckdb_tables() WHERE table_name LIKE 'rollup_%'")).getRowsJS();
  return new Map(rows.map((r) => [String(r[0]), { oid: String(r[1]), comment: r[2] === null ? null : String(r[2]) }]));
}

/** The full check's answer: the fingerprints removed (inside a transaction rolled back), every query planned. */
async function fullCheck(c: DuckDBConnection): Promise<boolean> {
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of ROLLUP_TABLES) if ((await c.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${t}'`)).getRows().length > 0) await c.run(`COMMENT ON TABLE ${t} IS NULL`);
    const state = await rollupSchemaState(c);
    expect(state.checked.length).toBe(ROLLUP_TABLES.length);
    return state.current;
  } finally {
    await c.run('ROLLBACK');
  }
}

const columnsOf = async (c: DuckDBConnection, table: string) => (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`)).getRows().map((r) => String(r[0]));

describe('rollup schema fingerprints', () => {
  it('are recorded at open on every rollup table; the next start plans no query and rebuilds nothing', async () => {
    const first = await onWarehouse(tables);
    expect([...first.keys()].sort()).toEqual([...ROLLUP_TABLES].sort());
    for (const t of first.values()) expect(t.comment).toMatch(/^practiceboard rollup schema [0-9a-f]{64}$/);
    await onWarehouse(async (c) => {
      const state = await rollupSchemaState(c);
      expect(state).toMatchObject({ current: true, checked: [] });
      expect(await tables(c)).toEqual(first);
      expect(await fullCheck(c)).toBe(true);
    });
  });

  it('no longer hold for a table whose columns changed after it was fingerprinted: it is rebuilt at open', async () => {
    const flows = 'SELECT month_start::VARCHAR, sum(txns_n)::INTEGER FROM rollup_ar_flow_month GROUP BY ALL ORDER BY 1';
    const { before, columns } = await onWarehouse(async (c) => ({ before: (await c.runAndReadAll(flows)).getRowsJS(), columns: await columnsOf(c, 'rollup_ar_flow_month') }));
    expect(before).toEqual([['2026-01-01', 2]]);
    await onWarehouse(async (c) => {
      // As an earlier version stored it: without the transaction count. The comment stays.
      await c.run('ALTER TABLE rollup_ar_flow_month DROP COLUMN txns_n');
      expect((await tables(c)).get('rollup_ar_flow_month')?.comment).toMatch(/^practiceboard rollup schema /);
      expect(await rollupsCurrent(c)).toBe(false);
      expect(await fullCheck(c)).toBe(false);
    });
    await onWarehouse(async (c) => {
      expect(await columnsOf(c, 'rollup_ar_flow_month')).toEqual(columns);
      expect((await c.runAndReadAll(flows)).getRowsJS()).toEqual(before);
      expect(await rollupSchemaState(c)).toMatchObject({ current: true, checked: [] });
    });
  });

  it('no longer hold for a table replaced with other columns (its comment gone): it is rebuilt at open', async () => {
    const columns = await onWarehouse((c) => columnsOf(c, 'rollup_denial'));
    await onWarehouse(async (c) => {
      await c.run('CREATE OR REPLACE TABLE rollup_denial AS SELECT 1 AS x');
      const state = await rollupSchemaState(c);
      expect(state.current).toBe(false);
      expect(state.checked).toEqual(['rollup_denial']);
      expect(await fullCheck(c)).toBe(false);
    });
    await onWarehouse(async (c) => expect(await columnsOf(c, 'rollup_denial')).toEqual(columns));
  });

  it('no longer hold when a table the rollups may read changes: every table is checked in full, found current, kept and fingerprinted again', async () => {
    const first = await onWarehouse(tables);
    await onWarehouse(async (c) => {
      await c.run('ALTER TABLE etl_run ADD COLUMN test_note VARCHAR');
      const state = await rollupSchemaState(c);
      expect(state.current).toBe(true);
      expect([...state.checked].sort()).toEqual([...ROLLUP_TABLES].sort());
      expect(await fullCheck(c)).toBe(true);
    });
    await onWarehouse(async (c) => {
      const now = await tables(c);
      for (const [name, t] of first) {
        // Not rebuilt (the same table), but fingerprinted anew.
        expect(now.get(name)?.oid).toBe(t.oid);
        expect(now.get(name)?.comment).toMatch(/^practiceboard rollup schema /);
        expect(now.get(name)?.comment).not.toBe(t.comment);
      }
      expect(await rollupSchemaState(c)).toMatchObject({ current: true, checked: [] });
    });
  });

  it('are not trusted when copied from another table: the copy does not match its own table', async () => {
    await onWarehouse(async (c) => {
      const t = await tables(c);
      await c.run(`COMMENT ON TABLE rollup_visit IS '${t.get('rollup_denial')?.comment}'`);
      const state = await rollupSchemaState(c);
      expect(state.checked).toEqual(['rollup_visit']);
      expect(state.current).toBe(true);
    });
  });
});
