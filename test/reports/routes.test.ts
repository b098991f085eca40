/**
 * The board pack's web routes over the 3-month demo: the list of months, a month's page with
 * its no-JavaScript forms, commentary, PDF (draft on request size, approved as stored), the
 * offline HTML, approve-and-lock (409 when locked), restatements on the page after a reload,
 * and 400s naming a bad month or size. The router is mounted on a bare app with an error
 * handler like the server's, until the lead wires it into server/app.ts.
 */
import type { Server } from 'node:http';
import { requestContext } from '../../server/requestContext.ts';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ConnectionPool } from '../../core/pool.ts';
import { PracticeBoardError } from '../../core/errors.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { getApprovedPack } from '../../reports/store.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { readPdf } from './pdfText.ts';
import { listenLoopback } from '../helpers/loopback.ts';

let demo: Demo;
let server: Server;
let pool: ConnectionPool;
let base: string;

beforeAll(async () => {
  demo = await openDemo();
  pool = new ConnectionPool(demo.ctx.warehouse, 2);
  const app = express();
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.locals.auth = { userId: 'u-dana', username: 'dana', displayName: 'Dana Reyes', role: 'manager', sessionKey: 'test' };
    res.locals.csrfToken = 'test-csrf-token'; // no CSRF check is mounted here; forms still carry a field
    next();
  });
  app.use(requestContext);
  app.use(reportRoutes({ pool, today: () => TODAY, now: () => NOW, practiceName: PRACTICE }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // As the app's one error handler: any PracticeBoardError that carries a status.
    const http = err instanceof PracticeBoardError && err.status !== undefined ? err : undefined;
    res.status(http?.status ?? 500).json({ error: http?.message ?? String(err), details: http?.details ?? [] });
  });
  ({ server, base } = await listenLoopback(app));
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pool?.close();
  demo?.close();
});

