/**
 * Issue 11 item 4, retention: raw files kept under data/rejected (and data/archive with
 * keepRawFiles "all") are replaced by a receipt once older than `etl.rawRetentionDays` (default
 * 30; 0 keeps nothing raw), counted from their run's time, by an injected clock. The purge runs
 * as its own nightly job (and at start-up), is audited as `data.purge` and logged with places
 * and sizes, never the files' content.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeRawFiles, scanInbox } from '../../etl/inbox.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createScheduling } from '../../server/scheduling.ts';
import { captureLog } from '../helpers/appServer.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

/** A line of a delivered export as it would carry a never-stored column. */
const MARKER = 'Margaret Quill,123-45-6789';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('purgeRawFiles', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.close());
  const dirs = () => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') });

  it('removes a rejected file exactly when it reaches the retention, from its run time, leaving its report and a receipt', async () => {
    const delivered = h.file('inbox/payers/bad.csv', `payer_id,payer_name,payer_class\nPY1,${MARKER},platinum\n`);
    const bytes = readFileSync(delivered);
    utimesSync(delivered, new Date('2020-01-01'), new Date('2020-01-01')); // an old file time must not count
    const runAt = new Date('2026-10-01T12:00:00Z');
    const [report] = await scanInbox({ ...h.deps, clock: () => runAt }, dirs(), { settleMs: 0 });
    expect(report!.status).toBe('rejected');
    const kept = join(h.dir, 'rejected', 'payers', `${report!.runId}-bad.csv`);
    expect(existsSync(kept)).toBe(true);

    // 30 days less one second after the run: kept for correction.
    expect(purgeRawFiles(dirs(), { now: new Date('2026-10-31T11:59:59Z'), retentionDays: 30 })).toEqual([]);
    expect(existsSync(kept)).toBe(true);
    // 30 days after the run: gone, with a receipt of what it was; the report (no rows) stays.
    const purged = purgeRawFiles(dirs(), { now: new Date('2026-10-31T12:00:00Z'), retentionDays: 30 });
    expect(purged).toEqual([{ path: join('rejected', 'payers', `${report!.runId}-bad.csv`), bytes: bytes.length }]);
    expect(existsSync(kept)).toBe(false);
    expect(JSON.parse(readFileSync(`${kept}.sha256`, 'utf8'))).toEqual({ file: `${report!.runId}-bad.csv`, sha256: sha(bytes), size_bytes: bytes.length, status: 'purged', purged_at: '2026-10-31T12:00:00.000Z' });
    expect(existsSync(`${kept}.report.json`)).toBe(true);
    const left = readdirSync(join(h.dir, 'rejected'), { recursive: true }).map(String);
    for (const f of left.filter((n) => n.includes('.'))) expect(readFileSync(join(h.dir, 'rejected', f), 'utf8')).not.toContain('123-45-6789');
  });

  it('with 0 days keeps nothing raw, archive included; a file without a run id counts from its modification time', () => {
    const now = new Date('2026-11-15T12:00:00Z');
    const archived = join(h.dir, 'archive', '2026-11-15', 'billing', 'r20261115-115959-abcdef-a.csv');
    const loose = join(h.dir, 'rejected', 'billing', 'from-an-old-version.csv');
    const receipt = join(h.dir, 'archive', '2026-11-15', 'billing', 'r20261115-110000-123456-b.csv.sha256');
    for (const p of [archived, loose, receipt]) {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, p === receipt ? '{"sha256":"x"}\n' : `${MARKER}\n`);
    }
    utimesSync(loose, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
    expect(purgeRawFiles(dirs(), { now, retentionDays: 30 })).toEqual([]);
    expect(purgeRawFiles(dirs(), { now, retentionDays: 14 }).map((f) => f.path)).toEqual([join('rejected', 'billing', 'from-an-old-version.csv')]);
    expect(purgeRawFiles(dirs(), { now, retentionDays: 0 }).map((f) => f.path)).toEqual([join('archive', '2026-11-15', 'billing', 'r20261115-115959-abcdef-a.csv')]);
    expect(existsSync(archived)).toBe(false);
    expect(readFileSync(receipt, 'utf8')).toBe('{"sha256":"x"}\n'); // receipts are never purged
  });
});

describe('the nightly raw-retention job', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-retention-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a job of its own that purges by the setting, audits the purge and logs no file content', async () => {
    const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
    expect(base.etl.rawRetentionDays).toBe(30); // the default
    const config = { ...base, etl: { ...base.etl, rawRetentionDays: 7 } };
    const log = captureLog('info');
    const now = new Date('2026-11-15T02:30:00Z');
    const ctx = await openContext(config, { logger: log.logger, clock: () => now });
    try {
      const old = join(config.paths.rejected, 'payers', 'r20261107-023000-aaaaaa-old.csv');
      const recent = join(config.paths.rejected, 'payers', 'r20261108-023001-bbbbbb-recent.csv');
      mkdirSync(join(old, '..'), { recursive: true });
      writeFileSync(old, `${MARKER}\n`);
      writeFileSync(recent, `${MARKER}\n`);
      const { scheduler } = createScheduling(ctx, ctx.pool, () => now);
      expect((await scheduler.status()).map((j) => j.id)).toContain('raw-retention');
      const outcome = await scheduler.runNow('raw-retention').done;
      expect(outcome.status).toBe('succeeded');
      expect([existsSync(old), existsSync(recent)]).toEqual([false, true]);
      const entries = await ctx.pool.use(async (c) => (await c.runAndReadAll("SELECT actor, target, details FROM audit_log WHERE action = 'data.purge'")).getRowObjectsJson());
      expect(entries).toEqual([{ actor: 'system', target: 'raw_files', details: `{"bytes_n":${MARKER.length + 1},"files_n":1,"retention_days":7}` }]);
      expect(log.text()).toContain('purged 1 kept raw files');
      expect(log.text()).toContain('r20261107-023000-aaaaaa-old.csv');
      expect(log.text()).not.toContain('123-45-6789');
      await scheduler.stop();
    } finally {
      ctx.close();
    }
  });
});
