/**
 * The scheduled board pack end to end: the real job wiring (server/scheduling.ts) runs the
 * board-pack job, a real SMTP server on loopback receives the email with the PDF attached, the
 * PDF's text is extracted, and its headline numbers equal the dashboard's for the same month.
 * October is approved first: the board is mailed approved packs only. After a reload restates
 * the approved month, the email body, its PDF and the board's web page of the pack still agree
 * on the approved numbers; a month not yet approved goes, marked DRAFT, to the managers only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../dashboards/charts/format.ts';
import { computeMetrics } from '../../dashboards/metrics/index.ts';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import express from 'express';
import type { Server } from 'node:http';
import { approvePack } from '../../reports/store.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { createLogger } from '../../server/log.ts';
import { createScheduling, type Scheduling } from '../../server/scheduling.ts';
import { readPdf } from '../reports/pdfText.ts';
import { startSmtp, type TestSmtp } from '../mail/helpers.ts';
import { seedDemoData } from '../helpers/demoCache.ts';

// The 5th of November 2026, 08:00 in New York: the board pack's default schedule.
const NOW = new Date('2026-11-05T13:00:00Z');
let dir: string;
let smtp: TestSmtp;
let ctx: Context;
let pool: ConnectionPool;
let scheduling: Scheduling;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-sched-'));
  smtp = await startSmtp();
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  const config = {
    ...base,
    demo: { ...base.demo, months: 3 },
    // The inbox scan takes a file at once (no wait for it to settle).
    etl: { ...base.etl, settleMs: 0 },
    mail: { ...base.mail, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' as const, timeoutMs: 10_000 } },
    jobs: { ...base.jobs, boardPack: { ...base.jobs.boardPack, recipients: ['board@example.test', 'chair@example.test'], draftRecipients: ['manager@example.test'] } },
  };
  await seedDemoData(config);
  ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  pool = new ConnectionPool(ctx.warehouse, 2);
  // The board is mailed approved packs only: October is approved before the job runs.
  await pool.use((c) => approvePack(c, '2026-10', 'Dana Reyes', () => NOW, { practiceName: config.practiceName, today: '2026-11-05' }));
  scheduling = createScheduling(ctx, pool, () => NOW);
}, 120_000);

afterAll(async () => {
  await scheduling.scheduler.stop();
  scheduling.mailer.close();
  pool.close();
  ctx.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the scheduled board pack email', () => {
  it("mails October's pack with the PDF, whose headline numbers equal the dashboard's", async () => {
    await scheduling.scheduler.runNow('board-pack').done;
    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0]!.raw);
    expect(smtp.received[0]!.to.sort()).toEqual(['board@example.test', 'chair@example.test']);
    expect(mail.subject).toContain('October 2026');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const text = (await readPdf(pdf!.content)).pages.join('\n');
    const v = await ctx.warehouse.use((c) => computeMetrics(c, { from: '2026-10-01', to: '2026-10-31' }, ['gross_charges', 'net_payments', 'net_collection_rate', 'visits']));
    expect(text).toContain(formatValue('gross_charges_usd', v.gross_charges!.exact));
    expect(text).toContain(formatValue('net_payments_usd', v.net_payments!.exact));
    expect(text).toContain(formatValue('net_collection_rate_pct', v.net_collection_rate!.value));
    expect(text).toContain(formatValue('visits_n', v.visits!.value));
    // The HTML body carries the same headline figure, and the send is in the audit log.
    expect(mail.html).toContain(formatValue('gross_charges_usd', v.gross_charges!.exact));
    const audits = await ctx.warehouse.use(async (c) => (await c.runAndReadAll("SELECT count(*)::INTEGER FROM audit_log WHERE action = 'report.send'")).getRows()[0]![0]);
    expect(audits).toBe(1);
    const runs = await ctx.warehouse.use(async (c) => (await c.runAndReadAll("SELECT status FROM job_run WHERE job_id = 'board-pack'")).getRows());
    expect(runs).toEqual([['succeeded']]);
  }, 60_000);
});

/** October's gross charges from the ledger, as decimal text: the charges posted in the month. */
const octoberChargesSql = "SELECT sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'charge' AND post_date BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'";
const LATE_CHARGE =
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  'T9200000001,C920000001,1,P9200001,PRV001,DTN,KMU,commercial,99213,1,2026-10-14,2026-10-16,charge,500.00,,,\n';