const get = (path: string) => fetch(base + path, { redirect: 'manual' });
const post = (path: string, form: Record<string, string>) =>
  fetch(base + path, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

describe('board pack routes', () => {
  it('lists the months with data, each a draft with its links', async () => {
    const res = await get('/reports');
    const html = await res.text();
    expect(res.status).toBe(200);
    for (const m of ['October 2026', 'September 2026', 'August 2026']) expect(html).toContain(m);
    expect(html).toContain('href="/reports/2026-10.pdf?size=a4"');
    expect(html).not.toContain('July 2026');
  });

  it('refuses a bad month or page size with a message naming it', async () => {
    const bad = await get('/reports/2026-13');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('\\"2026-13\\" is not a month; use YYYY-MM');
    const future = await get('/reports/2027-01.pdf');
    expect(future.status).toBe(400);
    expect(JSON.stringify(await future.json())).toContain('2027-01 is in the future');
    const size = await get('/reports/2026-10.pdf?size=a3');
    expect(size.status).toBe(400);
    expect(JSON.stringify(await size.json())).toContain('use letter or a4');
    expect((await post('/reports/2026-10/commentary', { section: 'payroll', text: 'x' })).status).toBe(400);
  });

  it('saves commentary from a plain form and shows it on the month page with the approve button', async () => {
    const saved = await post('/reports/2026-10/commentary', { section: 'collections', text: 'Denials fell after the payer portal fix.' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/reports/2026-10#c-collections');
    const html = await (await get('/reports/2026-10')).text();
    expect(html).toContain('Denials fell after the payer portal fix.');
    expect(html.match(/action="\/reports\/2026-10\/commentary"/g)).toHaveLength(4);
    expect(html).toContain('Approve and lock');
    expect(html).not.toMatch(/<script/i);
  });

  it('serves a draft PDF of the size asked for, and the offline HTML', async () => {
    const res = await get('/reports/2026-10.pdf?size=a4');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await readPdf(Buffer.from(await res.arrayBuffer()));
    expect(pdf.sizes[0]).toEqual({ width: 595, height: 842 });
    expect(pdf.pages[1]).toContain('DRAFT');
    expect(pdf.pages.join(' ').replace(/\s+/g, ' ')).toContain('Denials fell after the payer portal fix.');
    const html = await (await get('/reports/2026-10.html')).text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('approves and locks: the stored PDF is served, a second approval is refused, a reload shows as a restatement', async () => {
    const approved = await post('/reports/2026-10/approve', { confirm: '1' });
    expect(approved.status).toBe(303);
    const stored = (await pool.use((c) => getApprovedPack(c, '2026-10')))!;
    expect(stored.approvedBy).toBe('Dana Reyes');
    const pdf = Buffer.from(await (await get('/reports/2026-10.pdf')).arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(stored.sha256);
    expect(await (await get('/reports')).text()).toMatch(/October 2026<\/a><\/th><td>approved<\/td>/);

    const again = await post('/reports/2026-10/approve', { confirm: '1' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain('locked');

    await demo.loadBilling(
      'late-charge.csv',
      'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
        'T9100000001,C910000001,1,P9100001,PRV002,NGT,KMU,commercial,99214,1,2026-10-20,2026-10-21,charge,250.00,,,\n',
    );
    // The server records it in the detection step after the load; the page reads the record.
    await demo.detect(NOW);
    const page = await (await get('/reports/2026-10')).text();
    expect(page).toContain('Restatements since approval');
    expect(page).toMatch(/Restatement: Gross charges for October 2026 was \$[\d,]+\.\d{2}, now \$[\d,]+\.\d{2} \(detected 15 Nov 2026, /);

    // A new version names the version it replaces (the page's form does); a request that does
    // not is refused and stores nothing, however often it is sent.
    const unnamed = await Promise.all([1, 2].map(() => post('/reports/2026-10/approve', { newVersion: '1' })));
    expect(unnamed.map((r) => r.status)).toEqual([400, 400]);
    expect(JSON.stringify(await unnamed[0]!.json())).toContain('which approved version it replaces');
    expect((await pool.use((c) => getApprovedPack(c, '2026-10')))!.version).toBe(1);
    const shown = /<input type="hidden" name="supersedes" value="(\d+)">/.exec(page)?.[1];
    expect(shown).toBe('1');
    const v2 = await post('/reports/2026-10/approve', { newVersion: '1', supersedes: shown! });
    expect(v2.status).toBe(303);
    expect((await pool.use((c) => getApprovedPack(c, '2026-10')))!.version).toBe(2);
  });

  // Side by side, two saves of one section's commentary conflicted in DuckDB (a server error).
  it('saves the commentary of a section sent by several people at the same moment, one after another', async () => {
    const texts = [1, 2, 3, 4].map((i) => `Collections note ${i}.`);
    const saved = await Promise.all(texts.map((text) => post('/reports/2026-08/commentary', { section: 'collections', text })));
    expect(saved.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    const stored = (await pool.use((c) => c.runAndReadAll("SELECT body FROM report_commentary WHERE month = '2026-08' AND section_id = 'collections'"))).getRows().map((r) => String(r[0]));
    expect(stored).toHaveLength(1);
    expect(texts).toContain(stored[0]);
  });

  // An approval reads the approved version, builds the pack (seconds) and stores the next one:
  // side by side, several found none and stored version 1 each, all but one a server error.
  it('approves a month clicked by several people at once exactly once; the others are told it is locked', async () => {
    const versions = async () => (await pool.use((c) => c.runAndReadAll("SELECT version FROM report_pack WHERE month = '2026-09' ORDER BY version"))).getRows().map((r) => Number(r[0]));
    const all = await Promise.all(Array.from({ length: 4 }, () => post('/reports/2026-09/approve', { confirm: '1' })));
    expect(all.map((r) => r.status).sort()).toEqual([303, 409, 409, 409]);
    for (const r of all.filter((x) => x.status === 409)) expect(((await r.json()) as { error: string }).error).toMatch(/^the 2026-09 board pack was approved by Dana Reyes on .* and is locked/);
    expect(await versions()).toEqual([1]);

    // The page's new-version form names the version it replaces: a second click, or a second
    // admin at the same moment, does not make yet another version of a pack nobody has read.
    const page = await (await get('/reports/2026-09')).text();
    const seen = /<input type="hidden" name="supersedes" value="(\d+)">/.exec(page)?.[1];
    expect(seen).toBe('1');
    const again = await Promise.all(Array.from({ length: 3 }, () => post('/reports/2026-09/approve', { newVersion: '1', supersedes: seen! })));
    expect(again.map((r) => r.status).sort()).toEqual([303, 409, 409]);
    for (const r of again.filter((x) => x.status === 409)) expect(((await r.json()) as { error: string }).error).toMatch(/^the 2026-09 board pack was approved again while you were reading version 1: version 2, by Dana Reyes on /);
    expect(await versions()).toEqual([1, 2]);
  });
});
