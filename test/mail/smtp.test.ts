/**
 * Report emails through a real SMTP server on 127.0.0.1: what arrives is parsed back with
 * mailparser. A server that defers is retried by the scheduler; one that rejects is not; every
 * outcome is in mail_log and job_attempt.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbJobStore } from '../../server/jobs/duckdbStore.ts';
import { createJobRunner } from '../../server/jobs/reportJobs.ts';
import { Scheduler } from '../../server/jobs/scheduler.ts';
import type { SchedulerTimers } from '../../server/jobs/timers.ts';
import { MailConfigSchema } from '../../server/mail/config.ts';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { MailError } from '../../server/mail/errors.ts';
import { DuckDbMailLog } from '../../server/mail/mailLog.ts';
import { createMailer, type Mailer } from '../../server/mail/mailer.ts';
import { captureLogger } from '../jobs/helpers.ts';
import { openWarehouse, PNG_SIGNATURE, pngSize, startSmtp, type TestSmtp } from './helpers.ts';

const SVG_TREND = readFileSync(new URL('../golden/trend-line-collections.svg', import.meta.url), 'utf8');
const SVG_AGING = readFileSync(new URL('../golden/bar-chart-ar-aging.svg', import.meta.url), 'utf8');
// Every byte value, so a transfer encoding that mangles binary would show.
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);
const clock = () => new Date('2026-11-05T13:00:00Z');

let smtp: TestSmtp;
let db: Awaited<ReturnType<typeof openWarehouse>>;
let mailer: Mailer;
let logLines: string[];

async function setup(auth?: { user: string; password: string }) {
  smtp = await startSmtp(auth);
  db = await openWarehouse();
  const { logger, lines } = captureLogger();
  logLines = lines;
  const config = MailConfigSchema.parse({
    from: 'PracticeBoard <reports@clinic.example>',
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', timeoutMs: 5000, ...(auth ? { user: auth.user, password: auth.password } : {}) },
  });
  mailer = createMailer({ config, outboxDir: `${db.dir}/outbox`, log: new DuckDbMailLog(db.wh), clock, logger });
}

const mailLog = () => new DuckDbMailLog(db.wh).recent(10);

afterEach(async () => {
  mailer.close();
  await smtp.close();
  db.close();
});

describe('sendReport over SMTP', () => {
  beforeEach(() => setup({ user: 'reports', password: 'correct horse' }));

  it('delivers the HTML body, the PDF attachment and the charts as inline PNGs', async () => {
    const body = renderEmailBody(
      { title: 'Board pack, October 2026', subtitle: 'Practice-wide', rows: [{ label: 'Payments', value: '$98,765.43', prior: '$90,000.00', target: '$95,000.00', status: 'good' }] },
      [
        { id: 'collections', title: 'Collections by month', svg: SVG_TREND },
        { id: 'aging', title: 'A/R by age', svg: SVG_AGING },
      ],
    );
    const result = await mailer.sendReport({
      report: 'board-pack',
      runId: 'run-1',
      to: ['board@clinic.example', 'chair@clinic.example'],
      subject: 'Board pack, October 2026',
      html: body.html,
      text: body.text,
      inlineImages: body.inlineImages,
      attachments: [{ filename: 'board-pack-2026-10.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(result).toMatchObject({ transport: 'smtp', status: 'sent', outboxPath: null });

    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got).toMatchObject({ from: 'reports@clinic.example', to: ['board@clinic.example', 'chair@clinic.example'], user: 'reports' });
    const parsed = await simpleParser(got.raw, { keepCidLinks: true });
    expect(parsed.subject).toBe('Board pack, October 2026');
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to!];
    expect(to.flatMap((a) => a.value.map((v) => v.address))).toEqual(['board@clinic.example', 'chair@clinic.example']);
    expect(parsed.headers.get('x-practiceboard-report')).toBe('board-pack');

    const pdf = parsed.attachments.find((a) => a.filename === 'board-pack-2026-10.pdf')!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.contentDisposition).toBe('attachment');
    expect(Buffer.compare(pdf.content, PDF)).toBe(0);

    const images = parsed.attachments.filter((a) => a.cid);
    expect(images.map((a) => [a.cid, a.contentType, a.contentDisposition])).toEqual([
      ['01-collections@practiceboard', 'image/png', 'inline'],
      ['02-aging@practiceboard', 'image/png', 'inline'],
    ]);
    expect(images[0]!.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(images[0]!.content)).toEqual({ width: 1280, height: 600 }); // the 640x300 SVG at 2x
    // The HTML part points at both images by content id.
    expect(parsed.html).toContain('<img src="cid:01-collections@practiceboard" width="640" height="300" alt="Collections by month"');
    expect(parsed.html).toContain('src="cid:02-aging@practiceboard"');
    expect(parsed.text).toContain('- Payments: $98,765.43 (Prior: $90,000.00; Target: $95,000.00; on target)');

    const rows = await mailLog();
    expect(rows).toEqual([
      expect.objectContaining({ report: 'board-pack', run_id: 'run-1', transport: 'smtp', status: 'sent', recipients: 'board@clinic.example, chair@clinic.example', recipients_n: 2, attachments_n: 1, error_code: null }),
    ]);
    // The log says how many, never to whom.
    expect(logLines.join('')).toContain('"recipients_n":2');
    expect(logLines.join('')).not.toContain('clinic.example');
  });
});

describe('a server that says no', () => {
  beforeEach(() => setup());

  /** The weekly summary job, on the real job and mail stores; retry waits end at once. */
  function scheduler() {
    const timers: SchedulerTimers = { heartbeat: () => ({ stop() {} }), setTimeout: (fn) => setImmediate(fn), clearTimeout: (h) => clearImmediate(h as NodeJS.Immediate) };
    const runJob = createJobRunner({
      timezone: 'America/New_York',
      clock,
      scanInbox: async () => undefined,
      restatementCheck: async () => undefined,
      boardPack: async () => {
        throw new Error('not in this test');
      },
      collectionsSummary: async (asOf) => ({ headlines: { title: `Collections as of ${asOf}`, rows: [{ label: 'Days in A/R', value: '34.2' }] }, charts: [{ id: 'aging', title: 'A/R by age', svg: SVG_AGING }] }),
      mailer,
      recipients: { 'board-pack': [], 'collections-summary': ['billing@clinic.example'] },
    });
    const store = new DuckDbJobStore(db.wh);
    const s = new Scheduler({
      jobs: [{ id: 'collections-summary', label: 'Weekly collections summary', schedule: '0 7 * * 1', enabled: true }],
      timezone: 'America/New_York',
      clock,
      runJob,
      store,
      logger: captureLogger().logger,
      timers,
      retry: { attempts: 3, delaysMs: [60_000, 300_000] },
    });
    return { s, store };
  }

  it('records a deferral (451) as a failed attempt and a failed mail, then succeeds on the retry', async () => {
    smtp.refuseNext(1, 451);
    const { s, store } = scheduler();
    const outcome = await s.runNow('collections-summary').done;
    expect(outcome).toMatchObject({ status: 'succeeded', attempts: 2 });
    const attempts = await store.attempts(outcome.runId!);
    expect(attempts.map((a) => [a.status, a.errorCode, a.retryInMs])).toEqual([
      ['failed', 'MAIL_DEFERRED', 60_000],
      ['succeeded', null, null],
    ]);
    expect(attempts[0]!.errorMessage).toBe('the SMTP server deferred the message (reply 451, EMESSAGE)');
    const rows = (await mailLog()).map((r) => [r.status, r.error_code, r.run_id]).sort();
    expect(rows).toEqual([
      ['failed', 'MAIL_DEFERRED', outcome.runId],
      ['sent', null, outcome.runId],
    ]);
    expect(smtp.received).toHaveLength(1);
  });

  it('does not retry a rejection (550)', async () => {
    smtp.refuseNext(3, 550);
    const { s, store } = scheduler();
    const outcome = await s.runNow('collections-summary').done;
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'MAIL_REJECTED', transient: false } });
    expect((await store.recentRuns(1))[0]).toMatchObject({ status: 'failed', errorCode: 'MAIL_REJECTED' });
    expect((await mailLog()).map((r) => r.status)).toEqual(['failed']);
  });

  it('calls a server that does not answer unreachable, which is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = createMailer({
      config: MailConfigSchema.parse({ smtp: { host: '127.0.0.1', port, security: 'none', timeoutMs: 2000 } }),
      outboxDir: `${db.dir}/outbox`,
      log: new DuckDbMailLog(db.wh),
      clock,
      logger: captureLogger().logger,
    });
    const err = await down.sendReport({ report: 'collections-summary', to: ['billing@clinic.example'], subject: 's', html: '<p>x</p>' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ code: 'MAIL_UNREACHABLE', transient: true });
    down.close();
  });
});
