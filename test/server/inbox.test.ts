/**
 * The inbox flow: reference sources before facts, loaded files archived by day, rejected
 * files moved aside with their report, files still being written left for the next scan.
 */
import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanInbox } from '../../etl/inbox.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const dirs = () => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected') });
const old = (p: string) => utimesSync(p, new Date('2026-01-01'), new Date('2026-01-01'));

describe('inbox scan', () => {
  it('loads reference data first, archives loaded files and sets rejected ones aside with a report', async () => {
    old(h.file('inbox/billing/a.csv', csv('billing', [{ transaction_id: 'T1' }])));
    old(h.file('inbox/providers/p.csv', csv('providers', [{ provider_id: 'PR01' }])));
    old(h.file('inbox/payers/bad.csv', 'payer_id,payer_name,payer_class\nPY1,X,platinum\n'));
    const reports = await scanInbox(h.deps, dirs(), { settleMs: 1000 });
    expect(reports.map((r) => [r.fileName, r.status])).toEqual([
      ['payers/bad.csv', 'rejected'],
      ['providers/p.csv', 'loaded'],
      ['billing/a.csv', 'loaded'],
    ]);
    const day = reports[0]!.startedAt.toISOString().slice(0, 10);
    expect(readdirSync(join(h.dir, 'archive', day, 'billing'))).toEqual([`${reports[2]!.runId}-a.csv.sha256`]);
    const rejected = readdirSync(join(h.dir, 'rejected', 'payers')).sort();
    expect(rejected).toEqual([`${reports[0]!.runId}-bad.csv`, `${reports[0]!.runId}-bad.csv.report.json`]);
    const report = JSON.parse(readFileSync(join(h.dir, 'rejected', 'payers', rejected[1]!), 'utf8'));
    expect(report).toMatchObject({ status: 'rejected', rowsRejected: 1, rejects: [{ line: 2, column: 'payer_class (payer_class)' }] });
    expect(readdirSync(join(h.dir, 'inbox', 'billing'))).toEqual([]);
  });

  it('leaves a file that is still being written, and moves a re-delivered file to the archive as a duplicate', async () => {
    const text = csv('billing', [{ transaction_id: 'T1' }]);
    old(h.file('inbox/billing/first.csv', text));
    h.file('inbox/billing/fresh.csv', csv('billing', [{ transaction_id: 'T9' }])); // mtime now: still arriving
    const first = await scanInbox(h.deps, dirs(), { settleMs: 60_000 });
    expect(first.map((r) => r.fileName)).toEqual(['billing/first.csv']);
    expect(existsSync(join(h.dir, 'inbox/billing/fresh.csv'))).toBe(true);
    old(h.file('inbox/billing/again.csv', text));
    const second = await scanInbox(h.deps, dirs(), { settleMs: 60_000 });
    expect(second.map((r) => [r.fileName, r.status])).toEqual([['billing/again.csv', 'duplicate']]);
    expect(readdirSync(join(h.dir, 'inbox/billing'))).toEqual(['fresh.csv']);
  });
});

describe('a file that keeps failing', () => {
  it('is retried on the next scans, then set aside with its report after three failures', async () => {
    h.close();
    h = await openHarness();
    // A load that fails inside its transaction every time (the rollup step throws).
    const failing = { ...h.deps, afterMerge: async () => Promise.reject(new Error('rollups unavailable')) };
    old(h.file('inbox/billing/stuck.csv', csv('billing', [{ transaction_id: 'S1' }])));
    for (let i = 1; i <= 3; i++) {
      const [r] = await scanInbox(failing, dirs(), { settleMs: 0 });
      expect(r!.status).toBe('failed');
      expect(existsSync(join(h.dir, 'inbox/billing/stuck.csv'))).toBe(i < 3);
    }
    const aside = readdirSync(join(h.dir, 'rejected', 'billing'));
    expect(aside.some((n) => n.endsWith('-stuck.csv'))).toBe(true);
    const report = JSON.parse(readFileSync(join(h.dir, 'rejected', 'billing', aside.find((n) => n.endsWith('.report.json'))!), 'utf8'));
    expect(report.message).toContain('failed 3 times; set aside');
  });
});
