/**
 * The record of every report email (table mail_log, migration 005): when, which report, how,
 * to how many, with what outcome. This is the audit trail of "report sent" (PRODUCT.md §5).
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Db } from '../../core/db.ts';

export interface MailLogEntry {
  readonly mailId: string;
  readonly loggedAt: Date;
  readonly report: string;
  readonly runId: string | null;
  readonly transport: 'smtp' | 'outbox';
  readonly status: 'sent' | 'written' | 'failed';
  readonly subject: string;
  readonly recipients: readonly string[];
  readonly attachments: number;
  readonly sizeBytes: number | null;
  readonly messageId: string | null;
  readonly outboxFile: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export interface MailLog {
  record(entry: MailLogEntry): Promise<void>;
}

const INSERT_SQL = `
INSERT INTO mail_log (mail_id, logged_at, report, run_id, transport, status, subject, recipients, recipients_n,
  attachments_n, size_bytes, message_id, outbox_file, error_code, error_message)
VALUES ($id, epoch_ms(CAST($at AS BIGINT)), $report, $run, $transport, $status, $subject, $recipients, $recipients_n,
  $attachments_n, CAST($size AS BIGINT), $message_id, $outbox_file, $code, $message)`;

const RECENT_SQL = `
SELECT mail_id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS logged_at, report, run_id, transport, status, subject,
  recipients, recipients_n, attachments_n, size_bytes::DOUBLE AS size_bytes, message_id, outbox_file, error_code, error_message
FROM mail_log ORDER BY logged_at DESC, mail_id DESC LIMIT $limit`;

export class DuckDbMailLog implements MailLog {
  constructor(private readonly db: Db) {}

  async record(e: MailLogEntry): Promise<void> {
    await this.db.use(async (c) => {
      await c.run(INSERT_SQL, {
        id: e.mailId,
        at: e.loggedAt.getTime(),
        report: e.report,
        run: e.runId,
        transport: e.transport,
        status: e.status,
        subject: e.subject,
        recipients: e.recipients.join(', '),
        recipients_n: e.recipients.length,
        attachments_n: e.attachments,
        size: e.sizeBytes,
        message_id: e.messageId,
        outbox_file: e.outboxFile,
        code: e.errorCode,
        message: e.errorMessage,
      });
    });
  }

  /** The latest entries, newest first, as plain rows (times as ISO text, UTC). */
  recent(limit = 20): Promise<Record<string, DuckDBValue>[]> {
    return this.db.use(async (c) => (await c.runAndReadAll(RECENT_SQL, { limit })).getRowObjectsJS() as Record<string, DuckDBValue>[]);
  }
}
