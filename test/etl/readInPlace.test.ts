/**
 * The in-place read (a file whose records are canonical CSV as written is read by DuckDB where
 * it lies, without the record scan's copy) stores exactly what the copy does: the same facts
 * (values, patient keys, lines), rejects, quarantine, warnings and totals, on real-world-shaped
 * files. Each file is loaded into two fresh warehouses, one with `readInPlace: false`.
 * The hand-made file's expectations (lines, totals, the Total row) were computed by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCorpus, type CorpusSource } from '../../demo/corpus.ts';
import { LOAD_ORDER } from '../../etl/inbox.ts';
import { scanRecords } from '../../etl/load/records.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { generateCorpus } from './corpus/generate.ts';

const HEADER = 'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code,note';
/**
 * A BOM, ids with commas and doubled quotes, a quoted line end inside a field no canonical field
 * reads (the `note` of line 4 spans lines 4-5; in a canonical field it would be a reject:
 * test/etl/spanningValue.test.ts), currency text with a thousands separator, a parenthesised
 * negative, a row rejected by typing (line 8: a bad date), and a Total row. Loaded: lines 2, 3,
 * 4, 6, 7; total 1,234.56 + 80.00 + 200.00 - 45.00 + 10.00 = 1479.56.
 */
const REAL_WORLD =
  '\uFEFF' +
  [
    HEADER,
    'T1,C1,1,P1,"Lee, Ana MD",HV,"Blue Cross, Inc.",commercial,99213,1,2026-10-01,2026-10-02,charge,"$1,234.56",,,,',
    'T2,C1,1,P1,"Lee, Ana MD",HV,"Blue Cross, Inc.",commercial,99213,1,2026-10-01,2026-10-20,payment,80.00,insurance,,,',
    'T3,C2,1,P2,"O\'Brien, Pat",HV,"Medicare ""B""",medicare,"99214",1,2026-10-03,2026-10-04,charge,200.00,,,,"call back',
    'Monday"',
    'T4,C2,1,P2,"O\'Brien, Pat",HV,"Medicare ""B""",medicare,99214,1,2026-10-03,2026-10-25,adjustment,(45.00),,CO,45,',
    'T5,C3,1,P3,P 3,HV,SELF,self_pay,99213,1,2026-10-05,2026-10-05,payment,$10.00,patient,,,',
    'T6,C4,1,P4,P 3,HV,SELF,self_pay,99213,1,10/05/2026,2026-10-05,charge,10.00,,,,',
    'Total,,,,,,,,,,,,,"$1,489.56",,,,',
  ].join('\n') +
  '\n';

const harnesses: Harness[] = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.close();
});

async function twoWarehouses(): Promise<[Harness, Harness]> {
  const pair: [Harness, Harness] = [await openHarness(), await openHarness()];
  harnesses.push(...pair);
  return pair;
}

/** Everything a load stores, in a comparable form (run ids and file ids left out: they name the run). */
async function stored(h: Harness): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => h.rows(sql);
  return {
    billing: await q('SELECT * EXCLUDE (file_id) FROM fact_billing_txn ORDER BY source_line, transaction_id'),
    appointments: await q('SELECT * EXCLUDE (file_id) FROM fact_appointment ORDER BY ALL'),
    payroll: await q('SELECT * EXCLUDE (file_id) FROM fact_payroll ORDER BY ALL'),
    rejects: await q('SELECT r.line_n, r.column_name, r.reason, e.file_name FROM etl_reject r JOIN etl_run e USING (run_id) ORDER BY ALL'),
    quarantine: await q('SELECT q.* EXCLUDE (run_id), e.file_name FROM etl_quarantine q JOIN etl_run e USING (run_id) ORDER BY ALL'),
    warnings: await q('SELECT w.* EXCLUDE (run_id), e.file_name FROM etl_warning w JOIN etl_run e USING (run_id) ORDER BY ALL'),
  };
}

const outcome = (r: LoadReport) => ({
  status: r.status,
  errorCode: r.errorCode,
  rowsRead: r.rowsRead,
  rowsLoaded: r.rowsLoaded,
  rowsRejected: r.rowsRejected,
  rowsReplaced: r.rowsReplaced,
  trailerRows: r.trailerRows,
  fileTotal: r.fileTotal,
  loadedTotal: r.loadedTotal,
  trailerTotal: r.trailerTotal,
  loadedAsWritten: r.loadedAsWritten,
  rejects: r.rejects,
  warnings: r.warnings,
});

