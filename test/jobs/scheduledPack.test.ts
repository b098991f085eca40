/**
 * The scheduled board pack end to end: the real job wiring (server/scheduling.ts) runs the
 * board-pack job, a real SMTP server on loopback receives the email with the PDF attached, the
 * PDF's text is extracted, and its headline numbers equal the dashboard's for the same month.
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
import { createLogger } from '../../server/log.ts';
import { createScheduling, type Scheduling } from '../../server/scheduling.ts';
import { readPdf } from '../reports/pdfText.ts';
import { startSmtp, type TestSmtp } from '../mail/helpers.ts';

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
    mail: { ...base.mail, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' as const, timeoutMs: 10_000 } },
    jobs: { ...base.jobs, boardPack: { ...base.jobs.boardPack, recipients: ['board@example.test', 'chair@example.test'] } },
  };
  ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  pool = new ConnectionPool(ctx.warehouse, 2);
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
