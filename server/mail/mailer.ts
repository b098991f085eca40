/**
 * Sends report emails. Guarantees:
 * - With an SMTP server configured and at least one recipient, the message goes through it
 *   (STARTTLS required, implicit TLS, or none on loopback, as configured).
 * - With no SMTP server, or no recipients, the message is written whole as an .eml file to the
 *   outbox folder (open it in any mail program) and nothing leaves the machine.
 * - Every send, written file and failure is recorded in mail_log. A failure is then thrown as a
 *   MailError whose `transient` flag tells the scheduler whether to retry.
 * - Logs carry the report, counts and codes, never addresses or content. Attachments are
 *   buffers only: nodemailer may not read files or URLs named in a message.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../log.ts';
import type { MailConfig } from './config.ts';
import type { InlineImage } from './emailBody.ts';
import { MailError, toMailError } from './errors.ts';
import type { MailLog } from './mailLog.ts';
import { smtpTransport } from './transport.ts';

export interface ReportAttachment {
  readonly filename: string;
  readonly content: Buffer;
  /** Example: 'application/pdf'. */
  readonly contentType?: string;
}

export interface ReportMessage {
  /** Which report this is, for the log. Example: 'board-pack'. */
  readonly report: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text?: string;
  readonly attachments?: readonly ReportAttachment[];
  readonly inlineImages?: readonly InlineImage[];
  /** The job run sending it, if any. */
  readonly runId?: string;
}

export interface SendResult {
  readonly mailId: string;
  readonly transport: 'smtp' | 'outbox';
  readonly status: 'sent' | 'written';
  readonly messageId: string | null;
  /** Absolute path of the .eml file, for transport 'outbox'. */
  readonly outboxPath: string | null;
}

export interface Mailer {
  sendReport(message: ReportMessage): Promise<SendResult>;
  close(): void;
}

export interface MailerOptions {
  readonly config: MailConfig;
  /** Absolute folder of .eml files. Example: join(config.paths.data, mail.outboxDir). */
  readonly outboxDir: string;
  readonly log: MailLog;
  readonly clock: () => Date;
  readonly logger: Logger;
}

const fileStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'report';

export function createMailer(opts: MailerOptions): Mailer {
  const smtp: Transporter | null = opts.config.smtp ? smtpTransport(opts.config.smtp) : null;
  const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  async function record(entry: Parameters<MailLog['record']>[0]): Promise<void> {
    try {
      await opts.log.record(entry);
    } catch (err) {
      // The mail itself went (or failed) as reported; a lost log row must not cause a resend.
      opts.logger.error({ report: entry.report, mail: entry.mailId, name: (err as Error).name }, 'mail_log row could not be written');
    }
  }

  return {
    async sendReport(m: ReportMessage): Promise<SendResult> {
      const mailId = randomUUID();
      const at = opts.clock();
      const attachments = [
        ...(m.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, ...(a.contentType ? { contentType: a.contentType } : {}) })),
        ...(m.inlineImages ?? []).map((i) => ({ filename: i.filename, content: i.content, contentType: i.contentType, cid: i.cid, contentDisposition: 'inline' as const })),
      ];
      const mail = {
        from: opts.config.from,
        to: [...m.to],
        subject: m.subject,
        html: m.html,
        ...(m.text ? { text: m.text } : {}),
        attachments,
        date: at,
        headers: { 'X-PracticeBoard-Report': m.report },
        disableFileAccess: true,
        disableUrlAccess: true,
      };
      const base = { mailId, report: m.report, runId: m.runId ?? null, subject: m.subject, recipients: m.to, attachments: m.attachments?.length ?? 0 };
      const logFields = { report: m.report, mail: mailId, recipients_n: m.to.length, attachments_n: base.attachments, inline_n: m.inlineImages?.length ?? 0 };

      if (smtp && m.to.length > 0) {
        try {
          const info = await smtp.sendMail(mail);
          await record({ ...base, loggedAt: opts.clock(), transport: 'smtp', status: 'sent', sizeBytes: null, messageId: info.messageId ?? null, outboxFile: null, errorCode: null, errorMessage: null });
          opts.logger.info({ ...logFields, transport: 'smtp' }, 'report email sent');
          return { mailId, transport: 'smtp', status: 'sent', messageId: info.messageId ?? null, outboxPath: null };
        } catch (err) {
          const e = err instanceof MailError ? err : toMailError(err);
          await record({ ...base, loggedAt: opts.clock(), transport: 'smtp', status: 'failed', sizeBytes: null, messageId: null, outboxFile: null, errorCode: e.code, errorMessage: e.message });
          opts.logger.warn({ ...logFields, transport: 'smtp', code: e.code, transient: e.transient }, 'report email failed');
          throw e;
        }
      }

      const info = await outbox.sendMail(mail);
      const message = info.message as Buffer;
      const file = `${fileStamp(at)}-${safeName(m.report)}-${mailId.slice(0, 8)}.eml`;
      const path = join(opts.outboxDir, file);
      // The outbox holds a board pack: owner-only, like everything under data/.
      await mkdir(opts.outboxDir, { recursive: true, mode: 0o700 });
      await writeFile(path, message, { mode: 0o600 });
      await record({ ...base, loggedAt: opts.clock(), transport: 'outbox', status: 'written', sizeBytes: message.length, messageId: info.messageId ?? null, outboxFile: file, errorCode: null, errorMessage: null });
      opts.logger.info({ ...logFields, transport: 'outbox', reason: smtp ? 'no recipients' : 'no SMTP server configured' }, 'report email written to the outbox');
      return { mailId, transport: 'outbox', status: 'written', messageId: info.messageId ?? null, outboxPath: path };
    },
    close() {
      smtp?.close();
    },
  };
}
