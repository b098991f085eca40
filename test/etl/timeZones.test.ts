/**
 * Times written with their zone (ISO 8601's `Z`, an offset, a zone name) are instants: a load
 * stores them on the practice's clock (the configuration's `timezone`), as it stores a time
 * written without a zone. A date keeps its date as written when it is a `Z` time (exports write a
 * plain date as midnight UTC). Expected values are worked by hand from the zone rules: in 2026 New
 * York is on EDT (UTC-4) until 1 November 06:00 UTC and from 8 March 07:00 UTC, on EST (UTC-5)
 * between; Los Angeles is three hours behind New York.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../core/warehouse/open.ts';
import { formatZone, localTimestampSql } from '../../etl/load/typing.ts';
import { sqlString } from '../../etl/load/sqlText.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { cliInProcess } from '../helpers/cliInProcess.ts';
import { csv } from '../helpers/rows.ts';

const FORMATS = ['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S %Z', '%Y-%m-%d %H:%M'];

describe('formatZone', () => {
  it('tells UTC, offset and local formats apart', () => {
    expect(FORMATS.map(formatZone)).toEqual(['utc', 'offset', 'offset', 'local']);
    expect(formatZone('%Y-%m-%d')).toBe('local');
    // `%%` is a literal percent sign: "%%z" is the text "%z", not an offset.
    expect(formatZone('%Y-%m-%d %H:%M %%z')).toBe('local');
  });
});

describe('localTimestampSql', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  /** Each text through the SQL, in a session whose own TimeZone is far from the practice's. */
  async function local(texts: readonly string[], timezone: string, asDate = false): Promise<(string | null)[]> {
    const c = await instance.connect();
    try {
      await c.run("SET TimeZone = 'Pacific/Kiritimati'");
      const expr = localTimestampSql('t', FORMATS, timezone, asDate);
      const values = texts.map((t, i) => `(${i}, ${sqlString(t)})`).join(', ');
      const r = await c.runAndReadAll(`SELECT CAST(${asDate ? `CAST(${expr} AS DATE)` : expr} AS VARCHAR) FROM (VALUES ${values}) v(i, t) ORDER BY i`);
      return r.getRows().map((x) => x[0] as string | null);
    } finally {
      c.closeSync();
    }
  }

  it('puts instants on the practice clock and leaves local times as written', async () => {
    const texts = ['2026-01-15T23:30:00Z', '2026-07-01T14:00:00-04:00', '2026-07-01T14:00:00+02:00', '2026-07-01 09:15:00 UTC', '2026-01-15 23:30', 'soon'];
    expect(await local(texts, 'America/New_York')).toEqual(['2026-01-15 18:30:00', '2026-07-01 14:00:00', '2026-07-01 08:00:00', '2026-07-01 05:15:00', '2026-01-15 23:30:00', null]);
    expect(await local(texts, 'America/Los_Angeles')).toEqual(['2026-01-15 15:30:00', '2026-07-01 11:00:00', '2026-07-01 05:00:00', '2026-07-01 02:15:00', '2026-01-15 23:30:00', null]);
    expect(await local(texts, 'UTC')).toEqual(['2026-01-15 23:30:00', '2026-07-01 18:00:00', '2026-07-01 12:00:00', '2026-07-01 09:15:00', '2026-01-15 23:30:00', null]);
  });

  it('crosses the daylight-saving changes by the zone rules', async () => {
    const texts = ['2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'];
    expect(await local(texts, 'America/New_York')).toEqual(['2026-03-08 01:30:00', '2026-03-08 03:30:00', '2026-11-01 01:30:00', '2026-11-01 01:30:00']);
  });

  it('keeps the written date of a Z time in a date field, and dates an offset time on the practice clock', async () => {
    expect(await local(['2026-11-03T00:00:00Z', '2026-11-03T02:00:00Z', '2026-11-03T01:00:00+02:00', '2026-11-03 01:00'], 'America/New_York', true)).toEqual([
      '2026-11-03',
      '2026-11-03',
      '2026-11-02',
      '2026-11-03',
    ]);
  });

  it('is the plain list of formats when none carries a zone (the SQL of a zone-free profile is unchanged)', () => {
    expect(localTimestampSql('t', ['%Y-%m-%d %H:%M:%S', '%m/%d/%Y %H:%M'], 'America/New_York')).toBe("try_strptime(t, ['%Y-%m-%d %H:%M:%S', '%m/%d/%Y %H:%M'])");
    expect(localTimestampSql('t', ['%Y-%m-%dT%H:%M:%SZ'], 'America/New_York', true)).toBe("try_strptime(t, ['%Y-%m-%dT%H:%M:%SZ'])");
  });
});

