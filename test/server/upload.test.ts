/**
 * Upload in the browser's HTTP terms: the page and its assets, a file loaded through the inbox
 * pipeline, the size limit, profile suggestion and saving, and the rejected-row review with a
 * corrected re-load that the history shows beside the original run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_BILLING_HEADER } from '../../demo/vendor-billing.ts';
import { header, row } from '../helpers/rows.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer(3, { uploadMegabytes: 0.05 });
}, 120_000);
afterAll(() => s.close());

function form(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  return f;
}

const billing = (rows: Record<string, string>[]) => [header('billing'), ...rows.map((r) => row('billing', r))].join('\n') + '\n';

describe('upload page', () => {
  it('serves the page, papaparse and its script', async () => {
    const page = await (await s.get('/upload')).text();
    // The CSRF token rides in the action: a multipart body is read only by the upload route.
    expect(page).toMatch(/<form id="upload-form" method="post" action="\/upload\?_csrf=[^"]+" enctype="multipart\/form-data"><input type="hidden" name="_csrf"/);
    expect(page).toContain('<option value="canonical-billing">');
    expect((await s.get('/assets/papaparse.min.js')).headers.get('content-type')).toContain('javascript');
    expect(await (await s.get('/assets/upload.js')).text()).toContain('/api/profiles/suggest');
  });

  it('loads an uploaded file through the inbox pipeline and shows the result', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ transaction_id: `UP${i}`, amount_usd: '10.00' }));
    const res = await s.post('/upload', form({ source: 'billing' }, { name: 'my export (1).csv', text: billing(rows) }));
    expect(res.status).toBe(303);
    const where = res.headers.get('location')!;
    expect(where).toMatch(/^\/etl\/runs\/r\d{8}-\d{6}-[0-9a-f]{6}$/);
    const page = await (await s.get(where)).text();
    expect(page).toContain('<dt>Rows loaded</dt><dd>30</dd>');
    expect(page).toContain('<dt>Total loaded</dt><dd>300.00</dd>');
    expect(page).toContain('billing/my_export_1_.csv');
  });

  it('answers JSON to the page script', async () => {
    const res = await s.post('/upload', form({ source: 'billing' }, { name: 'j.csv', text: billing([{ transaction_id: 'J1' }]) }), { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'loaded', rowsRead: 1, rowsLoaded: 1, rowsRejected: 0, loadedTotal: '100.00' });
  });

  it('says why no profile reads a semicolon export, as the load and profile check do (test/etl/noMatchingProfile.test.ts)', async () => {
    const text = [header('billing'), row('billing', { transaction_id: 'S1', amount_usd: '12.34' })].map((l) => l.replaceAll(',', ';').replace(';12.34;', ';12,34;')).join('\n') + '\n';
    const res = await s.post('/upload', form({ source: 'billing' }, { name: 'semi.csv', text }), { accept: 'application/json' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; message: string };
    expect(body.status).toBe('rejected');
    expect(body.message).toContain(
      'was found in the first lines. Line 1 is the header of profile canonical-billing when split at semicolons: the file seems to use ";" between fields, where canonical-billing expects ",".',
    );
    expect(body.message).toContain('"formats": { "number": { "decimal": ",", "thousands": "" } } (the next record, line 2, writes amount_usd with a decimal comma;');
  });

  it('refuses a file over the size limit with a clear message, and a bad form', async () => {
    const big = billing(Array.from({ length: 1200 }, (_, i) => ({ transaction_id: `B${i}` })));
    const res = await s.post('/upload', form({ source: 'billing' }, { name: 'big.csv', text: big }));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than the upload limit of 0.05 MB');
    const asJson = await s.post('/upload', form({ source: 'billing' }, { name: 'big.csv', text: big }), { accept: 'application/json' });
    expect(asJson.status).toBe(413);
    expect(asJson.headers.get('content-type')).toContain('application/json');
    expect(((await asJson.json()) as { error: string }).error).toContain('larger than the upload limit of 0.05 MB');
    expect(readdirSync(join(s.ctx.config.paths.tmp, 'uploads'))).toEqual([]);
    const bad = await s.post('/upload', form({ source: 'nonsense' }, { name: 'x.csv', text: billing([{}]) }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('source must be one of');
  });
});

describe('profiles from the browser', () => {
  it('suggests the profile that fits a header, and says what the closest one lacks', async () => {
    type Suggest = { suggestions: { id: string; fits: boolean; missing: string[] }[] };
    const fits = (await (await s.post('/api/profiles/suggest', JSON.stringify({ source: 'billing', header: header('billing').split(',') }), { 'content-type': 'application/json' })).json()) as Suggest;
    expect(fits.suggestions[0]).toMatchObject({ id: 'canonical-billing', fits: true, missing: [] });
    const odd = (await (await s.post('/api/profiles/suggest', JSON.stringify({ source: 'payers', header: ['Carrier', 'Carrier Name', 'Kind'] }), { 'content-type': 'application/json' })).json()) as Suggest;
    expect(odd.suggestions[0].fits).toBe(false);
    expect(odd.suggestions[0].missing).toContain('payer_id');
  });

  it('saves a mapped layout as a new profile that the next upload uses', async () => {
    const profile = { id: 'acme-carriers', source: 'payers', label: 'Acme carriers', columns: { payer_id: 'Carrier', payer_name: 'Carrier Name', payer_class: 'Kind' } };
    const res = await s.post('/api/profiles', JSON.stringify(profile), { 'content-type': 'application/json' });
    expect(res.status).toBe(201);
    expect(existsSync(join(s.ctx.config.paths.profiles, 'acme-carriers.json'))).toBe(true);
    expect((await s.post('/api/profiles', JSON.stringify(profile), { 'content-type': 'application/json' })).status).toBe(409);
    const invalid = await s.post('/api/profiles', JSON.stringify({ ...profile, id: 'x2', columns: { payer_id: 'Carrier' } }), { 'content-type': 'application/json' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toContain('required by source payers');
    const load = await s.post('/upload', form({ source: 'payers' }, { name: 'carriers.csv', text: 'Carrier,Carrier Name,Kind\nC1,Carrier One,commercial\n' }), { accept: 'application/json' });
    expect(await load.json()).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
  });

  it('refuses to save a profile whose trailer pattern DuckDB (RE2) cannot run', async () => {
    const profile = { id: 'lookahead-carriers', source: 'payers', label: 'x', dialect: { trailer: { maxRows: 1, pattern: '^total(?=:)' } }, columns: { payer_id: 'Carrier', payer_name: 'Carrier Name', payer_class: 'Kind' } };
    const res = await s.post('/api/profiles', JSON.stringify(profile), { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain("dialect.trailer.pattern: not a regular expression that DuckDB's engine (RE2) accepts");
    expect(existsSync(join(s.ctx.config.paths.profiles, 'lookahead-carriers.json'))).toBe(false);
  });
});

describe('profiles from the browser: the delimiter and the decimal comma', () => {
  type Suggestion = { id: string; fits: boolean; missing: string[]; delimiter?: { file: string; profile: string }; columns: Record<string, string> };
  const suggest = async (body: object) => s.post('/api/profiles/suggest', JSON.stringify(body), { 'content-type': 'application/json' });
  const cells = header('billing').split(',');

  it('does not call a profile fitting when the file splits at another delimiter, and names both', async () => {
    const semi = (await (await suggest({ source: 'billing', header: cells, delimiter: ';' })).json()) as { suggestions: Suggestion[] };
    const canonical = semi.suggestions.find((x) => x.id === 'canonical-billing')!;
    expect(canonical).toMatchObject({ fits: false, missing: [], delimiter: { file: ';', profile: ',' } });
    // The columns it would read, for the page's mapping form: the file's own header cells.
    expect(canonical.columns.amount_usd).toBe('amount_usd');
    expect(semi.suggestions.some((x) => x.fits)).toBe(false);
    const comma = (await (await suggest({ source: 'billing', header: cells, delimiter: ',' })).json()) as { suggestions: Suggestion[] };
    expect(comma.suggestions[0]).toMatchObject({ id: 'canonical-billing', fits: true, missing: [] });
    expect(comma.suggestions[0]!.delimiter).toBeUndefined();
  });

  it('refuses a delimiter other than comma, semicolon, tab or pipe with a 400 that says which', async () => {
    const res = await suggest({ source: 'billing', header: cells, delimiter: ':' });
    expect(res.status).toBe(400);
    const out = (await res.json()) as { error: string; details: string[] };
    expect(out.error).toContain('Send { source?, header: [column names], delimiter? }');
    expect(out.details.join(' ')).toContain('delimiter: delimiter must be one of "," ";" "\\t" (tab) "|"');
  });

  it('saves the delimiter and, from the amount cells sent, the decimal comma; the file then loads with exact amounts', async () => {
    const columns = Object.fromEntries(cells.map((c) => [c, c]));
    const save = async (id: string, amountSample: Record<string, string[]>) =>
      s.post('/api/profiles', JSON.stringify({ id, label: id, source: 'billing', dialect: { delimiter: ';', skipRows: 'auto' }, formats: { date: ['%Y-%m-%d'] }, columns, amountSample }), { 'content-type': 'application/json' });
    const saved = (id: string) => JSON.parse(readFileSync(join(s.ctx.config.paths.profiles, `${id}.json`), 'utf8')) as { dialect: object; formats: { number?: object }; amountSample?: unknown };

    expect((await save('semi-dots', { amount_usd: ['1.234,56', '0,99', '-12,30'] })).status).toBe(201);
    const dots = saved('semi-dots');
    expect(dots.dialect).toEqual({ delimiter: ';', skipRows: 'auto' });
    expect(dots.formats.number).toEqual({ decimal: ',', thousands: '.' });
    expect(dots.amountSample).toBeUndefined();
    expect(readFileSync(join(s.ctx.config.paths.profiles, 'semi-dots.json'), 'utf8')).not.toContain('0,99');

    expect((await save('semi-plain', { amount_usd: ['176,16'] })).status).toBe(201);
    expect(saved('semi-plain').formats.number).toEqual({ decimal: ',', thousands: '' });
    // One amount with a decimal point: not a decimal-comma file (the load's hint says nothing either).
    expect((await save('semi-points', { amount_usd: ['176,16', '12.50'] })).status).toBe(201);
    expect(saved('semi-points').formats.number).toBeUndefined();
    // A cell of a field that is not an amount is not read.
    expect((await save('semi-ids', { transaction_id: ['12,34'] })).status).toBe(201);
    expect(saved('semi-ids').formats.number).toBeUndefined();
    const bad = await save('semi-bad', { amount_usd: ['1', '2', '3', '4', '5', '6'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('amountSample');

    const line = (id: string, amount: string) => row('billing', { transaction_id: id, amount_usd: 'AMT' }).replaceAll(',', ';').replace('AMT', amount);
    const text = [cells.join(';'), line('DC1', '1.234,56'), line('DC2', '0,99'), line('DC3', '-12,30')].join('\n') + '\n';
    const load = await s.post('/upload', form({ source: 'billing', profile: 'semi-dots' }, { name: 'semi-dots.csv', text }), { accept: 'application/json' });
    // 123456 + 99 - 1230 = 122325 cents, by hand.
    expect(await load.json()).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, loadedTotal: '1223.25' });
  });
  it('saves a profile filled from a vendor profile as a copy of it: value maps, never-stored columns, trailer rule and currency kept', async () => {
    // The Acme export (demo/vendor-billing.ts's header), written the European way: ";" between
    // fields, "$1.234,56" amounts, vendor codes for the type and class, a Total row at the end.
    const acme = [...ACME_BILLING_HEADER];
    const cell = (values: Record<string, string>) => acme.map((h) => values[h] ?? '');
    const common = { 'Claim No': 'ACK1', Line: '1', 'Pt Acct': 'ACP1', 'Patient Name': 'Doe, Jane', DOB: '01/02/1960', SSN: '000-00-0000', 'Rendering Prov': 'PRV001', Facility: 'DTN', 'Ins Plan': 'BSH', 'Fin Class': 'COM', CPT: '99214', Units: '1', DOS: '10/05/2026', Posted: '10/06/2026' };
    const rows = [
      cell({ ...common, 'Txn #': 'AC1', Type: 'CHG', Amount: '$1.234,56' }),
      cell({ ...common, 'Txn #': 'AC2', Type: 'PMT', Amount: '$120,00', 'Pay Src': 'INS' }),
      cell({ ...common, 'Txn #': 'AC3', Type: 'ADJ', Amount: '$45,00', Grp: 'CO', Reason: '45' }),
    ];
    const total = cell({ 'Txn #': 'Total', Amount: '$1.399,56' });
    const text = ['Acme Practice Manager - Transaction Detail Report', acme.join(';'), ...[...rows, total].map((r) => r.join(';'))].join('\r\n') + '\r\n';

    const found = (await (await suggest({ source: 'billing', header: acme, delimiter: ';' })).json()) as { suggestions: Suggestion[] };
    const vendor = found.suggestions.find((x) => x.id === 'acme-pm-billing')!;
    expect(vendor).toMatchObject({ fits: false, missing: [], delimiter: { file: ';', profile: ',' } });
    const body = { id: 'acme-semicolon', label: 'Acme, semicolons', source: 'billing', dialect: { delimiter: ';', skipRows: 'auto' }, formats: { date: ['%m/%d/%Y'] }, columns: vendor.columns, amountSample: { amount_usd: ['$1.234,56', '$120,00', '$45,00'] }, base: 'acme-pm-billing' };
    expect((await s.post('/api/profiles', JSON.stringify(body), { 'content-type': 'application/json' })).status).toBe(201);
    const saved = JSON.parse(readFileSync(join(s.ctx.config.paths.profiles, 'acme-semicolon.json'), 'utf8')) as {
      dialect: object;
      formats: { number?: object };
      valueMaps: Record<string, Record<string, string>>;
      neverStore: string[];
      columns: Record<string, unknown>;
      description?: string;
    };
    expect(saved.dialect).toMatchObject({ delimiter: ';', trailer: { maxRows: 3 } });
    expect(saved.formats.number).toEqual({ currencySymbol: '$', thousands: '.', decimal: ',', parenNegative: true });
    expect(saved.valueMaps.txn_type).toMatchObject({ CHG: 'charge', PMT: 'payment', ADJ: 'adjustment' });
    expect(saved.neverStore).toEqual(expect.arrayContaining(['Patient Name', 'DOB', 'SSN', 'Memo']));
    expect(saved.columns.transaction_id).toBe('Txn #');
    expect(saved.description).toBeUndefined();
    expect(JSON.stringify(saved)).not.toContain('1.234,56');

    const load = await s.post('/upload', form({ source: 'billing', profile: 'acme-semicolon' }, { name: 'acme-semicolon.csv', text }), { accept: 'application/json' });
    // 123456 + 12000 + 4500 = 139956 cents, by hand; the Total row is the trailer, not a record.
    expect(await load.json()).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsRejected: 0, loadedTotal: '1399.56' });
    const types = await s.ctx.warehouse.use(async (c) => (await c.runAndReadAll("SELECT transaction_id, txn_type, amount_usd::VARCHAR FROM fact_billing_txn WHERE transaction_id LIKE 'AC_' ORDER BY 1")).getRows());
    expect(types).toEqual([
      ['AC1', 'charge', '1234.56'],
      ['AC2', 'payment', '120.00'],
      ['AC3', 'adjustment', '45.00'],
    ]);

    // A base that is not a profile, or one of another source, is refused with what is wrong.
    const wrong = await s.post('/api/profiles', JSON.stringify({ ...body, id: 'acme-x', base: 'nope' }), { 'content-type': 'application/json' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('base: no profile has the id nope.');
    const other = await s.post('/api/profiles', JSON.stringify({ ...body, id: 'acme-y', base: 'canonical-payroll' }), { 'content-type': 'application/json' });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('base: canonical-payroll is a profile of source payroll, not billing.');
  });
});

describe('rejected rows', () => {
  it('lists a run’s rejects, downloads them in the file’s layout, and loads the correction as a linked run', async () => {
    const rows: Record<string, string>[] = Array.from({ length: 40 }, (_, i) => ({ transaction_id: `R${i}`, amount_usd: '5.00' }));
    rows[7] = { transaction_id: 'R7', amount_usd: '5.00', post_date: '2026-02-30' };
    const first = (await (await s.post('/upload', form({ source: 'billing' }, { name: 'with-bad.csv', text: billing(rows) }), { accept: 'application/json' })).json()) as { runId: string; rowsRejected: number; rowsLoaded: number };
    expect(first).toMatchObject({ rowsLoaded: 39, rowsRejected: 1 });
    const page = await (await s.get(`/etl/runs/${first.runId}`)).text();
    expect(page).toMatch(/<td class="num">9<\/td><td>post_date \(post_date\)<\/td><td>not a date in the format %Y-%m-%d<\/td>/);
    const csv = await (await s.get(`/etl/runs/${first.runId}/rejected.csv`)).text();
    const [head, bad] = csv.split('\r\n');
    expect(head).toBe(header('billing'));
    expect(bad).toContain('2026-02-30');
    const fixed = `${head}\n${bad!.replace('2026-02-30', '2026-02-28')}\n`;
    const res = await s.post(`/etl/runs/${first.runId}/correct`, form({}, { name: 'fixed.csv', text: fixed }));
    expect(res.status).toBe(303);
    const second = res.headers.get('location')!.split('/').pop()!;
    const secondPage = await (await s.get(`/etl/runs/${second}`)).text();
    expect(secondPage).toContain('<dt>Rows loaded</dt><dd>1</dd>');
    expect(secondPage).toContain(`This load corrects <a href="/etl/runs/${first.runId}">`);
    expect(await (await s.get(`/etl/runs/${first.runId}`)).text()).toContain(`Corrected by <a href="/etl/runs/${second}">`);
    const status = await (await s.get('/etl')).text();
    expect(status).toContain(first.runId);
    expect(status).toContain(second);
  });

  it('shows a run’s warnings with their row counts', async () => {
    const text = [header('appointments'), row('appointments', { appointment_id: 'W1', booked_at: '2026-01-10 10:30:00' }), row('appointments', { appointment_id: 'W2' })].join('\n') + '\n';
    const r = (await (await s.post('/upload', form({ source: 'appointments' }, { name: 'walk-in.csv', text }), { accept: 'application/json' })).json()) as { runId: string; rowsLoaded: number };
    expect(r.rowsLoaded).toBe(2);
    const page = await (await s.get(`/etl/runs/${r.runId}`)).text();
    expect(page).toMatch(/<h2>Warnings \(\d\)<\/h2>/);
    expect(page).toContain('<td>booked_at</td><td>is after the scheduled start</td><td class="num">1</td>');
  });

  it('scans the inbox on request and 404s an unknown run', async () => {
    expect((await s.post('/etl/scan', new FormData())).status).toBe(303);
    expect((await s.get('/etl/runs/r20990101-000000-abcdef')).status).toBe(404);
    expect((await s.get('/etl/runs/..%2F..%2Fetc')).status).toBe(404);
  });
});
