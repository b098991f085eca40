/**
 * Malformed and unusual 835 files: other separators, line breaks, several interchanges, a
 * missing SE, a wrong SE count, totals that do not tie, a truncated file, separators the ISA
 * does not declare, a 4010 file, and the exactly-once rules. Segment positions are counted
 * by hand: ISA 1, GS 2, ST 3, the body from 4, then SE, GE, IEA.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRemittance } from '../../etl/remittance/loadRemittance.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { ACME, SECOND, scenarioFile } from './scenarios.ts';
import { header, interchange, isa, type Txn } from './x12.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const load = (name: string, text: string, threshold?: number) =>
  loadRemittance(threshold === undefined ? h.deps : { ...h.deps, rejectThreshold: threshold }, { path: h.file(name, text) });
const rejects = () => h.rows('SELECT line_n::INTEGER AS line_n, column_name, reason FROM etl_reject ORDER BY line_n');
const summary = () =>
  h.rows(`SELECT (SELECT count(*) FROM remit_transaction)::INTEGER AS txns, (SELECT count(*) FROM remit_claim)::INTEGER AS claims,
    (SELECT count(*) FROM remit_line)::INTEGER AS lines, (SELECT count(*) FROM remit_adjustment)::INTEGER AS adjs,
    (SELECT count(*) FROM remit_plb)::INTEGER AS plbs, (SELECT sum(total_paid_usd)::VARCHAR FROM remit_transaction) AS paid`);

/** One claim, 100.00 charged, 80.00 paid, CO-45 20.00: 10 body segments (positions 4-13), SE at 14. */
const simple = (control: string, trace: string, o: Partial<Txn> & { paid?: string; cas?: string } = {}): Txn => ({
  control,
  body: [...header({ paid: o.paid ?? '80', trace, payer: 'ACME HEALTH', payerId: 'ACME01' }), 'LX*1', `CLP*CA${control}*1*100*80*0*12*P${control}`, `CAS*CO*45*${o.cas ?? '20'}`],
  ...(o.seCount !== undefined ? { seCount: o.seCount } : {}),
  ...(o.noSe ? { noSe: true } : {}),
});

const SCENARIO_SUMMARY = { txns: 2, claims: 5, lines: 4, adjs: 8, plbs: 2, paid: '130.25' };

describe('separators and layout', () => {
  it('reads the separators the ISA declares, with a line break as the segment terminator', async () => {
    const r = await load('pipes.edi', scenarioFile({ element: '|', component: '>', segment: '\n' }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 5 });
    expect((await summary())[0]).toEqual(SCENARIO_SUMMARY);
    expect(await h.rows("SELECT modifiers FROM remit_line WHERE procedure_code = '99214'")).toEqual([{ modifiers: '25' }]);
  });

  it('reads segments followed by CR LF line breaks the same as one long line', async () => {
    const r = await load('crlf.835', scenarioFile({ newline: '\r\n' }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 5 });
    expect((await summary())[0]).toEqual(SCENARIO_SUMMARY);
  });

  it('reads two interchanges with different separators in one file', async () => {
    const second = interchange('000000102', [simple('0003', 'EFT3003')], { element: '|', component: '>', segment: '\n' });
    const r = await load('two.835', scenarioFile() + second);
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 6, rowsLoaded: 6, rowsRejected: 0, fileTotal: '210.25' });
    expect(await h.rows('SELECT trace_number, isa_control FROM remit_transaction ORDER BY txn_position')).toEqual([
      { trace_number: 'CHK1001', isa_control: '000000101' },
      { trace_number: 'EFT2002', isa_control: '000000101' },
      { trace_number: 'EFT3003', isa_control: '000000102' },
    ]);
  });

  it('rejects a file whose segments do not use the separators its ISA declares', async () => {
    const body = interchange('000000103', [simple('0001', 'T1')], { element: '|' });
    const text = `${isa('000000103')}~${body.slice(body.indexOf('~') + 1)}`;
    const r = await load('wrong.835', text);
    expect(r).toMatchObject({ status: 'rejected', rowsLoaded: 0, errorCode: 'TOO_MANY_REJECTS' });
    expect(await rejects()).toEqual([{ line_n: 2, column_name: null, reason: 'the segment tag is not a valid X12 tag; the file does not use the separators its ISA declares' }]);
  });

  it('rejects a file that is not X12 at all', async () => {
    const r = await load('billing.txt', 'transaction_id,claim_id\nT1,C1\n'.repeat(10));
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 0, rowsLoaded: 0 });
    expect(await rejects()).toEqual([{ line_n: 1, column_name: null, reason: 'expected an ISA segment (interchange header) here' }]);
  });

  it('reads a 004010X091A1 file, with its DTM*150/151 service period', async () => {
    const t: Txn = { control: '0001', body: [...header({ paid: '80', trace: 'OLD1', payer: 'OLD PAYER', payerId: 'OLD01' }), 'LX*1', 'CLP*C4010*1*100*80*0*MC*P1', 'SVC*HC:99213*100*80**1', 'DTM*150*20231201', 'DTM*151*20231202', 'CAS*CO*45*20'] };
    const r = await load('old.835', interchange('000000104', [t], { version: '4010' }));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(await h.rows("SELECT t.version, l.service_date::VARCHAR AS dos, l.service_date_to::VARCHAR AS dos_to, l.adj_diff_usd::VARCHAR AS diff FROM remit_transaction t JOIN remit_claim c USING (file_id, txn_position) JOIN remit_line l USING (file_id, claim_position)")).toEqual([
      { version: '004010X091A1', dos: '2023-12-01', dos_to: '2023-12-02', diff: '0.00' },
    ]);
  });
});

