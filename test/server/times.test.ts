/**
 * Times in one zone, labelled (issue 13): every staff page that shows a time, rendered by the
 * real app with the server process in UTC and the practice in America/Chicago, shows the
 * practice-local time and says which zone, never an ISO timestamp or the server's wall clock.
 *
 * The instants are chosen where UTC and Chicago differ in day, and across the end of daylight
 * time. Expected strings are written by hand from the rule: Central time is UTC-5 (CDT) until
 * 02:00 local on 1 November 2026, then UTC-6 (CST), so
 *   2026-11-02T03:30Z = 1 Nov 2026, 21:30 CST   (UTC says 2 Nov, 03:30)
 *   2026-11-01T06:30Z = 1 Nov 2026, 01:30 CDT   (the first 01:30)
 *   2026-11-01T07:30Z = 1 Nov 2026, 01:30 CST   (the second 01:30)
 *   2026-11-15T15:00Z = 15 Nov 2026, 09:00 CST  (the app's fixed clock)
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvePack } from '../../reports/store.ts';
import { audit } from '../../server/audit/log.ts';
import { DuckDbJobStore } from '../../server/jobs/duckdbStore.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';
import { enrol } from '../auth/mfaFlow.ts';
import { APP_NOW, startAppServer, type AppServer } from '../helpers/appServer.ts';
import { readPdf } from '../reports/pdfText.ts';

const ZONE = 'America/Chicago';
const EVENING = new Date('2026-11-02T03:30:00Z');
const FIRST_0130 = new Date('2026-11-01T06:30:00Z');
const SECOND_0130 = new Date('2026-11-01T07:30:00Z');

let s: AppServer;
let admin: Client;

/** The text a reader sees: the body without styles and scripts, spaces collapsed. */
function visible(page: string): string {
  const { document } = parseHTML(page);
  for (const el of Array.from(document.querySelectorAll('style, script'))) el.remove();
  // Cells and items read apart, as a browser lays them out.
  for (const el of Array.from(document.querySelectorAll('td, th, dt, dd, li, p, caption'))) el.append(' ');
  return (document.body?.textContent ?? document.documentElement.textContent ?? '').replace(/\s+/g, ' ');
}

/** Neither an ISO or warehouse timestamp nor the server's (UTC) wall clock of the instants shown. */
function expectNoServerTime(text: string): void {
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/);
  expect(text).not.toMatch(/\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b/);
  // EVENING on the server's clock: 2 Nov 2026, 03:30; APP_NOW: 15:00.
  expect(text).not.toMatch(/\b03:30\b/);
  expect(text).not.toContain('2 Nov 2026');
  expect(text).not.toMatch(/\b15:00\b/);
  expect(text).not.toMatch(/\bUTC\b|\bGMT\b/);
}

async function page(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return visible(await res.text());
}

beforeAll(async () => {
  s = await startAppServer({ months: 2, passwordParams: TEST_PARAMS, scheduling: true, configure: (c) => ({ ...c, timezone: ZONE }) });
  await s.pool.use(async (c) => {
    // Every load, run and file, at one known instant.
    await c.run(`UPDATE etl_run SET started_at = TIMESTAMP '2026-11-02 03:30:00', ended_at = TIMESTAMP '2026-11-02 03:31:00'`);
    await c.run(`UPDATE etl_file SET loaded_at = TIMESTAMP '2026-11-02 03:30:00'`);
    await c.run(`UPDATE app_user SET created_at = TIMESTAMP '2026-11-02 03:30:00'`);
    await audit(c, { actor: 'system', action: 'report.send', target: 'board-pack', ip: null, details: { recipients_n: 1 }, at: FIRST_0130 });
    await audit(c, { actor: 'system', action: 'report.send', target: 'board-pack', ip: null, details: { recipients_n: 2 }, at: SECOND_0130 });
    await audit(c, { actor: 'system', action: 'report.send', target: 'board-pack', ip: null, details: { recipients_n: 3 }, at: EVENING });
  });
  const jobs = new DuckDbJobStore(s.pool);
  const run = await jobs.startRun({ jobId: 'inbox-scan', trigger: 'manual', scheduledFor: null, startedAt: FIRST_0130 });
  await jobs.finishRun(run, { endedAt: SECOND_0130, status: 'succeeded', attempts: 1, errorCode: null, errorMessage: null });
  // October's pack approved at 21:30 CST on 1 November (2 November in UTC).
  await s.pool.use((c) => approvePack(c, '2026-10', 'Dana Reyes', () => EVENING, { practiceName: 'Riverside', timezone: ZONE }));
  admin = await s.as('admin');
  // The admin turns on multi-factor sign-in at the app's clock.
  await enrol(admin, APP_NOW);
});

