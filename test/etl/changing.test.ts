/**
 * A file still being written is never loaded (issue 10, item 2): a file that changes while the
 * loader reads it (before or after the record scan) loads nothing, is not counted as a failure,
 * and loads whole on a later scan once it has settled.
 */
import { appendFileSync, existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanInbox } from '../../etl/inbox.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const dirs = () => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') });
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row('billing', { transaction_id: `W${from + i}` }) + '\n').join('');

describe('a file still being written', () => {
  for (const phase of ['stage', 'merge'] as const) {
    it(`loads nothing when the file grows during the load (at ${phase}), then loads it whole once settled`, async () => {
      const path = h.file('inbox/billing/drop.csv', header('billing') + '\n' + rows(0, 7000));
      utimesSync(path, new Date('2026-01-01'), new Date('2026-01-01'));
      let grown = false;
      // The vendor's drop writes the rest of the file while the loader reads it.
      const onProgress = (p: { phase: string }) => {
        if (p.phase === phase && !grown) {
          grown = true;
          appendFileSync(path, rows(7000, 10000));
        }
      };
      const [first] = await scanInbox({ ...h.deps, onProgress }, dirs(), { settleMs: 0 });
      expect(first).toMatchObject({ status: 'failed', errorCode: 'FILE_CHANGING', rowsLoaded: 0 });
      expect(first!.message).toContain('still being written');
      expect(existsSync(path)).toBe(true);
      expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 0 }]);
      utimesSync(path, new Date('2026-01-01'), new Date('2026-01-01'));
      const [second] = await scanInbox(h.deps, dirs(), { settleMs: 0 });
      expect(second).toMatchObject({ status: 'loaded', rowsRead: 10000, rowsLoaded: 10000 });
    });
  }

  it('is not set aside however often it is caught changing', async () => {
    const path = h.file('inbox/billing/slow.csv', header('billing') + '\n' + rows(0, 100));
    for (let i = 0; i < 4; i++) {
      utimesSync(path, new Date('2026-01-01'), new Date('2026-01-01'));
      const onProgress = (p: { phase: string }) => {
        if (p.phase === 'stage') appendFileSync(path, rows(1000 + i * 10, 1000 + i * 10 + 10));
      };
      const [r] = await scanInbox({ ...h.deps, onProgress }, dirs(), { settleMs: 0 });
      expect(r!.errorCode).toBe('FILE_CHANGING');
    }
    expect(existsSync(path)).toBe(true);
  });
});
