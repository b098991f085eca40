/**
 * The malformed-file corpus: every quirk real exports carry loads or is rejected with its line
 * and reason; none crashes a load or silently drops a row (rows read = loaded + rejected).
 */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv, header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const lenient = { rejectThreshold: 1 };

async function rejects(runId: string) {
  return h.rows('SELECT line_n::INTEGER AS line, column_name, reason FROM etl_reject WHERE run_id = $r ORDER BY line_n, column_name', { r: runId });
}

describe('malformed billing files', () => {
  it('rejects ragged rows with their lines and loads the rest', async () => {
    const text = [header('billing'), row('billing', { transaction_id: 'T1' }), 'T2,C1,1', row('billing', { transaction_id: 'T3' }) + ',extra'].join('\n') + '\n';
    const r = await h.load({ path: h.file('ragged.csv', text), source: 'billing' }, lenient);
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
    expect(await rejects(r.runId)).toEqual([
      { line: 3, column_name: null, reason: "record has fewer fields than the header's 17" },
      { line: 4, column_name: null, reason: "record has more fields than the header's 17" },
    ]);
  });

  it('rejects an unterminated quote without losing the rows before or after it', async () => {
    const text = [header('billing'), row('billing', { transaction_id: 'T1' }), row('billing', { transaction_id: 'T2' }).replace('C1', '"C1'), row('billing', { transaction_id: 'T3' })].join('\n') + '\n';
    const r = await h.load({ path: h.file('quote.csv', text), source: 'billing' }, lenient);
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(await h.rows('SELECT transaction_id, source_line::INTEGER AS l FROM fact_billing_txn ORDER BY 1')).toEqual([{ transaction_id: 'T1', l: 2 }, { transaction_id: 'T3', l: 4 }]);
    expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
    const rej = await rejects(r.runId);
    expect(rej[0]).toMatchObject({ line: 3 });
    expect(String(rej[0]!.reason)).toMatch(/quote/);
  });

  it('counts rows read and the file total from the bytes: one stray quote loses nothing after it (issue 10.1)', async () => {
    // 10,000 rows of 1.00 .. 100.00; row 5,000 (line 5,001) holds "99214 with no closing quote.
    const rows = Array.from({ length: 10_000 }, (_, i) => row('billing', { transaction_id: `S${i + 1}`, amount_usd: `${(i % 100) + 1}.00` }));
    rows[4999] = rows[4999]!.replace(',99213,', ',"99214,');
    const r = await h.load({ path: h.file('stray.csv', [header('billing'), ...rows].join('\n') + '\n'), source: 'billing' });
    // Every 100 rows sum to 5,050.00: 10,000 rows make 505,000.00; row 5,000 carried 100.00.
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 10_000, rowsLoaded: 9_999, rowsRejected: 1, fileTotal: '504900.00', loadedTotal: '504900.00' });
    expect(r.rejects).toEqual([{ line: 5001, column: null, reason: expect.stringMatching(/^record has a quote left open/) }]);
    expect(await h.rows('SELECT max(source_line)::INTEGER AS last, count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ last: 10_001, n: 9_999 }]);
  });

  it('numbers lines after a quote inside an unquoted field and after a stray CR exactly (issue 10.3)', async () => {
    const text = [
      header('billing'),
      row('billing', { transaction_id: 'T1', provider_id: 'knee brace 12" hinged' }).replace('"knee brace 12"" hinged"', 'knee brace 12" hinged'),
      row('billing', { transaction_id: 'T2' }).replace(',99213,', ',992\r13,'),
      row('billing', { transaction_id: 'T3', post_date: 'never' }),
      row('billing', { transaction_id: 'T4' }),
    ].join('\n') + '\n';
    const r = await h.load({ path: h.file('lines.csv', text), source: 'billing' }, lenient);
    expect(await h.rows('SELECT transaction_id, provider_id, source_line::INTEGER AS line FROM fact_billing_txn ORDER BY 1')).toEqual([
      { transaction_id: 'T1', provider_id: 'knee brace 12" hinged', line: 2 },
      { transaction_id: 'T4', line: 6, provider_id: 'PR01' },
    ]);
    // The CR splits T2's line into lines 3 and 4 (as an editor shows them): both rejected there.
    expect((await rejects(r.runId)).map((x) => x.line)).toEqual([3, 4, 5]);
  });

  it('keeps quoted commas inside fields, rejects a canonical value spanning lines, and numbers lines physically', async () => {
    // T2's provider id "PR<LF>01" spans lines 3 and 4: no canonical value holds a line end, so line 3
    // is rejected (column and lines named) and line 4 (`01",L1,...`, 12 fields) is read as a record of its own.
    const text = [header('billing'), row('billing', { transaction_id: 'T1', payer_id: 'Blue, Cross' }), row('billing', { transaction_id: 'T2', provider_id: 'PR\n01' }), row('billing', { transaction_id: 'T3', service_date: 'bad' })].join('\n') + '\n';
    const r = await h.load({ path: h.file('nl.csv', text), source: 'billing' }, lenient);
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
    expect(await h.rows('SELECT transaction_id, payer_id, provider_id, source_line::INTEGER AS line FROM fact_billing_txn ORDER BY 1')).toEqual([
      { transaction_id: 'T1', payer_id: 'Blue, Cross', provider_id: 'PR01', line: 2 },
    ]);
    expect(await rejects(r.runId)).toEqual([
      { line: 3, column_name: 'provider_id (provider_id)', reason: 'record has a value that spans lines 3 to 4: a quote opened in this field is closed only on line 4 (a stray quote?)' },
      { line: 4, column_name: null, reason: "record has fewer fields than the header's 17" },
      { line: 5, column_name: 'service_date (service_date)', reason: 'not a date in the format %Y-%m-%d' },
    ]);
  });

  it('reads a UTF-8 BOM with CRLF, and CR-only line endings', async () => {
    for (const [name, eol, bom] of [['crlf.csv', '\r\n', '\uFEFF'], ['cr.csv', '\r', '']] as const) {
      const text = bom + csv('billing', [{ transaction_id: `${name}-1` }, { transaction_id: `${name}-2`, amount_usd: 'x' }], eol);
      const r = await h.load({ path: h.file(name, text), source: 'billing' }, lenient);
      expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
      expect((await rejects(r.runId))[0]).toMatchObject({ line: 3, column_name: 'amount_usd (amount_usd)' });
    }
  });

  it('skips blank lines and keeps line numbers after them exact', async () => {
    const text = [header('billing'), '', row('billing', { transaction_id: 'T1' }), '', '', row('billing', { transaction_id: 'T2', txn_type: 'gift' })].join('\n') + '\n';
    const r = await h.load({ path: h.file('blank.csv', text), source: 'billing' }, lenient);
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 1 });
    expect(await rejects(r.runId)).toEqual([{ line: 6, column_name: 'txn_type (txn_type)', reason: 'not one of charge, payment, adjustment, refund, transfer' }]);
    expect(await h.rows('SELECT source_line::INTEGER AS l FROM fact_billing_txn')).toEqual([{ l: 3 }]);
  });

  it('parses currency text, thousands separators and parenthesized negatives exactly', async () => {
    const text = csv('billing', [
      { transaction_id: 'T1', amount_usd: '$1,234.56' },
      { transaction_id: 'T2', amount_usd: '($45.00)' },
      { transaction_id: 'T3', amount_usd: '0.10' },
      { transaction_id: 'T4', amount_usd: '0.20' },
      { transaction_id: 'T5', amount_usd: '12.345' },
    ]);
    const r = await h.load({ path: h.file('money.csv', text), source: 'billing' }, lenient);
    // 1234.56 - 45.00 + 0.10 + 0.20 = 1189.86 exactly (binary floats would give 1189.8599999...)
    expect(r).toMatchObject({ rowsLoaded: 4, rowsRejected: 1, loadedTotal: '1189.86' });
    expect((await rejects(r.runId))[0]).toMatchObject({ line: 6, reason: 'has more than 2 decimals' });
  });

  it('rejects implausible amounts row by row and keeps the file total exact however large', async () => {
    const text = csv('billing', [
      { transaction_id: 'T1', amount_usd: '9999999999999999.99' },
      { transaction_id: 'T2', amount_usd: '9999999999999999.99' },
      ...Array.from({ length: 40 }, (_, i) => ({ transaction_id: `OK${i}`, amount_usd: '1.00' })),
    ]);
    const r = await h.load({ path: h.file('huge.csv', text), source: 'billing' }, lenient);
    // 2 x 9999999999999999.99 + 40 x 1.00 = 20000000000000039.98, beyond DECIMAL(18,2): kept as DECIMAL(38,2)
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 40, rowsRejected: 2, fileTotal: '20000000000000039.98', loadedTotal: '40.00' });
    expect(r.rejects[0]).toEqual({ line: 2, column: 'amount_usd (amount_usd)', reason: 'is implausibly large (100,000,000 or more)' });
  });

  /** A billing profile of the canonical columns with US dates (%m/%d/%Y), in the harness's profiles. */
  const usDatesProfile = (id: string): void => {
    h.file(`profiles/${id}.json`, JSON.stringify({ id, source: 'billing', label: 'US dates', formats: { date: ['%m/%d/%Y'] }, columns: Object.fromEntries(header('billing').split(',').map((c) => [c, c])) }));
  };

  it('never lets a sniffer guess ambiguous US dates: the profile format is applied', async () => {
    usDatesProfile('us-dates');
    const profiles = h.profiles();
    // Every day is 12 or less: a sniffer would read 01/02/2026 as 1 February.
    const text = csv('billing', [
      { transaction_id: 'T1', service_date: '01/02/2026', post_date: '01/03/2026' },
      { transaction_id: 'T2', service_date: '03/04/2026', post_date: '12/11/2026' },
    ]);
    const r = await h.load({ path: h.file('us.csv', text), profileId: 'us-dates' }, { profiles });
    expect(r.rowsLoaded).toBe(2);
    expect(await h.rows('SELECT CAST(service_date AS VARCHAR) s, CAST(post_date AS VARCHAR) p FROM fact_billing_txn ORDER BY 1')).toEqual([
      { s: '2026-01-02', p: '2026-01-03' },
      { s: '2026-03-04', p: '2026-12-11' },
    ]);
  });

  // A spreadsheet saves 1/3/2026 as 1/3/26; %Y reads "26" as the year 26, which loaded silently
  // (a post date before its service date was caught by a rule; a service date was not).
  it('rejects a date or time outside the years 1900 to 2199 with its reason: a two-digit year read with %Y', async () => {
    usDatesProfile('us-dates-2');
    const profiles = h.profiles();
    const rows = Array.from({ length: 40 }, (_, i) => ({ transaction_id: `Y${i}`, service_date: '1/3/2026', post_date: '1/5/2026' }));
    rows[6] = { transaction_id: 'Y6', service_date: '1/3/26', post_date: '1/5/2026' };
    rows[9] = { transaction_id: 'Y9', service_date: '1/3/2026', post_date: '1/5/2226' };
    const r = await h.load({ path: h.file('short-years.csv', csv('billing', rows)), profileId: 'us-dates-2' }, { profiles, rejectThreshold: 0.1 });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 38, rowsRejected: 2 });
    const why = 'is outside the years 1900 to 2199: a two-digit year read as four digits? (the format is %m/%d/%Y; %y reads two digits)';
    expect(r.rejects).toEqual([
      { line: 8, column: 'service_date (service_date)', reason: why },
      { line: 11, column: 'post_date (post_date)', reason: why },
    ]);
    expect(await h.rows("SELECT count(*)::INTEGER AS n, CAST(min(service_date) AS VARCHAR) AS lo, CAST(max(post_date) AS VARCHAR) AS hi FROM fact_billing_txn WHERE transaction_id LIKE 'Y%'")).toEqual([
      { n: 38, lo: '2026-01-03', hi: '2026-01-05' },
    ]);
    // The same bound for a timestamp (an appointment's start, in the canonical ISO format).
    const appt = await h.load({ path: h.file('appt-years.csv', csv('appointments', [{ appointment_id: 'AY1', scheduled_start: '0026-01-10 10:00:00' }, { appointment_id: 'AY2' }])), source: 'appointments' }, { rejectThreshold: 0.6 });
    expect(appt).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 1 });
    expect(appt.rejects[0]).toMatchObject({ line: 2, column: 'scheduled_start (scheduled_start)' });
    expect(appt.rejects[0]!.reason).toMatch(/^is outside the years 1900 to 2199/);
  });

  // 2062 typed for 2026: the file's coverage ran to 2062 and A/R held a month end per month until then.
  it('warns, with the count, about posting dates after the day of the load on the practice clock, and still loads them', async () => {
    // The harness's clock is 2026-11-01 12:00 UTC: 08:00 that day in New York.
    const rows = [
      { transaction_id: 'F1', post_date: '2026-11-01', service_date: '2026-10-30' },
      { transaction_id: 'F2', post_date: '2026-11-02', service_date: '2026-10-30' },
      { transaction_id: 'F3', post_date: '2062-01-05', service_date: '2026-10-30' },
      { transaction_id: 'F4', post_date: '2026-10-31', service_date: '2026-10-30' },
    ];
    const r = await h.load({ path: h.file('future.csv', csv('billing', rows)), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 4, rowsRejected: 0 });
    const future = r.warnings.filter((w) => w.column === 'post_date');
    expect(future).toEqual([{ column: 'post_date', reason: 'is after the day of the load (2026-11-01): a posting date is never in the future; a mistyped year?', rows: 2 }]);
    // The day of the load is the practice's: at 02:00 UTC on 2 November it is still 1 November in
    // New York (EST), so 2026-11-02 is after it there, and not in UTC.
    const at = { clock: () => new Date('2026-11-02T02:00:00Z') };
    const ny = await h.load({ path: h.file('future-ny.csv', csv('billing', [{ transaction_id: 'G1', post_date: '2026-11-02', service_date: '2026-10-30' }])), source: 'billing' }, at);
    expect(ny.warnings.filter((w) => w.column === 'post_date').map((w) => w.rows)).toEqual([1]);
    const utc = await h.load({ path: h.file('future-utc.csv', csv('billing', [{ transaction_id: 'G2', post_date: '2026-11-02', service_date: '2026-10-30' }])), source: 'billing' }, { ...at, timezone: 'UTC' });
    expect(utc.warnings.filter((w) => w.column === 'post_date')).toEqual([]);
  });

  it('keeps leading zeros of identifiers', async () => {
    const r = await h.load({ path: h.file('zeros.csv', csv('billing', [{ transaction_id: '000123', claim_id: '0042', provider_id: '007', procedure_code: '00100' }])), source: 'billing' });
    expect(r.rowsLoaded).toBe(1);
    expect(await h.rows('SELECT transaction_id, claim_id, provider_id, procedure_code FROM fact_billing_txn')).toEqual([
      { transaction_id: '000123', claim_id: '0042', provider_id: '007', procedure_code: '00100' },
    ]);
  });

  it('rejects an empty file and a header-only file, each by name', async () => {
    const empty = await h.load({ path: h.file('empty.csv', ''), source: 'billing' });
    expect(empty).toMatchObject({ status: 'rejected', errorCode: 'EMPTY_FILE' });
    expect(empty.message).toContain('empty.csv');
    const only = await h.load({ path: h.file('header.csv', header('billing') + '\n'), source: 'billing' });
    expect(only).toMatchObject({ status: 'rejected', errorCode: 'NO_DATA_ROWS', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 });
    expect(only.message).toContain('header.csv: the file has a header (line 1) but no data rows');
  });

  it('refuses a file missing a required column, naming it; accepts extra and reordered columns', async () => {
    const cols = header('billing').split(',');
    const noPost = cols.filter((c) => c !== 'post_date');
    const missing = await h.load({ path: h.file('missing.csv', noPost.join(',') + '\n'), source: 'billing' });
    expect(missing).toMatchObject({ status: 'rejected', errorCode: 'MISSING_COLUMNS' });
    expect(missing.message).toMatch(/post_date/);

    const reordered = [...cols].reverse();
    const values = row('billing', { transaction_id: 'R1' }).split(',');
    const body = [['note', ...reordered].join(','), ['hello', ...[...values].reverse()].join(',')].join('\n') + '\n';
    const r = await h.load({ path: h.file('reordered.csv', body), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(await h.rows('SELECT transaction_id, amount_usd::VARCHAR AS a FROM fact_billing_txn')).toEqual([{ transaction_id: 'R1', a: '100.00' }]);
  });

  it('reads a 5 MB single field', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const r = await h.load({ path: h.file('big.csv', csv('billing', [{ transaction_id: 'T1', provider_id: big }, { transaction_id: 'T2' }])), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2 });
    expect(await h.rows("SELECT max(length(provider_id))::INTEGER AS n FROM fact_billing_txn")).toEqual([{ n: 5 * 1024 * 1024 }]);
  });

  it('finds the header below report titles and drops a trailing total row, checking its total', async () => {
    const text = ['Acme Billing - Transaction Report', 'Run 11/01/2026,,', header('billing'), row('billing', { transaction_id: 'T1', amount_usd: '10.00' }), row('billing', { transaction_id: 'T2', amount_usd: '15.50' }), 'Total,,,,,,,,,,,,,25.50,,,'].join('\n') + '\n';
    const r = await h.load({ path: h.file('titled.csv', text), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2, trailerRows: 1, fileTotal: '25.50', loadedTotal: '25.50', trailerTotal: '25.50' });
    expect(await h.rows('SELECT source_line::INTEGER AS l FROM fact_billing_txn ORDER BY 1')).toEqual([{ l: 4 }, { l: 5 }]);
  });

  it('accepts an empty trailing column from a trailing comma', async () => {
    const text = [header('billing') + ',', row('billing', { transaction_id: 'T1' }) + ',', row('billing', { transaction_id: 'T2' }) + ','].join('\r\n') + '\r\n';
    const r = await h.load({ path: h.file('trailing.csv', text), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
  });

  it('rejects the whole file past the reject threshold, with its report', async () => {
    const rows: Record<string, string>[] = Array.from({ length: 19 }, (_, i) => ({ transaction_id: `T${i}` }));
    rows.push({ transaction_id: 'TX', post_date: 'nope' }, { transaction_id: 'TY', post_date: 'nope' });
    const r = await h.load({ path: h.file('bad.csv', csv('billing', rows)), source: 'billing' });
    // 2 of 21 rows = 9.5% > 5%
    expect(r).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS', rowsRead: 21, rowsRejected: 2, rowsLoaded: 0 });
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 0 }]);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_reject WHERE run_id = $r', { r: r.runId })).toEqual([{ n: 2 }]);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_file')).toEqual([{ n: 0 }]);
  });
});

