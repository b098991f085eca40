/**
 * A load killed with SIGKILL at any moment leaves the warehouse as it was before the file or
 * after it, never in between, and the file loads on the next run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHarness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

const ROWS = 120_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function bigFile(dir: string): string {
  const lines = [header('billing')];
  for (let i = 0; i < ROWS; i++) lines.push(row('billing', { transaction_id: `K${i}`, claim_id: `C${i % 5000}`, amount_usd: `${(i % 500) + 1}.25` }));
  const path = join(dir, 'big.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Run the child and SIGKILL it when it prints `killAt` (plus a delay), or let it finish. */
function runChild(dir: string, file: string, killAt: string | null, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/loadChild.ts', dir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAt && out.includes(`phase ${killAt}`)) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve(out) : reject(new Error(`child failed: ${err}`))));
  });
}

describe('crash safety', () => {
  for (const [phase, delay] of [['stage', 50], ['validate', 0], ['merge', 0], ['merge', 150], ['done', 0]] as const) {
    it(`is all-or-nothing when killed at ${phase}+${delay}ms, and the file loads on the next run`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pb-crash-'));
      dirs.push(dir);
      const file = bigFile(dir);
      const out = await runChild(dir, file, phase, delay);
      const h = await openHarness({ dir });
      try {
        const [state] = await h.rows(
          `SELECT (SELECT count(*) FROM fact_billing_txn)::INTEGER AS facts, (SELECT count(*) FROM etl_file)::INTEGER AS files,
                  (SELECT count(*) FROM etl_run WHERE status = 'loaded')::INTEGER AS runs, (SELECT count(*) FROM etl_reject)::INTEGER AS rejects`,
        );
        const finished = out.includes('status loaded');
        // Either nothing of the file, or all of it with its manifest and run record.
        expect([{ facts: 0, files: 0, runs: 0, rejects: 0 }, { facts: ROWS, files: 1, runs: 1, rejects: 0 }]).toContainEqual(state);
        if (finished) expect(state!.facts).toBe(ROWS);
        // Killed while staging, the transaction cannot have committed; after 'done', it has.
        if (phase === 'stage') expect(state!.files).toBe(0);
        if (phase === 'done') expect(state!.files).toBe(1);
        const again = await h.load({ path: file, source: 'billing' });
        expect(again.status).toBe(state!.files === 1 ? 'duplicate' : 'loaded');
        expect(await h.rows('SELECT count(*)::INTEGER AS n, count(DISTINCT transaction_id)::INTEGER AS d FROM fact_billing_txn')).toEqual([{ n: ROWS, d: ROWS }]);
      } finally {
        h.close();
      }
    });
  }
});