describe('structure errors reject the transaction, with its segment position', () => {
  it('a missing SE: the transaction is rejected at the next ST; over the threshold the file is rejected whole', async () => {
    const text = interchange('000000105', [simple('0001', 'T1', { noSe: true }), simple('0002', 'T2')]);
    const r = await load('nose.835', text);
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 2, rowsLoaded: 0, rowsRejected: 2 });
    expect(await rejects()).toEqual([{ line_n: 14, column_name: 'SE', reason: 'the transaction has no SE before the next ST; its 1 claim(s) are not loaded' }]);
    expect((await summary())[0]).toMatchObject({ txns: 0, claims: 0 });
  });

  it('a missing SE under a threshold that allows it: the complete transaction loads', async () => {
    const text = interchange('000000105', [simple('0001', 'T1', { noSe: true }), simple('0002', 'T2')]);
    const r = await load('nose.835', text, 0.6);
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 1, rowsRejected: 1, loadedTotal: '80.00' });
    expect(await h.rows('SELECT claim_id FROM remit_claim')).toEqual([{ claim_id: 'CA0002' }]);
  });

  it('an SE whose segment count is wrong', async () => {
    const r = await load('count.835', interchange('000000106', [simple('0001', 'T1', { seCount: 11 })]));
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 1, rowsRejected: 1 });
    expect(await rejects()).toEqual([{ line_n: 14, column_name: 'SE01', reason: 'says 11 segments; the transaction has 12; its 1 claim(s) are not loaded' }]);
  });

  it('a file truncated in the middle of a segment', async () => {
    const full = scenarioFile();
    const cut = full.slice(0, full.indexOf('CLP*C300*1*80*6') + 'CLP*C300*1*80*6'.length);
    const r = await load('cut.835', cut);
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 3, rowsLoaded: 0, rowsRejected: 3 });
    expect(await rejects()).toEqual([{ line_n: 35, column_name: null, reason: 'the file ends in the middle of a segment (no segment terminator); its 3 claim(s) are not loaded' }]);
  });

  it('a bad amount names the element and never the value', async () => {
    const t: Txn = { control: '0001', body: [...header({ paid: '80', trace: 'T1', payer: 'ACME', payerId: 'A1' }), 'LX*1', 'CLP*C1*1*1O0*80*0*12*P1', 'CAS*CO*45*20'] };
    await load('bad.835', interchange('000000107', [t]));
    expect(await rejects()).toEqual([{ line_n: 12, column_name: 'CLP03', reason: 'is not an amount; its 1 claim(s) are not loaded' }]);
  });
});

describe('control totals', () => {
  it('loads a transaction whose BPR02 and claim do not tie, and reports each difference', async () => {
    const r = await load('off.835', interchange('000000108', [simple('0001', 'T1', { paid: '85', cas: '15' })]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1, errorCode: 'TOTALS_DO_NOT_TIE' });
    expect(r.message).toBe('control totals do not tie: transaction at segment 3 (trace T1): BPR02 differs from claims paid less PLB by 5.00; 1 claim(s) do not balance with their adjustments');
    expect(await h.rows('SELECT payment_diff_usd::VARCHAR AS d, claims_unbalanced_n AS n FROM remit_transaction')).toEqual([{ d: '5.00', n: 1 }]);
    expect(await h.rows('SELECT adj_diff_usd::VARCHAR AS d FROM remit_claim')).toEqual([{ d: '5.00' }]);
  });
});

describe('exactly once', () => {
  it('the same bytes twice: a duplicate that changes nothing', async () => {
    const first = await load('a.835', scenarioFile());
    const again = await load('a-copy.835', scenarioFile());
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.runId, rowsLoaded: 0 });
    expect((await summary())[0]).toEqual(SCENARIO_SUMMARY);
  });

  it('a trace number loaded before, in other bytes, is not loaded again; a new one in the same file is', async () => {
    await load('a.835', scenarioFile());
    const resent = await load('b.835', interchange('000000201', [ACME]));
    expect(resent).toMatchObject({ status: 'duplicate', errorCode: 'DUPLICATE_TRACE', rowsRead: 4, rowsLoaded: 0, rowsRejected: 4 });
    const mixed = await load('c.835', interchange('000000202', [SECOND, simple('0003', 'NEW1')]));
    expect(mixed).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect(mixed.rejects).toEqual([{ line: 3, column: 'TRN02', reason: expect.stringMatching(/^trace number already loaded by run r\S+; the transaction is not loaded again$/) }]);
    expect((await summary())[0]).toMatchObject({ txns: 3, claims: 6 });
  });
});