afterAll(async () => {
  await s?.close();
});

describe('staff pages show times in the practice zone, labelled', () => {
  it('runs in a UTC process with a practice zone that is not UTC', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    expect(s.ctx.config.timezone).toBe(ZONE);
  });

  it('audit log', async () => {
    const text = await page(admin, '/audit?limit=500');
    expect(text).toContain('Times in America/Chicago');
    expect(text).toContain('1 Nov 2026, 21:30');
    // The hour that happens twice keeps its zone, so the two entries read apart.
    expect(text).toContain('1 Nov 2026, 01:30 CDT');
    expect(text).toContain('1 Nov 2026, 01:30 CST');
    expectNoServerTime(text);
  });

  it('users', async () => {
    const text = await page(admin, '/admin/users');
    expect(text).toContain('Times in America/Chicago');
    expect(text).toContain('1 Nov 2026, 21:30');
    expectNoServerTime(text);
  });

  it('data loads and a run', async () => {
    const text = await page(admin, '/etl');
    expect(text).toContain('Times in America/Chicago');
    // Billing ledger: files, rows, first and last date (calendar dates), last load (a time).
    expect(text).toMatch(/Billing ledger \d+ [\d,]+ 1 Sep 2026 31 Oct 2026 1 Nov 2026, 21:30 /);
    expectNoServerTime(text);
    const listing = await (await admin.get('/etl')).text();
    const id = /href="\/etl\/runs\/(r[^"]+)"/.exec(listing)![1]!;
    const run = await page(admin, `/etl/runs/${id}`);
    expect(run).toContain('Started 1 Nov 2026, 21:30 CST');
    expectNoServerTime(run);
  });

  it('scheduled jobs', async () => {
    const text = await page(admin, '/admin/jobs');
    expect(text).toContain('Times in America/Chicago');
    expect(text).toContain('1 Nov 2026, 01:30 CDT, manual, succeeded');
    expect(text).toContain('1 Nov 2026, 01:30 CST');
    expectNoServerTime(text);
  });

  it('multi-factor sign-in', async () => {
    const text = await page(admin, '/account/mfa');
    expect(text).toContain('Multi-factor sign-in is on for your account since 15 Nov 2026, 09:00 CST.');
    expectNoServerTime(text);
  });

  it('the dashboard freshness line', async () => {
    const text = await page(admin, '/');
    expect(text).toContain('last loaded 1 Nov 2026, 21:30 CST');
    expectNoServerTime(text);
  });

  it('board packs: the list, the pack page, the offline HTML and the board reading view', async () => {
    const list = await page(admin, '/reports');
    expect(list).toContain('Approved by Dana Reyes, 1 Nov 2026, 21:30 CST');
    expectNoServerTime(list);
    const pack = await page(admin, '/reports/2026-10');
    expect(pack).toContain('Approved by Dana Reyes on 1 Nov 2026, 21:30 CST');
    expect(pack).toContain('Prepared 1 Nov 2026, 21:30 CST from');
    expect(pack).toContain('What each source covers. Times in America/Chicago.');
    expectNoServerTime(pack);
    const offline = await page(admin, '/reports/2026-10.html');
    expect(offline).toContain('Approved by Dana Reyes on 1 Nov 2026, 21:30 CST');
    expectNoServerTime(offline);
    const board = await s.as('board');
    const reading = await page(board, '/reports');
    expect(reading).toContain('Approved by Dana Reyes on 1 Nov 2026, 21:30 CST');
    expectNoServerTime(reading);
  });

  it("the approved PDF's stamp", async () => {
    const res = await admin.get('/reports/2026-10.pdf?size=letter');
    expect(res.status).toBe(200);
    const pdf = await readPdf(Buffer.from(await res.arrayBuffer()));
    const cover = pdf.pages[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('Approved by Dana Reyes on 1 Nov 2026, 21:30 CST');
    expect(cover).toContain('Prepared 1 Nov 2026, 21:30 CST');
    const all = pdf.pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Times in America/Chicago');
    expectNoServerTime(all);
  });
});
