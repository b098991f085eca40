/**
 * The record scan's trailer window (records.ts `trailerRows`): a record with fewer fields than
 * the header, with nothing else wrong, among the last `trailerRows` records is handed on padded
 * with empty cells (`shortRecords`) instead of rejected. Checked against an independent
 * reference: the frozen oracle (scanOracle/records.ts, which knows no window) run on the same
 * file with those lines padded by hand with delimiters to the header's width. The scan on the
 * original must give what the oracle gives on the padded file (records, lines, breakpoints,
 * rejects, blank lines, byte for byte the same copy), except that the short records are listed
 * and kept out of the control total; the hash is the original file's. Which lines are in the
 * window is worked out here from the oracle's result on the original: a "fewer fields" reject
 * whose line is clean (no NUL, no byte-order mark, valid UTF-8 under UTF-8) and has fewer than
 * `trailerRows` records or such lines after it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../etl/load/recordParse.ts';
import { scanRecords } from '../../etl/load/records.ts';
import { Rng } from '../../demo/random.ts';
import { scanRecords as oracleScan, type ScanResult as OracleResult } from './scanOracle/records.ts';
import { DIALECTS, makeCase, type ScanCase } from './scanOracle/generate.ts';

const dir = mkdtempSync(join(tmpdir(), 'trailer-short-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file's physical lines: [start, contentEnd, end) byte offsets, line ends LF, CRLF or CR. */
function physicalLines(b: Buffer): [number, number, number][] {
  const out: [number, number, number][] = [];
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a || b[i] === 0x0d) {
      const end = b[i] === 0x0d && b[i + 1] === 0x0a ? i + 2 : i + 1;
      out.push([s, i, end]);
      s = end;
      i = end - 1;
    }
  }
  if (s < b.length) out.push([s, b.length, b.length]);
  return out;
}

/**
 * The records of a canonical copy (comma, double quote, LF): each one's bytes, its LF included.
 * A quote opens a quoted field only at a field's start (elsewhere it is a literal); inside one,
 * a doubled quote is a quote.
 */
function copyRecords(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let s = 0;
  let fieldStart = true;
  let quoted = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (quoted) {
      if (c === 0x22 && b[i + 1] === 0x22) i++;
      else if (c === 0x22) quoted = false;
      continue;
    }
    if (fieldStart && c === 0x22) quoted = true;
    fieldStart = c === 0x2c || c === 0x0a;
    if (c === 0x0a) {
      out.push(b.subarray(s, i + 1));
      s = i + 1;
    }
  }
  return out;
}

/** Line of each record 1..n of an oracle result (index k - 1), from its breakpoints. */
function recordLines(r: OracleResult): number[] {
  const lines: number[] = [];
  for (let k = 1; k <= r.records; k++) {
    let offset = 0;
    for (const [from, v] of r.breakpoints) if (from <= k) offset = v;
    lines.push(k + offset);
  }
  return lines;
}

const seen = { cases: 0, withShort: 0, heldThenRejected: 0, shortAfterFull: 0 };

