/**
 * The record scan (etl/load/records.ts, with its fast path for plain lines) against an
 * independent reference: the previous implementation, kept unchanged as a test-only oracle in
 * test/etl/scanOracle/ (one parseRecord per record, no fast path). On seeded real-world-shaped
 * files (scanOracle/generate.ts) in several dialects and encodings, read in reads of many sizes
 * (so records, CRLF pairs and multi-byte characters fall across reads), both must give the same
 * records, lines, breakpoints, rejects, blank lines, control totals (and trailer amounts),
 * hash, in-place decision, and byte for byte the same canonical copy.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, scanRecords, type ScanResult } from '../../etl/load/records.ts';
import { Rng } from '../../demo/random.ts';
import { scanRecords as oracleScan } from './scanOracle/records.ts';
import { DIALECTS, makeCase, type ScanCase } from './scanOracle/generate.ts';

const dir = mkdtempSync(join(tmpdir(), 'record-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// plainCells is not the oracle's (it predates it): test/etl/plainCells.test.ts checks it. Nor is
// shortRecords (the trailer window, not asked for here): it must be empty (test/etl/trailerShortScan.test.ts checks the window).
const comparable = ({ plainCells: _plain, shortRecords, ...r }: Omit<ScanResult, 'plainCells' | 'shortRecords'> & { plainCells?: boolean; shortRecords?: readonly number[] }) => ({
  ...r,
  ...(shortRecords === undefined || shortRecords.length === 0 ? {} : { shortRecords }),
  tailCents: [...r.tailCents].sort((a, b) => a[0] - b[0]),
});

/** What both scans saw, for the coverage checks. */
const seen = { direct: 0, copied: 0, rejects: 0, blank: 0, multiBreakpoints: 0, cases: 0 };

async function compare(c: ScanCase, readBytes: number | undefined, directIfCanonical: boolean): Promise<ScanResult> {
  const path = join(dir, `${c.name}.csv`);
  writeFileSync(path, c.bytes);
  const req = { path, headerLine: c.headerLine, columnCount: c.columnCount, dialect: c.dialect, encoding: c.encoding, control: c.control, directIfCanonical };
  const want = await oracleScan({ ...req, outPath: join(dir, `${c.name}.want`) });
  const got = await scanRecords({ ...req, outPath: join(dir, `${c.name}.got`), ...(readBytes === undefined ? {} : { readBytes }) });
  expect(comparable(got), `${c.name} read ${readBytes ?? 'default'}`).toEqual(comparable(want));
  if (!want.direct) expect(readFileSync(join(dir, `${c.name}.got`)).equals(readFileSync(join(dir, `${c.name}.want`))), `${c.name}: the copies differ`).toBe(true);
  seen.cases++;
  if (want.direct) seen.direct++;
  else seen.copied++;
  if (want.rejects.length > 0) seen.rejects++;
  if (want.blankLines > 0) seen.blank++;
  if (want.breakpoints.length > 1) seen.multiBreakpoints++;
  return got;
}

/** Read sizes (undefined: the 4 MB default); 1-byte reads are in the multi-byte test below. */
const READS = [3, 7, 61, 1024, 65_536, undefined];
/**
 * Rows for a file read `readBytes` at a time: a sixth of them in reads of under 64 bytes. Each
 * read is a call into the thread pool, so 3-byte reads of a 400-row file (some 13,000 reads) cost
 * more than all the rest of a case; a file of a sixth as many rows still puts hundreds of read
 * boundaries inside fields, quotes, CRLF pairs and multi-byte characters (the multi-byte test
 * below cuts at every offset).
 */
const rowsFor = (readBytes: number | undefined, rows: number): number => (readBytes !== undefined && readBytes < 64 ? Math.ceil(rows / 6) : rows);

describe('the record scan against the previous implementation (test-only oracle)', () => {
  it('gives the same result and copy on mixed real-world-shaped files in five dialects, read in reads of 3 bytes to 4 MB', async () => {
    const rng = new Rng(15, 'record-scan-reads');
    for (let seed = 1; seed <= 12; seed++)
      for (const [k, { dialect, encoding }] of DIALECTS.entries()) {
        const readBytes = rng.pick(READS);
        const c = makeCase(seed, `mixed-${seed}-${k}`, dialect, encoding, { rows: rowsFor(readBytes, 250), malformed: 0.08, cutOff: seed % 4 === 0 });
        await compare(c, readBytes, seed % 2 === 0);
      }
    expect(seen.rejects).toBeGreaterThan(30);
    expect(seen.blank).toBeGreaterThan(10);
    expect(seen.multiBreakpoints).toBeGreaterThan(30);
  }, 300_000);

  it('gives the same on plain files (the fast path throughout), in place when canonical and copied otherwise', async () => {
    const rng = new Rng(16, 'record-scan-plain');
    const before = { ...seen };
    for (let seed = 1; seed <= 8; seed++)
      for (const [k, { dialect, encoding }] of DIALECTS.entries())
        for (const lineEnds of [['\n'], ['\r\n'], ['\n', '\r']]) {
          const readBytes = rng.pick(READS);
          const rows = rowsFor(readBytes, 400);
          const c = makeCase(seed, `plain-${seed}-${k}-${lineEnds.length}${lineEnds[0]!.length}`, dialect, encoding, { rows, malformed: seed <= 4 ? 0 : 0.02, plainOnly: true, lineEnds });
          const r = await compare(c, readBytes, true);
          expect(r.records).toBeGreaterThan(rows * 0.75);
        }
    expect(seen.direct - before.direct).toBeGreaterThan(0);
    expect(seen.copied - before.copied).toBeGreaterThan(0);
  }, 300_000);

  it('gives the same for records near the 32 MB cap (just under: handed on; just over: rejected), quoted and plain', async () => {
    const comma = DIALECTS[0]!;
    for (const [name, hugeField, plainOnly] of [
      ['huge-plain-under', MAX_RECORD_BYTES - 200, true],
      ['huge-plain-over', MAX_RECORD_BYTES + 10, true],
      ['huge-quoted-under', MAX_RECORD_BYTES - 200, false],
    ] as const) {
      const c = makeCase(3, name, comma.dialect, 'utf-8', { rows: 50, malformed: 0, hugeField, plainOnly, lineEnds: ['\r\n'] });
      const r = await compare(c, undefined, false);
      expect(r.rejects.some((j) => j.reason.includes('32 MB'))).toBe(name.endsWith('over'));
    }
  }, 300_000);

  it('splits multi-byte UTF-8 and CRLF pairs across reads the same way', async () => {
    // Every row holds multi-byte text; reads of 1, 2, 3 and 5 bytes cut characters and CRLF pairs at every offset.
    const comma = DIALECTS[0]!;
    const c = makeCase(9, 'multibyte', comma.dialect, 'utf-8', { rows: 120, malformed: 0.05, lineEnds: ['\r\n', '\n'] });
    expect(c.bytes.toString('utf8')).toMatch(/[中😀é]/u);
    for (const readBytes of [1, 2, 3, 5]) await compare(c, readBytes, readBytes % 2 === 1);
  }, 300_000);
});
