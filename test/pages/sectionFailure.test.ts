/**
 * A section whose query throws does not take its page down. The A/R roll-forward is the only
 * reader of rollup_ar_flow_month: replacing that table with a view that fails at run time
 * (DuckDB aborts the page's read transaction on such an error) must leave every other section
 * and tile of Collections intact, show the roll-forward as a "could not be computed" notice on
 * the web page, the pack's HTML and PDF and in the email built from the page, log the error's
 * class and message without the row it came from, and answer the section's data API with a
 * clear JSON error carrying a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionIds } from '../../dashboards/pages/index.ts';
import { SECTION_FAILED } from '../../dashboards/pages/model.ts';
import { reportFromPage } from '../../server/mail/fromPage.ts';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { buildPage, type PageContext } from '../../dashboards/pages/index.ts';
import { monthFilters } from '../../reports/build.ts';
import { captureLog, startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';
import { readPdf } from '../reports/pdfText.ts';

// A value that stands for a row's content: it must never reach a log, a page or a response.
const ROW_VALUE = 'PATIENT-77310 Lee, Ana';

let server: AppServer;
let admin: Client;
const log = captureLog('debug');

beforeAll(async () => {
  // The log checked is what the failing section writes: the demo's load need not be in it; nor
  // is sign-in what it tests (cheap password hashing).
  server = await startAppServer({ months: 3, logger: log.logger, cachedDemo: true, passwordParams: TEST_PARAMS });
  admin = await server.as('admin');
  await server.pool.use(async (c) => {
    await c.run('CREATE TABLE kept_ar_flow AS SELECT * FROM rollup_ar_flow_month');
    await c.run('DROP TABLE rollup_ar_flow_month');
    // Fails when a row is read (a run-time error, not a missing table): DuckDB then aborts the transaction.
    await c.run(`CREATE VIEW rollup_ar_flow_month AS SELECT month_start, location_id, provider_id, payer_class, charges_usd, payments_usd, adjustments_usd,
      CASE WHEN refunds_usd IS NULL OR refunds_usd IS NOT NULL THEN error('${ROW_VALUE}: ' || refunds_usd::VARCHAR) END::DECIMAL(18,2) AS refunds_usd FROM kept_ar_flow`);
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('a section whose query fails', () => {
  it('is a notice on the web page; every other section and tile is drawn', async () => {
    const res = await admin.get('/collections?period=month&month=2026-10');
    expect(res.status).toBe(200);
    const page = await res.text();
    const rf = /<section id="ar-roll-forward"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(rf).toContain('A/R roll-forward and credit balances by month');
    expect(rf).toContain('This section could not be computed');
    expect(rf).not.toContain('<table');
    // Every other section of the page (remittances are absent from the demo) has its table.
    for (const id of sectionIds('collections').filter((s) => s !== 'ar-roll-forward' && !s.startsWith('era-'))) {
      const s = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
      expect(s, id).toContain('<table');
      expect(s, id).not.toContain('could not be computed');
    }
    expect(page).toContain('Days in A/R');
    expect(page.match(/<article class="tile/g)?.length ?? 0).toBe(9);
    expect(page).not.toContain(ROW_VALUE);
    const line = log
      .text()
      .split('\n')
      .find((l) => l.includes('section could not be computed'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!) as { sections: string[]; err: { class: string; message: string } };
    expect(entry.sections).toEqual(['ar-roll-forward']);
    expect(entry.err.class).toBe('Error');
    expect(entry.err.message).toBe('Invalid Input Error');
    expect(log.text()).not.toContain('PATIENT-77310');
  });

  it("answers the section's data download with a JSON error and a code; other sections download", async () => {
    const res = await admin.get('/api/dashboards/collections/ar-roll-forward.csv?period=month&month=2026-10');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; code: string };
    expect(body.code).toBe('SECTION_NOT_COMPUTED');
    expect(body.error).toContain('"ar-roll-forward" section of the collections dashboard could not be computed');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|PATIENT/);
    const other = await admin.get('/api/dashboards/collections/ar-aging.json?period=month&month=2026-10');
    expect(other.status).toBe(200);
    expect(((await other.json()) as { rows: unknown[] }).rows).toHaveLength(5);
  });

  it('is a notice in the board pack (HTML and PDF); the rest of the pack builds', async () => {
    const html = await (await admin.get('/reports/2026-10.html')).text();
    const rf = /<section id="s-ar-roll-forward">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(rf).toContain(SECTION_FAILED);
    expect(html).toMatch(/<section id="s-ar-aging">[\s\S]*?<table/);
    const pdfRes = await admin.get('/reports/2026-10.pdf');
    expect(pdfRes.status).toBe(200);
    const text = (await readPdf(Buffer.from(await pdfRes.arrayBuffer()))).pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('This section could not be computed');
    expect(text).toContain('Top denial reasons');
  });

  it('is named in an email built from the page', async () => {
    const model = await server.pool.use((conn) => {
      const filters = monthFilters('2026-10', '2026-11-15');
      const ctx: PageContext = { conn, filters, today: '2026-11-15', query: '', drill: () => '', onSectionError: () => undefined };
      return buildPage('collections', ctx);
    });
    const report = reportFromPage(model, { title: 'Collections' });
    const body = renderEmailBody(report.headlines, []);
    expect(body.text).toContain('Could not be computed (the error has been logged; every other number is complete): A/R roll-forward and credit balances by month.');
    expect(body.html).toContain('A/R roll-forward and credit balances by month.');
    expect(report.headlines.rows.length).toBe(9);
  });

  it('keeps the pack from being approved while a section cannot be computed', async () => {
    const res = await admin.post('/reports/2026-10/approve', { confirm: '1' });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('the 2026-10 board pack cannot be approved: Collections performance: A/R roll-forward and credit balances by month could not be computed');
    expect(await server.pool.use(async (c) => (await c.runAndReadAll("SELECT count(*)::INTEGER AS n FROM report_pack WHERE month = '2026-10'")).getRowObjectsJS())).toEqual([{ n: 0 }]);
  });
});
