/**
 * The embedded default: with no SMTP server configured (or no recipients), a report is written
 * whole as an .eml file to the outbox folder, parsed back here, and recorded in mail_log.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAIL_DEFAULTS } from '../../server/mail/config.ts';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { DuckDbMailLog } from '../../server/mail/mailLog.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { captureLogger } from '../jobs/helpers.ts';
import { openWarehouse } from './helpers.ts';

const SVG = readFileSync(new URL('../golden/sparkline-collections.svg', import.meta.url), 'utf8');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

let db: Awaited<ReturnType<typeof openWarehouse>>;
beforeEach(async () => {
  db = await openWarehouse();
});
afterEach(() => db.close());

describe('the outbox', () => {
  it('writes an .eml file with the body, the PDF and the inline chart when no SMTP server is configured', async () => {
    const outboxDir = join(db.dir, 'outbox');
    const mailer = createMailer({ config: MAIL_DEFAULTS, outboxDir, log: new DuckDbMailLog(db.wh), clock: () => new Date('2026-11-05T13:00:00Z'), logger: captureLogger().logger });
    const body = renderEmailBody({ title: 'Board pack, October 2026', rows: [{ label: 'Net collection rate', value: '96.2%', prior: '95.1%', target: '95.0%', status: 'good' }] }, [{ id: 'ncr', title: 'Net collection rate', svg: SVG }]);
    const result = await mailer.sendReport({
      report: 'board-pack',
      to: ['board@clinic.example'],
      subject: 'Board pack, October 2026',
      html: body.html,
      text: body.text,
      inlineImages: body.inlineImages,
      attachments: [{ filename: 'board-pack-2026-10.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(result.transport).toBe('outbox');
    expect(readdirSync(outboxDir)).toEqual([basename(result.outboxPath!)]);
    expect(basename(result.outboxPath!)).toMatch(/^20261105T130000Z-board-pack-[0-9a-f]{8}\.eml$/);
    // Owner-only (issue 11 item 4): the email carries the board pack.
    expect(statSync(result.outboxPath!).mode & 0o777).toBe(0o600);

    const parsed = await simpleParser(readFileSync(result.outboxPath!));
    expect(parsed.subject).toBe('Board pack, October 2026');
    expect(parsed.from?.value).toEqual([{ name: 'PracticeBoard', address: 'practiceboard@localhost' }]);
    expect(parsed.date?.toISOString()).toBe('2026-11-05T13:00:00.000Z');
    const byName = new Map(parsed.attachments.map((a) => [a.filename, a]));
    expect([...byName.keys()].sort()).toEqual(['01-ncr.png', 'board-pack-2026-10.pdf']);
    expect(byName.get('01-ncr.png')).toMatchObject({ contentType: 'image/png', cid: '01-ncr@practiceboard', contentDisposition: 'inline' });
    expect(byName.get('board-pack-2026-10.pdf')).toMatchObject({ contentType: 'application/pdf', contentDisposition: 'attachment' });
    expect(Buffer.compare(byName.get('board-pack-2026-10.pdf')!.content, PDF)).toBe(0);

    const rows = await new DuckDbMailLog(db.wh).recent();
    expect(rows).toEqual([expect.objectContaining({ transport: 'outbox', status: 'written', outbox_file: basename(result.outboxPath!), recipients_n: 1, attachments_n: 1 })]);
    expect(Number(rows[0]!.size_bytes)).toBe(readFileSync(result.outboxPath!).length);
  });

  it('keeps a report with no recipients in the outbox even when SMTP is configured', async () => {
    const outboxDir = join(db.dir, 'outbox');
    // Nothing listens on this port; the mailer must not try it for a message with no recipients.
    const config = { ...MAIL_DEFAULTS, smtp: { host: '127.0.0.1', port: 9, security: 'none' as const, timeoutMs: 1000 } };
    const mailer = createMailer({ config, outboxDir, log: new DuckDbMailLog(db.wh), clock: () => new Date('2026-11-16T12:00:00Z'), logger: captureLogger().logger });
    const result = await mailer.sendReport({ report: 'collections-summary', to: [], subject: 'Collections summary as of 2026-11-16', html: '<p>Days in A/R: 34.2</p>' });
    expect(result).toMatchObject({ transport: 'outbox', status: 'written' });
    expect(readdirSync(outboxDir)).toHaveLength(1);
    mailer.close();
  });
});