async function check(c: ScanCase, window: number, readBytes: number | undefined): Promise<void> {
  const path = join(dir, `${c.name}.csv`);
  writeFileSync(path, c.bytes);
  const req = { path, headerLine: c.headerLine, columnCount: c.columnCount, dialect: c.dialect, encoding: c.encoding, control: c.control };
  const base = await oracleScan({ ...req, outPath: join(dir, `${c.name}.base`), directIfCanonical: true });
  // The lines in the window, from the oracle's reading of the original.
  const lines = physicalLines(c.bytes);
  const fewer = `has fewer fields than the header's ${c.columnCount}`;
  const clean = (l: number): boolean => {
    const [s, , e] = lines[l - 1]!;
    const b = c.bytes.subarray(s, e);
    return !b.includes(0) && !(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) && (c.encoding !== 'utf-8' || isUtf8(b));
  };
  const candidates = base.rejects.filter((r) => r.reason === fewer && clean(r.line)).map((r) => r.line);
  const recLines = recordLines(base);
  const inWindow = candidates.filter((l) => recLines.filter((x) => x > l).length + candidates.filter((x) => x > l).length < window);
  // The padded file: each such line given delimiters up to the header's width, before its line end.
  const d = Buffer.from(c.dialect.delimiter);
  const dl = { d: d[0]!, q: c.dialect.quote.charCodeAt(0), e: c.dialect.escape.charCodeAt(0) };
  const parts: Buffer[] = [];
  let at = 0;
  for (const l of inWindow) {
    const [s, contentEnd] = lines[l - 1]!;
    const parsed = parseRecord(c.bytes, s, true, dl);
    if (parsed.kind !== 'record') throw new Error(`line ${l} is not a record`);
    const missing = c.columnCount - parsed.fields.length / 3;
    parts.push(c.bytes.subarray(at, contentEnd), Buffer.alloc(missing, d[0]!));
    at = contentEnd;
  }
  parts.push(c.bytes.subarray(at));
  const paddedPath = join(dir, `${c.name}.padded.csv`);
  writeFileSync(paddedPath, Buffer.concat(parts));
  const want = await oracleScan({ ...req, path: paddedPath, outPath: join(dir, `${c.name}.want`) });
  const wantLines = recordLines(want);
  const shortRecords = inWindow.map((l) => wantLines.indexOf(l) + 1);
  const got = await scanRecords({ ...req, trailerRows: window, outPath: join(dir, `${c.name}.got`), directIfCanonical: true, ...(readBytes === undefined ? {} : { readBytes }) });

  const name = `${c.name} window ${window} read ${readBytes ?? 'default'}`;
  expect(shortRecords.every((k) => k > 0), name).toBe(true);
  const shortAmounts = shortRecords.reduce((t, k) => t + (want.tailCents.get(k) ?? 0n), 0n);
  expect(
    {
      records: got.records,
      breakpoints: got.breakpoints,
      rejects: got.rejects,
      blankLines: got.blankLines,
      lineCount: got.lineCount,
      shortRecords: got.shortRecords,
      controlCents: got.controlCents,
      tailCents: [...got.tailCents].sort((a, b) => a[0] - b[0]),
      sha256: got.sha256,
      direct: got.direct,
    },
    name,
  ).toEqual({
    records: want.records,
    breakpoints: want.breakpoints,
    rejects: want.rejects,
    blankLines: want.blankLines,
    lineCount: want.lineCount,
    shortRecords,
    controlCents: want.controlCents === null ? null : want.controlCents - shortAmounts,
    tailCents: [...want.tailCents].map(([k, v]) => [k, shortRecords.includes(k) ? null : v] as const).sort((a, b) => a[0] - b[0]),
    sha256: base.sha256,
    direct: inWindow.length === 0 && base.direct,
  });
  if (!got.direct) {
    const wantCopy = readFileSync(join(dir, `${c.name}.want`));
    expect(readFileSync(join(dir, `${c.name}.got`)).equals(wantCopy), `${name}: the copies differ`).toBe(true);
    // The short records' own copy: exactly those records of the padded file's copy, in order.
    const records = copyRecords(wantCopy);
    expect(records.length, name).toBe(want.records);
    expect(readFileSync(join(dir, `${c.name}.got.short`)).equals(Buffer.concat(shortRecords.map((k) => records[k - 1]!))), `${name}: the short copy differs`).toBe(true);
  }
  seen.cases++;
  if (inWindow.length > 0) seen.withShort++;
  if (candidates.length > inWindow.length) seen.heldThenRejected++;
  if (inWindow.some((l) => recLines.some((x) => x > l))) seen.shortAfterFull++;
}

const READS = [1, 3, 7, 61, 1024, 65_536, undefined];

describe('the record scan with a trailer window, against the oracle on the file padded by hand', () => {
  it('hands on the short records among the last ones padded, and rejects the others as before, in five dialects and reads of 1 byte to 4 MB', async () => {
    const rng = new Rng(21, 'trailer-short-scan');
    for (let seed = 1; seed <= 10; seed++)
      for (const [k, { dialect, encoding }] of DIALECTS.entries()) {
        const c = makeCase(seed, `short-${seed}-${k}`, dialect, encoding, { rows: 60, malformed: 0.15 });
        // End the file with short Total rows (and sometimes a full row after them), in the file's dialect and line ends.
        const dlm = dialect.delimiter;
        const eol = rng.pick(['\n', '\r\n', '\r']);
        // The full row's amount in the file's number format (generate.ts: '.' separates thousands
        // unless the delimiter is a comma), where the oracle and the scan read it alike: 10.00 is
        // no amount where '.' separates thousands (it does not group in threes), and the frozen
        // oracle, older than that rule, read it as 1000.00.
        const ten = dlm === ',' ? '10.00' : '10,00';
        const tail = [`Total${dlm}${dlm}${dlm}${dlm}123.45`, ...(rng.chance(0.5) ? ['TOTAL'] : []), ...(rng.chance(0.5) ? [`T9999${dlm}C1${dlm}x${dlm}y${dlm}${ten}${dlm}1${dlm}2026-10-01${dlm}`] : [])];
        const bytes = Buffer.concat([c.bytes, Buffer.from(tail.map((t) => t + eol).join(''))]);
        await check({ ...c, bytes }, rng.int(1, 4), rng.pick(READS));
      }
    expect(seen.withShort).toBeGreaterThan(30);
    expect(seen.heldThenRejected).toBeGreaterThan(10);
    expect(seen.shortAfterFull).toBeGreaterThan(10);
  }, 300_000);

  it('is the scan without a window when there is no short record near the end (read in place when canonical)', async () => {
    const comma = DIALECTS[0]!;
    const c = makeCase(4, 'plain-no-short', comma.dialect, 'utf-8', { rows: 200, malformed: 0, plainOnly: true, lineEnds: ['\n'] });
    const path = join(dir, 'plain-no-short.csv');
    writeFileSync(path, c.bytes);
    const req = { path, headerLine: c.headerLine, columnCount: c.columnCount, dialect: c.dialect, encoding: c.encoding, control: c.control, directIfCanonical: true };
    const got = await scanRecords({ ...req, trailerRows: 3, outPath: join(dir, 'plain-no-short.got') });
    const without = await scanRecords({ ...req, outPath: join(dir, 'plain-no-short.without') });
    expect(got).toEqual(without);
    expect(got.shortRecords).toEqual([]);
  });
});
