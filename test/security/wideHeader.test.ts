/**
 * Issue 11 item 12: a 120 KB file whose header has 60,000 columns held the single ETL lock for
 * 38 s. The header's column count and size are capped (etl/load/chooseProfile.ts: 1,000
 * columns, 64 KB): such a file is rejected with HEADER_TOO_WIDE before anything is read into
 * the warehouse, whether the required columns are among the 60,000 or not, and the next file
 * in the inbox loads. (Behaviour is asserted, not speed.)
 */
import { utimesSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanInbox } from '../../etl/inbox.ts';
import { join } from 'node:path';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv, header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const dirs = () => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') });
/** A delivered, settled file. */
const deliver = (rel: string, text: string) => utimesSync(h.file(rel, text), new Date('2026-01-01'), new Date('2026-01-01'));
const extra = Array.from({ length: 60_000 }, (_, i) => `c${i}`);

describe('a header of 60,000 columns', () => {
  it('is refused as too wide when it holds the profile’s columns too, and the next file loads', async () => {
    const text = `${[header('billing'), ...extra].join(',')}\n${[row('billing', { transaction_id: 'W1' }), ...extra.map(() => '')].join(',')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(120_000);
    deliver('inbox/billing/a-wide.csv', text);
    deliver('inbox/billing/b-normal.csv', csv('billing', [{ transaction_id: 'N1' }]));
    const reports = await scanInbox(h.deps, dirs(), { settleMs: 0 });
    expect(reports.map((r) => [r.fileName, r.status, r.errorCode ?? null])).toEqual([
      ['billing/a-wide.csv', 'rejected', 'HEADER_TOO_WIDE'],
      ['billing/b-normal.csv', 'loaded', null],
    ]);
    expect(reports[0]!.message).toMatch(/the header has \d{5} columns .*the limit is 1000 columns and 64 KB/);
    expect(await h.rows('SELECT transaction_id FROM fact_billing_txn ORDER BY 1')).toEqual([{ transaction_id: 'N1' }]);
  });

  it('is refused as too wide when none of its columns is the profile’s', async () => {
    deliver('inbox/billing/junk.csv', `${extra.join(',')}\n${extra.map(() => '1').join(',')}\n`);
    const [report] = await scanInbox(h.deps, dirs(), { settleMs: 0 });
    expect(report!.status).toBe('rejected');
    expect(['HEADER_TOO_WIDE', 'NO_MATCHING_PROFILE']).toContain(report!.errorCode);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 0 }]);
  });
});
