/**
 * generateLedger, the benchmark ledger: exactly the rows asked for, each valid against the
 * billing contract, every id resolving in the reference files written for the same seed, the
 * control total equal to the sum of the amounts, the same bytes for the same seed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLedger, writeReferenceFiles } from '../../demo/generate.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { cents, contractProblems, readCsv } from './csvFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'pb-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateLedger', () => {
  it('streams exactly N valid rows whose ids resolve in the reference files of the same seed', async () => {
    const outPath = join(dir, 'ledger.csv');
    const result = await generateLedger({ outPath, rows: 25_003, seed: 9 });
    expect(result.rows).toBe(25_003);
    const file = readCsv(outPath);
    expect(file.errors).toBe(0);
    expect(file.header).toEqual(SOURCES.billing.fields.map((f) => f.name));
    expect(file.rows).toHaveLength(25_003);
    expect(contractProblems('billing', file.rows).slice(0, 5)).toEqual([]);
    expect(result.controlTotalCents).toBe(file.rows.reduce((s, r) => s + BigInt(cents(r.amount_usd!)), 0n));
    expect(new Set(file.rows.map((r) => r.transaction_id)).size).toBe(25_003);

    const ref = await writeReferenceFiles(join(dir, 'ref'), 9);
    const idsOf = (path: string, field: string): Set<string> => new Set(readCsv(path).rows.map((r) => r[field]!));
    const providers = idsOf(ref.providers.path, 'provider_id');
    const locations = idsOf(ref.locations.path, 'location_id');
    const payers = idsOf(ref.payers.path, 'payer_id');
    expect(file.rows.filter((r) => !providers.has(r.provider_id!) || !locations.has(r.location_id!) || !payers.has(r.payer_id!))).toHaveLength(0);
  });

  it('carries the realistic mix: every transaction type, payer class and adjustment group', async () => {
    const outPath = join(dir, 'mix.csv');
    await generateLedger({ outPath, rows: 20_000 });
    const rows = readCsv(outPath).rows;
    expect(new Set(rows.map((r) => r.txn_type))).toEqual(new Set(SOURCES.billing.fields.find((f) => f.name === 'txn_type')!.values));
    expect(new Set(rows.map((r) => r.payer_class)).size).toBe(6);
    expect(new Set(rows.map((r) => r.adj_group))).toEqual(new Set(['', 'CO', 'PR', 'PI']));
  });

  it('writes the same bytes for the same seed, and only a header for zero rows', async () => {
    const hash = async (name: string, rows: number): Promise<string> => {
      await generateLedger({ outPath: join(dir, name), rows, seed: 3 });
      return createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
    };
    expect(await hash('a.csv', 5000)).toBe(await hash('b.csv', 5000));
    const empty = await generateLedger({ outPath: join(dir, 'empty.csv'), rows: 0 });
    expect(empty).toEqual({ rows: 0, controlTotalCents: 0n });
    expect(readFileSync(join(dir, 'empty.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('refuses a row count that is not a whole number', async () => {
    await expect(generateLedger({ outPath: join(dir, 'bad.csv'), rows: 1.5 })).rejects.toThrow(/rows/);
  });
});