/** An appointments file mixing local times (no zone) and UTC ones (`Z`), as scheduling exports do. */
const APPOINTMENTS = csv('appointments', [
  // An evening visit on 31 October in New York, written in UTC: 03:30Z on 1 November is 23:30 EDT.
  { appointment_id: 'A1', booked_at: '2026-10-20 09:00:00', scheduled_start: '2026-11-01T03:30:00Z', checked_in_at: '2026-11-01T03:25:00Z', checked_out_at: '2026-11-01T04:10:00Z' },
  // Cancelled at 12:00Z on 3 November, 07:00 EST: 26 hours before a 09:00 start, not late.
  { appointment_id: 'A2', booked_at: '2026-10-20 09:00:00', scheduled_start: '2026-11-04 09:00:00', status: 'cancelled', cancelled_at: '2026-11-03T12:00:00Z', checked_in_at: '', checked_out_at: '' },
  // Cancelled at 15:00Z, 10:00 EST: 23 hours before, late.
  { appointment_id: 'A3', booked_at: '2026-10-20 09:00:00', scheduled_start: '2026-11-04 09:00:00', status: 'cancelled', cancelled_at: '2026-11-03T15:00:00Z', checked_in_at: '', checked_out_at: '' },
  // Either side of the spring change: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT.
  { appointment_id: 'A4', booked_at: '2026-03-01 09:00:00', scheduled_start: '2026-03-08T06:30:00Z', checked_in_at: '', checked_out_at: '' },
  { appointment_id: 'A5', booked_at: '2026-03-01 09:00:00', scheduled_start: '2026-03-08T07:30:00Z', checked_in_at: '', checked_out_at: '' },
]);

const STORED = `SELECT appointment_id, CAST(scheduled_start AS VARCHAR) AS start, CAST(cancelled_at AS VARCHAR) AS cancelled, late_cancel,
  CAST(checked_in_at AS VARCHAR) AS checked_in, CAST(checked_out_at AS VARCHAR) AS checked_out FROM fact_appointment ORDER BY appointment_id`;
const BY_MONTH = `SELECT CAST(month_start AS VARCHAR) AS m, sum(scheduled_n)::INTEGER AS scheduled, sum(late_cancel_n)::INTEGER AS late
  FROM rollup_appt_month GROUP BY ALL ORDER BY 1`;

