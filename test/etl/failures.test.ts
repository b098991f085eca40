/**
 * Failures a manager can act on (issue 10, items 5 and 8): a different patient-hash key stops
 * the load; disk full, read-only, permission and folder-as-file are named by cause; attempts
 * the warehouse cannot record (a full disk) still count toward setting a file aside.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownFailure } from '../../etl/failure.ts';
import type { Warehouse } from '../../core/warehouse/open.ts';
import { keyFingerprint } from '../../etl/phi/keyCheck.ts';
import { EtlRunner } from '../../server/etlRunner.ts';
import { createLogger } from '../../server/log.ts';
import { openHarness, TEST_KEY, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('the patient-hash key', () => {
  it('stops a load with another key once patient ids are hashed, and records the fingerprint', async () => {
    await h.load({ path: h.file('a.csv', csv('billing', [{ transaction_id: 'T1' }])), source: 'billing' });
    expect(await h.rows('SELECT fingerprint FROM etl_key')).toEqual([{ fingerprint: keyFingerprint(TEST_KEY) }]);
    const other = Buffer.from('ab'.repeat(32), 'hex');
    await expect(h.load({ path: h.file('b.csv', csv('billing', [{ transaction_id: 'T2' }])), source: 'billing' }, { hmacKey: other })).rejects.toMatchObject({
      code: 'KEY_MISMATCH',
      message: expect.stringContaining("is not the key this warehouse's patient ids were hashed with"),
    });
    expect(await h.rows('SELECT transaction_id FROM fact_billing_txn')).toEqual([{ transaction_id: 'T1' }]);
  });

  it('accepts a new key while no patient id is hashed yet', async () => {
    await h.load({ path: h.file('p.csv', csv('payers', [{ payer_id: 'PY1' }])), source: 'payers' });
    const other = Buffer.from('ab'.repeat(32), 'hex');
    const r = await h.load({ path: h.file('b.csv', csv('billing', [{ transaction_id: 'T2' }])), source: 'billing' }, { hmacKey: other });
    expect(r.status).toBe('loaded');
    expect(await h.rows('SELECT fingerprint FROM etl_key')).toEqual([{ fingerprint: keyFingerprint(other) }]);
  });
});

describe('failures named by cause', () => {
  it('maps file-system and DuckDB failures to a cause and a remedy', () => {
    expect(knownFailure(errno('ENOSPC', 'write failed'))).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('disk holding the data folder is full') });
    expect(knownFailure(new Error('IO Error: Could not write file "x": No space left on device'))).toMatchObject({ code: 'DISK_FULL' });
    expect(knownFailure(errno('EROFS', 'read-only'))).toMatchObject({ code: 'READ_ONLY' });
    expect(knownFailure(errno('EACCES', 'denied'))).toMatchObject({ code: 'NO_PERMISSION' });
    expect(knownFailure(errno('EISDIR', 'is a dir'))).toMatchObject({ code: 'NOT_A_FILE' });
    expect(knownFailure(new Error('IO Error: The file "wh.duckdb" exists, but it is not a valid DuckDB database file!'))).toMatchObject({ code: 'WAREHOUSE_DAMAGED' });
    expect(knownFailure(new Error('Binder Error: something else'))).toBeUndefined();
  });

  it('says a disk-full load failed because the disk is full, and that the file waits', async () => {
    const r = await h.load({ path: h.file('d.csv', csv('billing', [{ transaction_id: 'T1' }])), source: 'billing' }, { afterMerge: () => Promise.reject(errno('ENOSPC', 'no space')) });
    expect(r).toMatchObject({ status: 'failed', errorCode: 'DISK_FULL' });
    expect(r.message).toBe('d.csv: the disk holding the data folder is full. Free some space; nothing from it was kept. The file waits in the inbox and loads on the next scan.');
  });

  it('refuses a folder given as a file by name', async () => {
    mkdirSync(join(h.dir, 'folder.csv'));
    await expect(h.load({ path: join(h.dir, 'folder.csv'), source: 'billing' })).resolves.toMatchObject({ status: 'failed', errorCode: 'NOT_A_FILE', message: expect.stringContaining('folder.csv: is a folder, not a file') });
  });

  it('never reads a file outside the folders DuckDB may read, even through a link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'pb-outside-'));
    try {
      writeFileSync(join(outside, 'e.csv'), csv('billing', [{ transaction_id: 'X1' }]));
      symlinkSync(join(outside, 'e.csv'), join(h.dir, 'link.csv'));
      const r = await h.load({ path: join(h.dir, 'link.csv'), source: 'billing' });
      expect(r).toMatchObject({ status: 'failed', errorCode: 'LOAD_FAILED', message: expect.stringContaining('outside the folders PracticeBoard may read') });
      expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 0 }]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('sets a file aside after three failures even when the warehouse cannot record them', async () => {
    // A warehouse whose run records cannot be written (the disk is full), and whose loads fail.
    const full = (c: DuckDBConnection): DuckDBConnection =>
      new Proxy(c, {
        get(target, prop) {
          if (prop === 'run') return (sql: string, ...rest: unknown[]) => (/INSERT INTO etl_run/.test(sql) ? Promise.reject(errno('ENOSPC', 'no space')) : (target.run as (...a: unknown[]) => unknown)(sql, ...rest));
          const v = Reflect.get(target, prop) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    const real = h.warehouse;
    const warehouse = new Proxy(real, {
      get(target, prop) {
        if (prop === 'connect') return async () => full(await target.connect());
        // Loads borrow their connection through `use` (core/db.ts): lend the full one.
        if (prop === 'use')
          return async (fn: (c: DuckDBConnection) => Promise<unknown>) => {
            const c = full(await target.connect());
            try {
              return await fn(c);
            } finally {
              c.closeSync();
            }
          };
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as Warehouse;
    const dirs = { inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') };
    const runner = new EtlRunner({ ...h.deps, warehouse, afterMerge: () => Promise.reject(errno('ENOSPC', 'no space')) }, dirs, { settleMs: 0, logger: createLogger({ level: 'silent' }) });
    const path = h.file('inbox/billing/full.csv', csv('billing', [{ transaction_id: 'F1' }]));
    utimesSync(path, new Date('2026-01-01'), new Date('2026-01-01'));
    for (let i = 1; i <= 3; i++) {
      const [r] = await runner.scan();
      expect(r).toMatchObject({ status: 'failed', errorCode: 'DISK_FULL' });
      expect(existsSync(path)).toBe(i < 3);
    }
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_run')).toEqual([{ n: 0 }]);
    expect(readdirSync(join(h.dir, 'rejected', 'billing')).some((n) => n.endsWith('-full.csv'))).toBe(true);
  });
});
