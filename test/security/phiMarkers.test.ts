/**
 * PHI never leaks, end to end. Files whose every identifying value is a unique marker
 * (test/helpers/phiFiles.ts) go through the real app: uploads (canonical billing with extra
 * name/DOB/SSN/address/phone/email columns, the Acme vendor export), the inbox (appointments
 * with a bad row and an unparseable record, a file over the reject threshold, a link the
 * warehouse may not read), a load that fails inside its transaction, a corrected re-load, the
 * scheduled jobs (inbox scan with a bad file waiting, board pack and collections summary into
 * the outbox, a summary whose mail server refuses), and HTTP errors (bad filters, unknown
 * routes, a malformed multipart upload, oversized and broken JSON, injection strings). Then no
 * marker may appear in the logs, any response (the admin's quarantine download aside, which
 * holds mapped patient ids only), the board pack, the outbox, or the warehouse (patient ids in
 * etl_quarantine only; the facts hold HMAC keys).
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { patientKey } from '../../etl/phi/patientKey.ts';
import { packHtml, packPdf } from '../../reports/deliver.ts';
import { createScheduling } from '../../server/scheduling.ts';
import { Client, TEST_PARAMS } from '../auth/authApp.ts';
import { APP_NOW, captureLog, startAppServer, type AppServer } from '../helpers/appServer.ts';
import { acmeBilling, canonicalAppointments, canonicalBilling, marker, markersIn, type PracticeIds } from '../helpers/phiFiles.ts';
import { readPdf } from '../reports/pdfText.ts';

const MONTH = '2026-10';
const log = captureLog('debug');
const consoleText: string[] = [];

interface Seen {
  readonly what: string;
  readonly status: number;
  readonly text: string;
}
/** Every response body received, as text (PDF as its extracted text plus its raw bytes). */
const seen: Seen[] = [];
/** The admin-only quarantine downloads, checked apart. */
const quarantine: Seen[] = [];

let s: AppServer;
let admin: Client;
let outside: string;
const runs: Record<string, { status: string; errorCode: string | null; rejected: number }> = {};
const pack: { pdf: string; html: string } = { pdf: '', html: '' };

async function bodyText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/pdf')) return `${(await readPdf(bytes)).pages.join('\n')}\n${bytes.toString('latin1')}`;
  return type.includes('arrow') ? bytes.toString('latin1') : bytes.toString('utf8');
}

async function keep(what: string, res: Response): Promise<Seen> {
  const entry = { what, status: res.status, text: await bodyText(res) };
  (res.status === 200 && /^GET \/etl\/runs\/[^/]+\/rejected\.csv/.test(what) ? quarantine : seen).push(entry);
  return entry;
}