/** GET a page of the pack routes as a board member. */
async function boardGet(path: string): Promise<string> {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.auth = { userId: 'u-board', username: 'board', displayName: 'Board Member', role: 'board', sessionKey: 'test' };
    next();
  });
  app.use(reportRoutes({ pool, today: () => '2026-11-05', now: () => NOW, practiceName: ctx.config.practiceName }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const addr = server.address();
    const res = await fetch(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}${path}`);
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('the board pack email after a restatement', () => {
  it('says what the approved PDF and the board\'s web page of the pack say, not the restated numbers', async () => {
    const approvedUsd = await ctx.warehouse.use(async (c) => String((await c.runAndReadAll(octoberChargesSql)).getRowObjectsJS()[0]!.usd));
    const approvedText = formatValue('gross_charges_usd', approvedUsd);
    // A reload adds a late October charge of $500.00; the scheduled scan records the restatement.
    mkdirSync(join(ctx.config.paths.inbox, 'billing'), { recursive: true });
    writeFileSync(join(ctx.config.paths.inbox, 'billing', 'late-charge.csv'), LATE_CHARGE);
    await scheduling.scheduler.runNow('inbox-scan').done;
    const restatedUsd = await ctx.warehouse.use(async (c) => String((await c.runAndReadAll(octoberChargesSql)).getRowObjectsJS()[0]!.usd));
    expect(Number(restatedUsd) - Number(approvedUsd)).toBe(500);
    const restatedText = formatValue('gross_charges_usd', restatedUsd);
    const recorded = await ctx.warehouse.use(async (c) => (await c.runAndReadAll("SELECT old_text, new_text FROM report_restatement WHERE month = '2026-10' AND item_key = 'tile/gross_charges'")).getRows());
    expect(recorded).toEqual([[approvedText, restatedText]]);

    const before = smtp.received.length;
    await scheduling.scheduler.runNow('board-pack').done;
    expect(smtp.received).toHaveLength(before + 1);
    const mail = await simpleParser(smtp.received.at(-1)!.raw);
    expect(smtp.received.at(-1)!.to.sort()).toEqual(['board@example.test', 'chair@example.test']);
    const pdf = (await readPdf(mail.attachments.find((a) => a.contentType === 'application/pdf')!.content)).pages.join('\n');
    const web = await boardGet('/reports/2026-10');
    for (const [where, text] of [['email HTML', String(mail.html)], ['email text', String(mail.text)], ['PDF', pdf], ['web page', web]] as const) {
      expect(text, where).toContain(approvedText);
    }
    expect(String(mail.html)).not.toContain(restatedText);
    expect(pdf).not.toContain(restatedText);
    // The web page of the approved pack shows the restatement beside it, never in place of it.
    expect(web).toContain(`was ${approvedText}, now ${restatedText}`);
    // Every headline of the email is the pack's: the same text in the same row of the PDF.
    const rows = [...String(mail.text).matchAll(/^- ([^:]+): (\S+)/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(rows.length).toBeGreaterThanOrEqual(9);
    const flat = pdf.replace(/\s+/g, ' ');
    for (const [label, value] of rows) expect(flat, label).toContain(`${label} ${value}`);
  }, 120_000);
});

describe('a month not yet approved', () => {
  it('goes, marked DRAFT, to the managers and never to the board', async () => {
    const december = new Date('2026-12-05T13:00:00Z');
    const drafts = createScheduling(ctx, pool, () => december);
    try {
      const before = smtp.received.length;
      await drafts.scheduler.runNow('board-pack').done;
      expect(smtp.received).toHaveLength(before + 1);
      const sent = smtp.received.at(-1)!;
      expect(sent.to).toEqual(['manager@example.test']);
      const mail = await simpleParser(sent.raw);
      expect(mail.subject).toBe('DRAFT: Board pack, November 2026');
      expect(String(mail.text)).toContain('DRAFT');
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
      expect(pdf.filename).toBe('board-pack-2026-11-DRAFT.pdf');
      expect((await readPdf(pdf.content)).pages[0]).toContain('DRAFT');
    } finally {
      await drafts.scheduler.stop();
      drafts.mailer.close();
    }
  }, 120_000);
});
