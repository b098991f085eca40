/**
 * Issue 11 item 4: raw delivered files (they carry columns that are never stored) do not stay
 * on disk readable by anyone. By default a loaded file is replaced by a receipt (its SHA-256,
 * computed here from the bytes delivered, and size); a rejected one is kept for correction, but
 * owner-only; folders made are 0700 and files 0600 whatever mode a file arrived with; the
 * outbox too. `keepRaw: 'all'` keeps every file (owner-only).
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanInbox, type KeepRaw } from '../../etl/inbox.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const dirs = (keepRaw?: KeepRaw) => ({ inbox: join(h.dir, 'inbox'), archive: join(h.dir, 'archive'), rejected: join(h.dir, 'rejected'), ...(keepRaw ? { keepRaw } : {}) });
const mode = (p: string) => statSync(p).mode & 0o777;
/** A file as another user's export job leaves it: world-readable, settled. */
function deliver(rel: string, text: string): Buffer {
  const p = h.file(rel, text);
  chmodSync(p, 0o644);
  utimesSync(p, new Date('2026-01-01'), new Date('2026-01-01'));
  return readFileSync(p);
}

describe('raw files after a load', () => {
  it('keeps a receipt, not the loaded file; keeps a rejected file owner-only; makes folders 0700', async () => {
    const bytes = deliver('inbox/billing/a.csv', csv('billing', [{ transaction_id: 'T1' }]));
    deliver('inbox/payers/bad.csv', 'payer_id,payer_name,payer_class\nPY1,X,platinum\n');
    const reports = await scanInbox(h.deps, dirs(), { settleMs: 1000 });
    const loaded = reports.find((r) => r.fileName === 'billing/a.csv')!;
    const bad = reports.find((r) => r.fileName === 'payers/bad.csv')!;
    expect([loaded.status, bad.status]).toEqual(['loaded', 'rejected']);

    const day = loaded.startedAt.toISOString().slice(0, 10);
    const folder = join(h.dir, 'archive', day, 'billing');
    expect(readdirSync(folder)).toEqual([`${loaded.runId}-a.csv.sha256`]);
    const receipt = JSON.parse(readFileSync(join(folder, `${loaded.runId}-a.csv.sha256`), 'utf8'));
    expect(receipt).toEqual({ file: 'a.csv', sha256: createHash('sha256').update(bytes).digest('hex'), size_bytes: bytes.length, run_id: loaded.runId, status: 'loaded' });
    expect(mode(join(folder, `${loaded.runId}-a.csv.sha256`))).toBe(0o600);
    expect(mode(folder)).toBe(0o700);

    const kept = join(h.dir, 'rejected', 'payers', `${bad.runId}-bad.csv`);
    expect(existsSync(kept)).toBe(true);
    expect(mode(kept)).toBe(0o600);
    expect(mode(`${kept}.report.json`)).toBe(0o600);
    expect(mode(join(h.dir, 'rejected', 'payers'))).toBe(0o700);
  });

  it("keeps no raw file at all with keepRaw 'none', and every file owner-only with 'all'", async () => {
    deliver('inbox/payers/bad.csv', 'payer_id,payer_name,payer_class\nPY1,X,platinum\n');
    const [bad] = await scanInbox(h.deps, dirs('none'), { settleMs: 1000 });
    expect(readdirSync(join(h.dir, 'rejected', 'payers')).sort()).toEqual([`${bad!.runId}-bad.csv.report.json`, `${bad!.runId}-bad.csv.sha256`]);

    deliver('inbox/billing/b.csv', csv('billing', [{ transaction_id: 'T2' }]));
    const [loaded] = await scanInbox(h.deps, dirs('all'), { settleMs: 1000 });
    const kept = join(h.dir, 'archive', loaded!.startedAt.toISOString().slice(0, 10), 'billing', `${loaded!.runId}-b.csv`);
    expect(mode(kept)).toBe(0o600);
  });
});
