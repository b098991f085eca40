/**
 * The plain-cells fast path: the record scan says a file is plain (etl/load/trimCheck.ts) only
 * when no cell DuckDB reads from it changes under `nullif(trim(c), '')`, and the typing statement
 * over a plain file without trim (typing.ts, `plainCells`) equals the one with it, row for row.
 * - DuckDB's trim strips no ASCII byte but the space (the rule trimCheck rests on);
 * - hand-made files: a space at each kind of cell edge (after a delimiter, before one, at a line
 *   start or end, inside quotes at either end, before a CR, the file's last byte), a non-ASCII
 *   byte, each read in chunks of 1 to 7 bytes so the space falls across reads: not plain; inner
 *   spaces, a BOM, quoted commas: plain (expectations stated by hand);
 * - seeded random files with spaces anywhere: whenever the scan says plain, every cell DuckDB
 *   reads (from the copy or in place) is its own trimmed text (an independent check in SQL), and
 *   both outcomes occur.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../demo/random.ts';
import { scanRecords } from '../../etl/load/records.ts';
import { readCsvSql } from '../../etl/load/stage.ts';
import { TEST_TIMEZONE } from '../helpers/etlHarness.ts';
import { buildTypedSql } from '../../etl/load/typing.ts';
import { hmacPads } from '../../etl/phi/patientKey.ts';
import { SHIPPED_PROFILES_DIR, parseProfile } from '../../etl/profiles/registry.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';

const dir = mkdtempSync(join(tmpdir(), 'plain-cells-'));
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  conn.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const COMMA = { delimiter: ',', quote: '"', escape: '"' };
let n = 0;

async function scan(text: string | Buffer, opts: { columns: number; readBytes?: number; dialect?: typeof COMMA; direct?: boolean }) {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  const outPath = `${path}.copy`;
  const r = await scanRecords({ path, outPath, headerLine: 1, columnCount: opts.columns, dialect: opts.dialect ?? COMMA, encoding: 'utf-8', directIfCanonical: opts.direct ?? true, ...(opts.readBytes ? { readBytes: opts.readBytes } : {}) });
  return { r, path, outPath };
}

describe('DuckDB trim', () => {
  it('strips the space and no other ASCII byte from either end', async () => {
    const bytes = Array.from({ length: 127 }, (_, i) => i + 1);
    const got = (await conn.runAndReadAll(`SELECT list(b ORDER BY b) FROM (SELECT unnest([${bytes.join(', ')}]) AS b) WHERE trim(chr(b) || 'v' || chr(b)) <> chr(b) || 'v' || chr(b)`)).getRowsJS()[0]![0];
    expect(got).toEqual([32]);
  });
});

describe('the scan says plain only when no cell has a space at an edge', () => {
  const header = 'a,b,c\n';
  const notPlain: [string, string][] = [
    ['after a delimiter', 'x, y,z\n'],
    ['before a delimiter', 'x,y ,z\n'],
    ['at a line start', ' x,y,z\n'],
    ['at a line end', 'x,y,z \n'],
    ['before a CR', 'x,y,z \r\n'],
    ['inside quotes at the start', 'x,"  y",z\n'],
    ['inside quotes at the end', 'x,"y ",z\n'],
    ['a blank cell of spaces', 'x,   ,z\n'],
    ['a non-ASCII byte inside a cell', 'x,caf\u00e9,z\n'],
    ['a no-break space inside a cell', 'x,a\u00a0b,z\n'],
    ['the last byte', 'x,y,z\nx,y,z '],
    // Conservative: inside quotes a comma is no delimiter, but the file is still taken as not plain.
    ['after a comma inside quotes', 'x,"a, b",z\n'],
  ];
  for (const [name, body] of notPlain)
    it(`not plain: a space ${name}`, async () => {
      const after = body.endsWith('\n') ? 'p,q,r\n' : '';
      for (let readBytes = 1; readBytes <= 7; readBytes++) expect((await scan(header + 'p,q,r\n' + body + after, { columns: 3, readBytes })).r.plainCells, `read ${readBytes}`).toBe(false);
      expect((await scan(header + body, { columns: 3 })).r.plainCells).toBe(false);
    });

  it('plain: inner spaces, a BOM, quoted commas and quotes, empty cells, CRLF line ends, in reads of any size', async () => {
    const body = '\uFEFF' + header + 'x y,"a,b","x""y""z"\r\n,,\n"",z,Blue Cross Inc.\n';
    for (const readBytes of [1, 2, 3, 5, 7, undefined]) {
      const { r } = await scan(body, { columns: 3, ...(readBytes ? { readBytes } : {}) });
      expect(r.plainCells, `read ${readBytes ?? 'default'}`).toBe(true);
      expect(r.records).toBe(3);
    }
  });

  it('not plain: a byte-order mark cut short, at the end of the file or followed by text', async () => {
    expect((await scan(Buffer.from([0xef, 0xbb]), { columns: 1 })).r.plainCells).toBe(false);
    expect((await scan(Buffer.concat([Buffer.from([0xef, 0xbb]), Buffer.from('a\nb\n')]), { columns: 1, readBytes: 1 })).r.plainCells).toBe(false);
  });

  it('plain with another delimiter: a space next to it counts, next to a comma inside a cell does not', async () => {
    const semi = { delimiter: ';', quote: '"', escape: '"' };
    expect((await scan('a;b\nx,y;z\n', { columns: 2, dialect: semi })).r.plainCells).toBe(true);
    expect((await scan('a;b\nx; z\n', { columns: 2, dialect: semi })).r.plainCells).toBe(false);
  });
});

/** Every cell DuckDB reads for this scan is its own trimmed text (independent of trimCheck). */
async function allCellsTrimmed(s: Awaited<ReturnType<typeof scan>>, columns: number): Promise<boolean> {
  const read = readCsvSql(columns, s.r.direct ? 1 : 0).replace(/store_rejects = true, rejects_table = 'pb_reject_errors', rejects_scan = 'pb_reject_scans'/, 'store_rejects = false');
  const same = Array.from({ length: columns }, (_, i) => `bool_and(nullif(c${i}, '') IS NOT DISTINCT FROM nullif(trim(c${i}), ''))`).join(' AND ');
  const rows = await conn.runAndReadAll(`SELECT count(*), ${same} FROM (${read})`, { path: s.r.direct ? s.path : s.outPath });
  const [count, ok] = rows.getRowsJS()[0]!;
  expect(Number(count)).toBe(s.r.records);
  return ok !== false;
}