describe('encodings', () => {
  const payersProfile = (id: string, encoding: string) =>
    JSON.stringify({ id, source: 'payers', label: id, dialect: { encoding }, columns: { payer_id: 'payer_id', payer_name: 'payer_name', payer_class: 'payer_class' } });

  it('reads Latin-1 and Windows-1252 files per the profile', async () => {
    h.file('profiles/latin1.json', payersProfile('payers-latin1', 'latin-1'));
    h.file('profiles/cp1252.json', payersProfile('payers-cp1252', 'windows-1252'));
    const profiles = h.profiles();
    const latin = iconv.encode('payer_id,payer_name,payer_class\nPY1,Mutuelle Générale,commercial\n', 'latin1');
    const cp = iconv.encode('payer_id,payer_name,payer_class\nPY2,O’Neil “Care” €,medicaid\n', 'win1252');
    expect(cp.includes(0x92)).toBe(true); // ’ is 0x92 only in Windows-1252
    expect((await h.load({ path: h.file('l1.csv', latin), profileId: 'payers-latin1' }, { profiles })).rowsLoaded).toBe(1);
    expect((await h.load({ path: h.file('cp.csv', cp), profileId: 'payers-cp1252' }, { profiles })).rowsLoaded).toBe(1);
    expect(await h.rows('SELECT payer_id, payer_name FROM dim_payer ORDER BY 1')).toEqual([
      { payer_id: 'PY1', payer_name: 'Mutuelle Générale' },
      { payer_id: 'PY2', payer_name: 'O’Neil “Care” €' },
    ]);
  });

  it('rejects bytes invalid in UTF-8 with a reason, keeping the good rows', async () => {
    const bytes = Buffer.concat([Buffer.from('payer_id,payer_name,payer_class\nPY1,Good,commercial\nPY2,Bad '), Buffer.from([0xff, 0xfe]), Buffer.from(',commercial\nPY3,Fine,medicare\n')]);
    const r = await h.load({ path: h.file('bad-utf8.csv', bytes), source: 'payers' }, lenient);
    expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
    expect(r.rowsLoaded).toBe(2);
    expect(r.rowsRejected).toBe(1);
  });
});