const cookie = (c: Client) => [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
/** A request as the admin, kept; `body` as is (multipart, JSON text). */
async function send(method: string, path: string, body?: FormData | string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(s.base + path, { method, body, headers: { cookie: cookie(admin), 'x-csrf-token': admin.csrf, ...headers }, redirect: 'manual' });
  const copy = res.clone();
  await keep(`${method} ${path}`, res);
  return copy;
}
const get = async (path: string, as: Client = admin) => keep(`GET ${path}`, await as.get(path));

function upload(fields: Record<string, string>, name: string, text: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set('file', new Blob([text], { type: 'text/csv' }), name);
  return f;
}

/** Upload a file as the admin; returns the run id the app answered with. */
async function uploadRun(label: string, fields: Record<string, string>, name: string, text: string): Promise<string> {
  const res = await send('POST', '/upload', upload(fields, name, text));
  expect(res.status, label).toBe(303);
  const where = res.headers.get('location')!;
  await get(where);
  return where.split('/').pop()!;
}

const old = (p: string) => utimesSync(p, new Date('2026-01-01'), new Date('2026-01-01'));
function intoInbox(source: string, name: string, text: string): string {
  const p = join(s.ctx.config.paths.inbox, source, name);
  writeFileSync(p, text);
  old(p);
  return p;
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function practiceIds(): Promise<PracticeIds> {
  return s.ctx.warehouse.use(async (c) => {
    const col = async (sql: string) => (await c.runAndReadAll(sql)).getRows();
    return {
      providers: (await col('SELECT provider_id FROM dim_provider ORDER BY 1')).map((r) => String(r[0])),
      locations: (await col('SELECT location_id FROM dim_location ORDER BY 1')).map((r) => String(r[0])),
      payers: (await col('SELECT payer_id, payer_class FROM dim_payer ORDER BY 1')).map((r) => ({ id: String(r[0]), payerClass: String(r[1]) })),
    };
  });
}

async function recordRuns(): Promise<void> {
  const rows = await s.ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT file_name, status, error_code, rows_rejected::INTEGER FROM etl_run')).getRows());
  for (const [file, status, code, rejected] of rows) runs[String(file)] = { status: String(status), errorCode: (code as string | null) ?? null, rejected: Number(rejected) };
}

/** Load everything, force the errors, run the jobs. */
async function scenario(): Promise<void> {
  const ids = await practiceIds();
  const same = { provider_id: ids.providers[0]!, location_id: ids.locations[0]!, payer_id: ids.payers[0]!.id, payer_class: ids.payers[0]!.payerClass };

  // Uploads: canonical billing with extra columns and three bad rows (two typed, one ragged).
  const billingRun = await uploadRun('canonical billing', { source: 'billing' }, 'october billing.csv',
    canonicalBilling({ ids, first: 1, rows: 80, tag: 'PB', bad: { 9: { post_date: '2026-02-30' }, 19: { amount_usd: 'lots' }, 29: 'ragged' } }));
  // The Acme vendor export through its shipped profile, with a bad date and a ragged row.
  const acme = await send('POST', '/upload', upload({ source: 'billing', profile: 'acme-pm-billing' }, 'acme_export.csv', acmeBilling({ ids, first: 201, rows: 50, tag: 'AC', badDates: [4], ragged: [14] })), { accept: 'application/json' });
  expect(acme.status).toBe(200);
  // Amounts that would overflow the rollups' sums: refused row by row by the plausibility rule
  // (the in-transaction failure path is exercised by the linked file below, which DuckDB refuses).
  await uploadRun('overflow', { source: 'billing' }, 'overflow.csv',
    canonicalBilling({ ids, first: 301, rows: 2, tag: 'OV', amount: () => '9999999999999999.99', bad: { 0: { ...same, post_date: '2026-10-05' }, 1: { ...same, claim_id: 'OVC0', line_n: '2', post_date: '2026-10-05' } } }));
  // An upload refused at the form (unknown source) after the file arrived.
  expect((await send('POST', '/upload', upload({ source: 'nonsense' }, 'wrong-source.csv', canonicalBilling({ ids, first: 351, rows: 3, tag: 'WS' })))).status).toBe(400);

  // The inbox: appointments with a bad status and an unparseable last record, a file over the
  // reject threshold, and a link to a file outside the folders DuckDB may read.
  intoInbox('appointments', 'clinic-appts.csv', canonicalAppointments({ ids, first: 401, rows: 50, tag: 'AP', bad: { 14: { status: 'gone-fishing' } }, unterminatedQuoteLast: true }));
  const tooBad = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i * 2, { service_date: '2026-13-01' }]));
  intoInbox('billing', 'too-many-bad.csv', canonicalBilling({ ids, first: 501, rows: 20, tag: 'TB', bad: tooBad }));
  outside = mkdtempSync(join(tmpdir(), 'pb-outside-'));
  writeFileSync(join(outside, 'export.csv'), canonicalBilling({ ids, first: 601, rows: 5, tag: 'LK' }));
  old(join(outside, 'export.csv'));
  symlinkSync(join(outside, 'export.csv'), join(s.ctx.config.paths.inbox, 'billing', 'linked-export.csv'));
  expect((await send('POST', '/etl/scan', new URLSearchParams({ _csrf: admin.csrf }).toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(303);

  // The correction of the billing upload's typed rejects, from the quarantine download.
  const rejected = await keep(`GET /etl/runs/${billingRun}/rejected.csv`, await admin.get(`/etl/runs/${billingRun}/rejected.csv`));
  const [head, ...records] = rejected.text.split('\r\n');
  const fixed = records.filter((r) => r.includes('2026-02-30') || r.includes('lots')).map((r) => r.replace('2026-02-30', '2026-10-27').replace('lots', '150.00'));
  expect(fixed).toHaveLength(2);
  const corr = await send('POST', `/etl/runs/${billingRun}/correct`, upload({}, 'fixed.csv', [head, ...fixed].join('\n') + '\n'));
  expect(corr.status).toBe(303);

  // Scheduled jobs: the inbox scan while the unreadable link waits there beside a new file, the
  // board pack and the collections summary into the outbox, one started from the jobs page.
  intoInbox('appointments', 'more-appts.csv', canonicalAppointments({ ids, first: 701, rows: 40, tag: 'MA', bad: { 3: { scheduled_start: 'soon' } } }));
  const scheduler = s.scheduling!.scheduler;
  for (const job of ['inbox-scan', 'board-pack', 'collections-summary', 'raw-retention']) expect((await scheduler.runNow(job).done).status).toBe('succeeded');
  expect((await send('POST', '/admin/jobs/board-pack/run', new URLSearchParams({ _csrf: admin.csrf }).toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(303);
  await scheduler.idle();
  // A mail server that refuses: the job fails, and its error is recorded and logged.
  const refusing = { ...s.ctx.config.mail, smtp: { host: '127.0.0.1', port: await closedPort(), security: 'none' as const, timeoutMs: 2_000 } };
  const failing = createScheduling({ ...s.ctx, config: { ...s.ctx.config, mail: refusing } }, s.pool, () => APP_NOW);
  expect((await failing.scheduler.runNow('collections-summary').done).status).toBe('failed');
  failing.mailer.close();

  // The board pack of the month: PDF text and offline HTML, as drafted; then approved.
  await s.pool.use(async (c) => {
    const opts = { month: MONTH, now: APP_NOW, practiceName: s.ctx.config.practiceName };
    pack.pdf = (await readPdf((await packPdf(c, { ...opts, size: 'letter' })).pdf)).pages.join('\n');
    pack.html = (await packHtml(c, opts)).html;
  });
  expect((await send('POST', `/reports/${MONTH}/approve`, new URLSearchParams({ _csrf: admin.csrf, confirm: '1' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(303);

  await httpErrors(ids);
  await crawl();
  const manager = await s.as('manager');
  const board = await s.as('board');
  for (const p of ['/', '/collections?month=2026-10', '/financial?period=quarter&month=2026-10', `/reports/${MONTH}`, `/reports/${MONTH}.pdf`]) await get(p, manager);
  for (const p of ['/', '/reports', `/reports/${MONTH}`, `/reports/${MONTH}.html`, '/api/dashboards/overview/payers.json', '/etl']) await get(p, board);
  await recordRuns();
}

/** Error paths of the HTTP layer, with injection strings and marker-bearing bodies. */
async function httpErrors(ids: PracticeIds): Promise<void> {
  const inject = ["' OR 1=1 --", '"><script>alert(1)</script>', '../../../etc/passwd', '${7*7}', 'x\u0000y', "'; DROP TABLE fact_billing_txn; --"];
  for (const v of inject) {
    const q = encodeURIComponent(v);
    await get(`/financial?provider=${q}&location=${q}`);
    await get(`/collections?asOf=${q}&month=${q}`);
    await get(`/api/dashboards/financial/${q}.json`);
    await get(`/api/dashboards/collections/aging.csv?payerClass=${q}`);
    await get(`/reports/${q}.pdf`);
    await get(`/etl/runs/${q}`);
    await get(`/audit?actor=${q}`);
  }
  for (const p of ['/nope', '/api/nope.json', '/financial?period=decade&from=2026-99-99', '/collections?month=1899-12', '/reports/2026-13', '/reports/2030-01.pdf', '/etl/runs/r20990101-000000-abcdef/rejected.csv', '/admin/jobs/nope']) await get(p);
  // A multipart upload cut off in the middle of a file of patient rows.
  const boundary = 'XBOUNDARYX';
  const cut = `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nbilling\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.csv"\r\nContent-Type: text/csv\r\n\r\npatient_id,patient_name,ssn\r\n${marker('PATIENT', 901)},${marker('NAME', 901)},${marker('SSN', 901)}\r\n`;
  expect((await send('POST', '/upload', cut, { 'content-type': `multipart/form-data; boundary=${boundary}` })).status).toBe(400);
  // Broken and oversized JSON carrying patient values.
  const rows = Array.from({ length: 9000 }, (_, i) => `${marker('PATIENT', i % 1000)},${marker('NAME', i % 1000)},${marker('DOB', i % 1000)}`);
  expect((await send('POST', '/api/profiles/suggest', JSON.stringify({ header: rows }), { 'content-type': 'application/json' })).status).toBe(413);
  expect((await send('POST', '/api/profiles/suggest', `{"header": ["${marker('NAME', 902)}", "${marker('SSN', 902)}",`, { 'content-type': 'application/json' })).status).toBe(400);
  expect((await send('POST', '/api/profiles/suggest', JSON.stringify({ header: [] , rows: [marker('ADDRESS', 903)] }), { 'content-type': 'application/json' })).status).toBe(400);
  // A correction uploaded to a run that does not exist.
  expect((await send('POST', '/etl/runs/r20990101-000000-abcdef/correct', upload({}, 'orphan.csv', canonicalBilling({ ids, first: 951, rows: 2, tag: 'NR' })))).status).toBe(404);
  // A state change without the CSRF token.
  expect((await keep('POST /etl/scan without a token', await fetch(`${s.base}/etl/scan`, { method: 'POST', headers: { cookie: cookie(admin) }, redirect: 'manual' }))).status).toBe(403);
}

/** Every page and download the admin can reach by following links, a few per address. */
async function crawl(): Promise<void> {
  const start = ['/', '/financial', '/collections', '/staffing', '/metrics', '/api/metrics', '/reports', '/etl', '/upload', '/api/profiles', '/admin/jobs', '/admin/users', '/audit', '/audit/export.csv', '/audit/head.json', '/account/password'];
  const queue = [...start];
  const done = new Set<string>();
  const perPath = new Map<string, number>();
  while (queue.length > 0 && done.size < 220) {
    const url = queue.shift()!;
    if (done.has(url)) continue;
    done.add(url);
    const page = await get(url);
    for (const m of page.text.matchAll(/(?:href|src)="(\/[^"#]*)"/g)) {
      const next = m[1]!.replaceAll('&amp;', '&');
      const path = next.split('?')[0]!;
      if (next.startsWith('//') || path === '/signout' || done.has(next) || queue.includes(next)) continue;
      // Markers are in the month's data: other months' packs add only time. One filter
      // variant per data download runs the same code as any other.
      if (/^\/reports\/\d{4}-\d{2}/.test(path) && !path.startsWith(`/reports/${MONTH}`)) continue;
      if ((perPath.get(path) ?? 0) >= (path.startsWith('/api/dashboards/') ? 1 : 3)) continue;
      perPath.set(path, (perPath.get(path) ?? 0) + 1);
      queue.push(next);
    }
  }
}

/** Every base table of the warehouse: rows (as text) that mention a marker. */
async function markedRows(): Promise<Record<string, string[]>> {
  return s.ctx.warehouse.use(async (c) => {
    const tables = (await c.runAndReadAll("SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")).getRows();
    expect(tables.length).toBeGreaterThan(20);
    const out: Record<string, string[]> = {};
    for (const [schema, table] of tables) {
      // Identifiers from the catalog itself, quoted; the row cast to text covers every column.
      const name = `"${String(schema).replaceAll('"', '""')}"."${String(table).replaceAll('"', '""')}"`;
      const rows = (await c.runAndReadAll(`SELECT CAST(t AS VARCHAR) FROM ${name} t WHERE CAST(t AS VARCHAR) ILIKE '%phimarker%'`)).getRows();
      out[String(table)] = rows.map((r) => String(r[0]));
    }
    return out;
  });
}

/** Every file under `dir`, recursively (links not followed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

beforeAll(async () => {
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleText.push(args.map(String).join(' '));
    });
  }
  s = await startAppServer({
    logger: log.logger,
    // The run's loaded demo, copied: the markers are only in the scenario's own files, so the
    // demo's load could not log one; everything from opening the warehouse on is captured.
    cachedDemo: true,
    passwordParams: TEST_PARAMS,
    scheduling: true,
    configure: (c) => ({
      ...c,
      jobs: {
        ...c.jobs,
        boardPack: { ...c.jobs.boardPack, recipients: ['board@example.test'] },
        collectionsSummary: { ...c.jobs.collectionsSummary, recipients: ['billing@example.test'] },
        retry: { attempts: 1, delaysMs: [0] },
      },
    }),
  });
  admin = await s.as('admin');
  await scenario();
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await s?.close();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

describe('the marker files went where the scenario says', () => {
  it('loaded, rejected and failed the files as planned, with rejects and an unparseable record', () => {
    expect(runs['billing/october_billing.csv']).toEqual({ status: 'loaded', errorCode: null, rejected: 3 });
    expect(runs['billing/acme_export.csv']).toEqual({ status: 'loaded', errorCode: null, rejected: 2 });
    expect(runs['billing/overflow.csv']).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS' });
    expect(runs['appointments/clinic-appts.csv']).toEqual({ status: 'loaded', errorCode: null, rejected: 2 });
    expect(runs['billing/too-many-bad.csv']).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS' });
    expect(runs['billing/linked-export.csv']).toMatchObject({ status: 'failed', errorCode: 'LOAD_FAILED' });
    expect(runs['billing/fixed.csv']).toEqual({ status: 'loaded', errorCode: null, rejected: 0 });
    expect(runs['appointments/more-appts.csv']).toEqual({ status: 'loaded', errorCode: null, rejected: 1 });
    // Errors were logged, and a good share of responses were errors.
    expect(log.text()).toMatch(/"level":50/);
    expect(seen.filter((r) => r.status >= 400).length).toBeGreaterThan(40);
    expect(seen.length).toBeGreaterThan(120);
  });

  it('received every kind of response the check is about', () => {
    const got = (re: RegExp) => seen.some((r) => re.test(r.what));
    for (const re of [/^GET \/api\/dashboards\/\w+\/[\w-]+\.csv/, /\.arrow(\?|$)/, /^GET \/api\/dashboards\/.*\.json/, /^GET \/reports\/2026-10\.pdf/, /^GET \/reports\/2026-10\.html/, /^GET \/etl\/runs\/r\d/, /^GET \/admin\/jobs$/, /^GET \/audit/]) {
      expect(got(re), String(re)).toBe(true);
    }
    const statuses = new Set(seen.map((r) => r.status));
    for (const status of [200, 303, 400, 403, 404, 413]) expect(statuses.has(status), String(status)).toBe(true);
    // The run pages show the failed loads' messages, and the jobs page the failed job.
    expect(seen.some((r) => r.text.includes('is implausibly large (100,000,000 or more)'))).toBe(true);
    expect(seen.some((r) => r.text.includes('LOAD_FAILED'))).toBe(true);
    expect(seen.some((r) => r.what === 'GET /admin/jobs' && /collections-summary.*failed/s.test(r.text))).toBe(true);
  });
});

describe('PHI never leaks', () => {
  it('no marker in any log line or console output', () => {
    expect(log.text().length).toBeGreaterThan(1000);
    expect(markersIn(log.text())).toEqual([]);
    expect(markersIn(consoleText.join('\n'))).toEqual([]);
  });

  it('no marker in any HTTP response body: pages, downloads, error pages', () => {
    const leaks = seen.flatMap((r) => markersIn(r.text).map((m) => `${r.what} (${r.status}): ${m}`));
    expect(leaks).toEqual([]);
  });

  it('the admin quarantine download holds patient ids only as keyed hashes, no name, DOB, SSN, address, phone or email', () => {
    expect(quarantine.length).toBeGreaterThan(2);
    // Issue 11, item 6: a rejected row's patient id is kept as `pk:` and its HMAC, never raw.
    expect(quarantine.some((q) => q.text.includes(marker('PATIENT', 10)))).toBe(false);
    expect(quarantine.some((q) => /pk:[0-9a-f]{64}/.test(q.text))).toBe(true);
    const leaks = quarantine.flatMap((r) => markersIn(r.text, { allowPatient: true }).map((m) => `${r.what}: ${m}`));
    expect(leaks, 'records the CSV reader could not split (ragged, unterminated quote) are served whole').toEqual([]);
  });

  it('no marker in the board pack of the month (PDF text and offline HTML)', () => {
    expect(pack.pdf).toContain('Confidential');
    expect(pack.html).toContain('</html>');
    expect(markersIn(pack.pdf)).toEqual([]);
    expect(markersIn(pack.html)).toEqual([]);
  });

  it('no marker in any email of the outbox, decoded, nor in its attached PDF', async () => {
    const files = readdirSync(s.ctx.config.paths.outbox).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const raw = readFileSync(join(s.ctx.config.paths.outbox, f));
      const mail = await simpleParser(raw);
      const parts = [raw.toString('utf8'), mail.subject ?? '', mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''];
      for (const a of mail.attachments) parts.push(a.contentType === 'application/pdf' ? (await readPdf(a.content)).pages.join('\n') : a.content.toString('latin1'));
      expect(markersIn(parts.join('\n')), f).toEqual([]);
    }
  });

  it('no marker in any warehouse table, etl_quarantine included (patient ids there are hashed)', async () => {
    const rows = await markedRows();
    const { etl_quarantine: held = [], ...rest } = rows;
    expect(Object.entries(rest).filter(([, r]) => r.length > 0)).toEqual([]);
    expect(held).toEqual([]);
    expect(held.flatMap((r) => markersIn(r, { allowPatient: true })), 'etl_quarantine keeps unsplittable records whole (etl/load/runRecord.ts insertCsvRejects)').toEqual([]);
  });

  it('stores patient ids only as HMAC keys in the facts', async () => {
    const key = s.ctx.etl.deps.hmacKey;
    const keys = await s.ctx.warehouse.use(async (c) => ({
      billing: (await c.runAndReadAll("SELECT patient_key FROM fact_billing_txn WHERE transaction_id IN ('PBT0', 'ACX0')")).getRows().map((r) => String(r[0])),
      appointments: (await c.runAndReadAll("SELECT patient_key FROM fact_appointment WHERE appointment_id = 'APA0'")).getRows().map((r) => String(r[0])),
    }));
    expect(keys.billing.sort()).toEqual([patientKey(key, marker('PATIENT', 1)), patientKey(key, marker('PATIENT', 201))].sort());
    expect(keys.appointments).toEqual([patientKey(key, marker('PATIENT', 401))]);
  });

  it('keeps no marker in the warehouse files on disk beyond what etl_quarantine holds', async () => {
    await s.ctx.warehouse.use((c) => c.run('CHECKPOINT'));
    const held = new Set((await markedRows()).etl_quarantine!.flatMap((r) => [...r.matchAll(/PHIMARKER[A-Z]+\d{4}/g)].map((m) => m[0])));
    const files = filesUnder(s.ctx.config.paths.data).filter((f) => /\.duckdb(\.wal)?$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const onDisk = new Set(files.flatMap((f) => [...readFileSync(f, 'latin1').matchAll(/PHIMARKER[A-Z]+\d{4}/g)].map((m) => m[0])));
    expect([...onDisk].filter((m) => !held.has(m))).toEqual([]);
    // No loaded row's patient id in plain text; the implausible-amount file's rows are in the
    // quarantine (mapped patient id only), never their names.
    for (const m of [marker('PATIENT', 1), marker('PATIENT', 201), marker('PATIENT', 401), marker('NAME', 301)]) expect(onDisk.has(m), m).toBe(false);
  });

  it('leaves no marker-bearing file in the scratch folder, and none in a rejected file’s report', () => {
    const scratch = filesUnder(s.ctx.config.paths.tmp);
    expect(scratch.filter((f) => markersIn(readFileSync(f, 'latin1')).length > 0), 'raw uploads left in data/tmp').toEqual([]);
    const reports = filesUnder(s.ctx.config.paths.rejected).filter((f) => f.endsWith('.report.json'));
    expect(reports.length).toBeGreaterThan(0);
    for (const f of reports) expect(markersIn(readFileSync(f, 'utf8')), f).toEqual([]);
    // Loaded files are not kept (etl.keepRawFiles 'rejected', issue 11 item 4): the archive
    // holds SHA-256 receipts, with no marker, and everything under data/ is owner-only.
    const archived = filesUnder(s.ctx.config.paths.archive);
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.filter((f) => !f.endsWith('.sha256'))).toEqual([]);
    for (const f of archived) expect(markersIn(readFileSync(f, 'latin1')), f).toEqual([]);
    const open = filesUnder(s.ctx.config.paths.data).filter((f) => !lstatSync(f).isSymbolicLink() && (lstatSync(f).mode & 0o077) !== 0 && !f.startsWith(s.ctx.config.paths.inbox));
    expect(open, 'files under data/ readable by others').toEqual([]);
    // The unreadable link is still in the inbox for the next scan, and still only a link.
    expect(lstatSync(join(s.ctx.config.paths.inbox, 'billing', 'linked-export.csv')).isSymbolicLink()).toBe(true);
  });
});