describe('a load stores times on the practice clock', () => {
  let h: Harness | undefined;
  afterAll(() => h?.close());

  it('in New York: the UTC evening visit is in October, one cancellation of two is late', { timeout: 120_000 }, async () => {
    h = await openHarness({ timezone: 'America/New_York' });
    const { rebuildRollups } = await import('../../dashboards/rollups/rebuild.ts');
    expect((await h.load({ path: h.file('appts.csv', APPOINTMENTS), source: 'appointments' })).status).toBe('loaded');
    await h.warehouse.use((c) => rebuildRollups(c));
    expect(await h.rows(STORED)).toEqual([
      { appointment_id: 'A1', start: '2026-10-31 23:30:00', cancelled: null, late_cancel: false, checked_in: '2026-10-31 23:25:00', checked_out: '2026-11-01 00:10:00' },
      { appointment_id: 'A2', start: '2026-11-04 09:00:00', cancelled: '2026-11-03 07:00:00', late_cancel: false, checked_in: null, checked_out: null },
      { appointment_id: 'A3', start: '2026-11-04 09:00:00', cancelled: '2026-11-03 10:00:00', late_cancel: true, checked_in: null, checked_out: null },
      { appointment_id: 'A4', start: '2026-03-08 01:30:00', cancelled: null, late_cancel: false, checked_in: null, checked_out: null },
      { appointment_id: 'A5', start: '2026-03-08 03:30:00', cancelled: null, late_cancel: false, checked_in: null, checked_out: null },
    ]);
    expect(await h.rows(BY_MONTH)).toEqual([
      { m: '2026-03-01', scheduled: 2, late: 0 },
      { m: '2026-10-01', scheduled: 1, late: 0 },
      { m: '2026-11-01', scheduled: 2, late: 1 },
    ]);
  });

  it('in UTC the same file keeps its UTC clock times: the visit is in November and both cancellations are late', { timeout: 120_000 }, async () => {
    h?.close();
    h = await openHarness({ timezone: 'UTC' });
    expect((await h.load({ path: h.file('appts.csv', APPOINTMENTS), source: 'appointments' })).status).toBe('loaded');
    expect((await h.rows(STORED)).map((r) => [r.appointment_id, r.start, r.cancelled, r.late_cancel])).toEqual([
      ['A1', '2026-11-01 03:30:00', null, false],
      ['A2', '2026-11-04 09:00:00', '2026-11-03 12:00:00', true],
      ['A3', '2026-11-04 09:00:00', '2026-11-03 15:00:00', true],
      ['A4', '2026-03-08 06:30:00', null, false],
      ['A5', '2026-03-08 07:30:00', null, false],
    ]);
  });

  it("through the command line, in the configured zone: Synthea's UTC encounters on the practice clock, their claims' dates as written", { timeout: 300_000 }, async () => {
    h?.close();
    h = undefined;
    const dir = mkdtempSync(join(tmpdir(), 'pb-tz-'));
    const fix = (name: string) => readFileSync(join('test/fixtures/synthea', name), 'utf8').split('\n');
    // One encounter and its charge, moved to 02:00Z on 1 November: 19:00 PDT on 31 October in Los Angeles.
    const [encHead, enc] = fix('encounters.csv');
    const [clmHead, clm] = fix('claims_transactions.csv');
    const encounter = enc!.replace('2024-03-04T14:00:00Z,2024-03-04T14:15:00Z', '2026-11-01T02:00:00Z,2026-11-01T02:40:00Z');
    const charge = clm!.replace('2024-03-04T14:00:00Z,2024-03-04T14:15:00Z', '2026-11-01T02:00:00Z,2026-11-01T02:40:00Z');
    expect(encounter).not.toBe(enc);
    expect(charge).not.toBe(clm);
    const encPath = join(dir, 'encounters.csv');
    const clmPath = join(dir, 'claims_transactions.csv');
    writeFileSync(encPath, `${encHead}\n${encounter}\n`);
    writeFileSync(clmPath, `${clmHead}\n${charge}\n`);
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent', PRACTICEBOARD_TIMEZONE: 'America/Los_Angeles' };
    const a = await cliInProcess(env, ['etl', 'run', '--no-progress', '--source', 'appointments', encPath]);
    expect(a.code, a.err).toBe(0);
    const b = await cliInProcess(env, ['etl', 'run', '--no-progress', '--source', 'billing', clmPath]);
    expect(b.code, b.err).toBe(0);
    const wh = await Warehouse.open({ path: join(dir, 'data', 'practiceboard.duckdb'), allowedDirectories: [join(dir, 'data')] });
    try {
      const read = (sql: string) => wh.use(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson());
      expect(await read('SELECT CAST(scheduled_start AS VARCHAR) AS start, CAST(checked_out_at AS VARCHAR) AS out FROM fact_appointment')).toEqual([
        { start: '2026-10-31 19:00:00', out: '2026-10-31 19:40:00' },
      ]);
      expect(await read('SELECT DISTINCT CAST(service_date AS VARCHAR) AS d FROM fact_billing_txn')).toEqual([{ d: '2026-11-01' }]);
    } finally {
      wh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
