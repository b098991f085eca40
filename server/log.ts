/**
 * The product's logger (pino). Log lines carry ids, counts and codes, never PHI or raw rows:
 * fields that could hold them are redacted as a second line of defence.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = opts.level ?? process.env.PRACTICEBOARD_LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      base: { app: 'practiceboard' },
      redact: { paths: ['*.patient_id', '*.patientId', '*.raw', '*.raw_record', '*.csv_line', 'req.headers.cookie', 'req.headers.authorization'], censor: '[redacted]' },
    },
    opts.destination,
  );
}