describe('reading a canonical file in place', () => {
  it('takes the in-place read only for a file canonical as written, whose copy would be the file past its header line', async () => {
    const [h] = await twoWarehouses();
    const file = h.file('real.csv', REAL_WORLD);
    const req = { path: file, headerLine: 1, columnCount: 18, dialect: { delimiter: ',', quote: '"', escape: '"' }, encoding: 'utf-8' as const };
    const direct = await scanRecords({ ...req, outPath: join(h.dir, 'tmp', 'direct.csv'), directIfCanonical: true });
    const copied = await scanRecords({ ...req, outPath: join(h.dir, 'tmp', 'copy.csv') });
    expect(direct.direct).toBe(true);
    expect(copied.direct).toBe(false);
    const bytes = readFileSync(file);
    const firstLf = bytes.indexOf(0x0a);
    // Byte for byte: what DuckDB reads in place is what the copy holds.
    expect(readFileSync(join(h.dir, 'tmp', 'copy.csv')).equals(bytes.subarray(firstLf + 1))).toBe(true);
    expect({ ...direct, direct: undefined }).toEqual({ ...copied, direct: undefined });
    // Windows line ends, a blank line, or a quote inside an unquoted field: the copy is written.
    for (const [name, text] of [
      ['crlf.csv', REAL_WORLD.replaceAll('\n', '\r\n')],
      ['blank.csv', REAL_WORLD.replace('\nT2,', '\n\nT2,')],
      ['inch.csv', REAL_WORLD.replace(',P 3,HV,SELF', ',P 3 12" brace,HV,SELF')],
    ] as const) {
      const r = await scanRecords({ ...req, path: h.file(name, text), outPath: join(h.dir, 'tmp', `${name}.copy`), directIfCanonical: true });
      expect(r.direct, name).toBe(false);
    }
  });

  it('loads a real-world-shaped billing file in place exactly as through the copy: rows, lines, rejects, Total row, totals', async () => {
    const [inPlace, copy] = await twoWarehouses();
    const a = await inPlace.load({ path: inPlace.file('real.csv', REAL_WORLD), source: 'billing' }, { rejectThreshold: 1 });
    const b = await copy.load({ path: copy.file('real.csv', REAL_WORLD), source: 'billing' }, { rejectThreshold: 1, readInPlace: false });
    expect(outcome(a)).toEqual(outcome(b));
    expect(await stored(inPlace)).toEqual(await stored(copy));
    // By hand: six data records (the Total row is a trailer, not a row read), five load at their lines, line 8 is rejected.
    expect(a).toMatchObject({ status: 'loaded', rowsRead: 6, rowsLoaded: 5, rowsRejected: 1, trailerRows: 1, loadedTotal: '1479.56', trailerTotal: '1489.56', fileTotal: '1489.56' });
    const facts = await inPlace.rows("SELECT transaction_id, source_line::INTEGER AS line, amount_usd::VARCHAR AS amount, payer_id, procedure_code FROM fact_billing_txn ORDER BY source_line");
    expect(facts).toEqual([
      { transaction_id: 'T1', line: 2, amount: '1234.56', payer_id: 'Blue Cross, Inc.', procedure_code: '99213' },
      { transaction_id: 'T2', line: 3, amount: '80.00', payer_id: 'Blue Cross, Inc.', procedure_code: '99213' },
      { transaction_id: 'T3', line: 4, amount: '200.00', payer_id: 'Medicare "B"', procedure_code: '99214' },
      { transaction_id: 'T4', line: 6, amount: '-45.00', payer_id: 'Medicare "B"', procedure_code: '99214' },
      { transaction_id: 'T5', line: 7, amount: '10.00', payer_id: 'SELF', procedure_code: '99213' },
    ]);
    expect(a.rejects).toEqual([{ line: 8, column: 'service_date (service_date)', reason: 'not a date in the format %Y-%m-%d' }]);
    expect((await inPlace.rows('SELECT DISTINCT line_n::INTEGER AS line FROM etl_reject')).map((r) => r.line)).toEqual([8]);
  });

  it('stores the same for every file of the real-world-shaped corpus (demo/corpus.ts), loaded in order', async () => {
    const [inPlace, copy] = await twoWarehouses();
    const corpus = writeCorpus(join(inPlace.dir, 'corpus'), 7);
    for (const files of Object.values(corpus)) {
      for (const source of LOAD_ORDER) {
        const file = files[source as CorpusSource];
        if (!file) continue;
        const a = await inPlace.load({ path: file, source: source as CorpusSource });
        const text = readFileSync(file);
        const b = await copy.load({ path: copy.file(`corpus/${source}-${a.runId}.csv`, text), source: source as CorpusSource, fileName: a.fileName }, { readInPlace: false });
        expect(outcome(a), file).toEqual(outcome(b));
        // The two practices share their locations and providers files: the second is a duplicate.
        expect(a.status, file).toBe(file.includes('appointments-only') && source !== 'appointments' ? 'duplicate' : 'loaded');
      }
    }
    const s = await stored(inPlace);
    expect(s).toEqual(await stored(copy));
    expect(s.billing!.length).toBeGreaterThan(0);
    expect(s.appointments!.length).toBeGreaterThan(0);
  });

  it('stores the same for every file of the malformed-input corpus (clean ones read in place, the others copied)', async () => {
    const [inPlace, copy] = await twoWarehouses();
    for (const c of generateCorpus()) {
      const a = await inPlace.load({ path: inPlace.file(`m/${c.name}.csv`, c.bytes), source: 'billing' }, { rejectThreshold: 1 });
      const b = await copy.load({ path: copy.file(`m/${c.name}.csv`, c.bytes), source: 'billing' }, { rejectThreshold: 1, readInPlace: false });
      expect(outcome(a), c.name).toEqual(outcome(b));
    }
    expect(await stored(inPlace)).toEqual(await stored(copy));
  });
});