describe('on seeded random files', () => {
  it('whenever the scan says plain, every cell DuckDB reads is its own trimmed text (in place and copied)', async () => {
    const rng = new Rng(151, 'plain-cells');
    const pieces = ['a', 'B7', '12.50', 'x y', ' ', '  ', 'Lee, Ana', 'say "hi"', '', 'é', '\u00a0', '\t', 'P 3'];
    const seen = { plain: 0, notPlain: 0, direct: 0, copied: 0 };
    for (let f = 0; f < 60; f++) {
      const columns = rng.int(2, 5);
      const lines = ['h' + ',h'.repeat(columns - 1)];
      for (let k = 0; k < rng.int(1, 30); k++) {
        const cells = Array.from({ length: columns }, () => {
          // Mostly plain text; a space at an edge, a non-ASCII or quoted cell now and then.
          const v = rng.chance(0.97) ? rng.pick(['a', 'B7', '12.50', 'x y', '', 'P 3']) : rng.pick(pieces) + rng.pick(pieces);
          return /[",\n]/.test(v) || rng.chance(0.05) ? `"${v.replaceAll('"', '""')}"` : v;
        });
        lines.push(cells.join(','));
      }
      const s = await scan(lines.join(rng.chance(0.2) ? '\r\n' : '\n') + '\n', { columns, direct: rng.chance(0.5), readBytes: rng.pick([3, 64, 4096]) });
      expect(s.r.rejects).toEqual([]);
      if (s.r.plainCells) {
        seen.plain++;
        expect(await allCellsTrimmed(s, columns), lines.join('|')).toBe(true);
      } else seen.notPlain++;
      if (s.r.direct) seen.direct++;
      else seen.copied++;
    }
    expect(seen.plain).toBeGreaterThan(10);
    expect(seen.notPlain).toBeGreaterThan(10);
    expect(seen.direct).toBeGreaterThan(5);
    expect(seen.copied).toBeGreaterThan(5);
  });
});

describe('the typing statement over a plain file', () => {
  it('gives the same typed rows, reasons and quarantine text with the fast path as with trim', async () => {
    const profile = parseProfile(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-billing.json'), 'utf8'), 'canonical-billing.json');
    const spec = SOURCES.billing;
    const header = spec.fields.map((f) => f.name);
    const rows = [
      'T1,C1,1,P1,PRV1,LOC,PAY,commercial,99213,1,2026-10-01,2026-10-02,charge,489.00,,,',
      'T2,C1,2,P 1,PRV1,LOC,PAY,Commercial,99213,,2026-10-01,2026-10-20,payment,80.00,insurance,,',
      'T3,C2,1,P2,PRV2,LOC,PAY,medicare,99214,1,10/03/2026,2026-10-04,charge,"1,200.5",,,',
      'T4,,1,P2,PRV2,LOC,PAY,medicare,99214,x,2026-10-03,2026-10-25,adjustment,-45.00,,CO,45',
      'T5,C3,1,,PRV2,LOC,SELF,self_pay,99213,1,2026-10-05,2026-10-05,payment,10.001,,,',
      'Total,,,,,,,,,,,,,"1,489.56",,,',
    ];
    const s = await scan([header.join(','), ...rows].join('\n') + '\n', { columns: header.length });
    expect(s.r.plainCells).toBe(true);
    const read = readCsvSql(header.length, s.r.direct ? 1 : 0);
    const typedRows = async (plainCells: boolean): Promise<unknown[][]> => {
      const typed = buildTypedSql(spec, profile, new Map(header.map((h, i) => [h, [i]] as const)), header.length, read, header.map((_, i) => i), { plainCells, timezone: TEST_TIMEZONE });
      // The trim fast path's test (cleanCellSql) is there only without plainCells.
      expect(typed.createTyped.includes('ends_with(')).toBe(!plainCells);
      for (const t of ['typed', 'pb_reject_errors', 'pb_reject_scans']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
      await conn.run(typed.createTyped, { path: s.r.direct ? s.path : s.outPath, trailer_re: '^\\s*(grand\\s+)?totals?\\b', ...hmacPads(Buffer.alloc(32, 7)) });
      return (await conn.runAndReadAll('SELECT rowid, * FROM typed ORDER BY rowid')).getRowsJS() as unknown[][];
    };
    const fast = await typedRows(true);
    const slow = await typedRows(false);
    expect(fast.length).toBe(rows.length);
    expect(fast).toEqual(slow);
    // And some values by hand: the patient text as written, the mapped payer class, a reason.
    const cols = (await conn.runAndReadAll('SELECT t_patient_id, payer_class, errs FROM typed ORDER BY rowid')).getRowsJS();
    expect(cols.map((r) => r[0])).toEqual(['P1', 'P 1', 'P2', 'P2', null, null]);
    expect(cols[1]![1]).toBe('commercial');
    expect(String(cols[4]![2])).toContain('patient_id|is required but blank');
  });
});
