/**
 * What each job does, with the work passed in as small fakes and a mailer that keeps what it
 * is given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnknownJobError } from '../../server/jobs/errors.ts';
import { createJobRunner, type BoardPackContent, type JobRunnerDeps } from '../../server/jobs/reportJobs.ts';
import type { ReportMessage } from '../../server/mail/mailer.ts';

const SVG = readFileSync(new URL('../golden/trend-line-collections.svg', import.meta.url), 'utf8');
const PDF = Buffer.from('%PDF-1.7\n% board pack of the test\n%%EOF\n');

function deps(over: Partial<JobRunnerDeps> = {}) {
  const sent: ReportMessage[] = [];
  const built: string[] = [];
  let scans = 0;
  let checks = 0;
  const d: JobRunnerDeps = {
    timezone: 'America/New_York',
    clock: () => new Date('2026-11-20T15:00:00Z'),
    scanInbox: async () => {
      scans += 1;
    },
    restatementCheck: async () => {
      checks += 1;
    },
    boardPack: async (month): Promise<BoardPackContent> => {
      built.push(month);
      return { headlines: { title: `Board pack ${month}`, rows: [{ label: 'Payments', value: '$98,765.43', prior: '$90,000.00', target: null }] }, charts: [{ id: 'collections', title: 'Collections by month', svg: SVG }], pdf: PDF };
    },
    collectionsSummary: async (asOf) => ({ headlines: { title: `Collections as of ${asOf}`, rows: [{ label: 'Days in A/R', value: '34.2', target: '40.0', status: 'good' }] }, charts: [] }),
    mailer: {
      sendReport: async (m) => {
        sent.push(m);
        return { mailId: 'm', transport: 'outbox', status: 'written', messageId: null, outboxPath: null };
      },
    },
    recipients: { 'board-pack': ['board@example.org', 'chair@example.org'], 'collections-summary': ['billing@example.org'] },
    ...over,
  };
  return { d, sent, built, scans: () => scans, checks: () => checks };
}

describe('createJobRunner', () => {
  it('builds the pack of the month before the schedule slot and mails it with the PDF and inline charts', async () => {
    const { d, sent, built } = deps();
    // The 5 November 08:00 slot, caught up on the 20th: still October's pack.
    await createJobRunner(d)('board-pack', 'catch-up', { runId: 'r1', scheduledFor: new Date('2026-11-05T13:00:00Z'), attempt: 1 });
    expect(built).toEqual(['2026-10']);
    expect(sent).toHaveLength(1);
    const m = sent[0]!;
    expect(m).toMatchObject({ report: 'board-pack', runId: 'r1', to: ['board@example.org', 'chair@example.org'], subject: 'Board pack, October 2026' });
    expect(m.attachments).toEqual([{ filename: 'board-pack-2026-10.pdf', content: PDF, contentType: 'application/pdf' }]);
    expect(m.inlineImages?.map((i) => [i.cid, i.contentType])).toEqual([['01-collections@practiceboard', 'image/png']]);
    expect(m.html).toContain('src="cid:01-collections@practiceboard"');
    expect(m.html).toContain('$98,765.43');
  });

  it('uses today for a manual run, and reuses the built pack when a failed attempt is retried', async () => {
    let fail = true;
    const { d, built } = deps();
    const runJob = createJobRunner({
      ...d,
      mailer: {
        sendReport: async () => {
          if (fail) throw Object.assign(new Error('down'), { transient: true });
          return { mailId: 'm', transport: 'smtp', status: 'sent', messageId: '<x@y>', outboxPath: null };
        },
      },
    });
    await expect(runJob('board-pack', 'manual', { runId: 'r2', scheduledFor: null, attempt: 1 })).rejects.toThrow('down');
    fail = false;
    await runJob('board-pack', 'manual', { runId: 'r2', scheduledFor: null, attempt: 2 });
    expect(built).toEqual(['2026-10']); // 20 November: the month before is October; built once
  });

  it('mails the collections summary as of the slot date and runs the inbox scan', async () => {
    const { d, sent, scans } = deps();
    const runJob = createJobRunner(d);
    await runJob('collections-summary', 'schedule', { runId: 'r3', scheduledFor: new Date('2026-11-16T12:00:00Z'), attempt: 1 });
    expect(sent[0]).toMatchObject({ report: 'collections-summary', to: ['billing@example.org'], subject: 'Collections summary as of 2026-11-16' });
    expect(sent[0]!.attachments).toBeUndefined();
    expect(sent[0]!.text).toContain('- Days in A/R: 34.2 (Prior: \u2014; Target: 40.0; on target)');
    await runJob('inbox-scan', 'schedule', { runId: 'r4', scheduledFor: new Date('2026-11-16T12:00:00Z'), attempt: 1 });
    expect(scans()).toBe(1);
    await expect(runJob('payroll', 'manual', { runId: 'r5', scheduledFor: null, attempt: 1 })).rejects.toBeInstanceOf(UnknownJobError);
  });
});

describe('the nightly restatement check', () => {
  it('runs the detection step and nothing else', async () => {
    const { d, sent, scans, checks } = deps();
    await createJobRunner(d)('restatement-check', 'schedule', { runId: 'r6', scheduledFor: new Date('2026-11-16T07:30:00Z'), attempt: 1 });
    expect([checks(), scans(), sent.length]).toEqual([1, 0, 0]);
  });
});
