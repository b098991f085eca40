/**
 * The `mail` section of the configuration. With no `smtp`, nothing leaves the machine: every
 * report is written as an .eml file to the outbox folder (the embedded default). With `smtp`,
 * reports go through that server. The password is best given in the environment
 * (PRACTICEBOARD_SMTP_PASSWORD), not in the config file. Example:
 *   "mail": { "from": "PracticeBoard <reports@clinic.example>",
 *             "smtp": { "host": "smtp.clinic.example", "port": 587, "security": "starttls", "user": "reports" } }
 */
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const SmtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65535).default(587),
    /** starttls: plain connection upgraded to TLS, the upgrade required (port 587);
     *  tls: TLS from the first byte (port 465); none: no TLS, for a relay on this machine. */
    security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** Give up on a connection or a reply after this long. */
    timeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  })
  .strict()
  .refine((s) => (s.user === undefined) === (s.password === undefined), { message: 'user and password go together: give both or neither', path: ['password'] })
  .refine((s) => s.security !== 'none' || s.user === undefined || LOOPBACK.has(s.host), {
    message: 'security "none" would send the password in clear text; use "starttls" or "tls", or a relay on 127.0.0.1',
    path: ['security'],
  });

export const MailConfigSchema = z
  .object({
    /** The sender of every report. */
    from: z.string().min(3).default('PracticeBoard <practiceboard@localhost>'),
    /** Folder of .eml files written when no SMTP server is configured; relative to the data folder. */
    outboxDir: z.string().min(1).default('outbox'),
    smtp: SmtpSchema.optional(),
  })
  .strict();

export type MailConfig = z.infer<typeof MailConfigSchema>;
export type SmtpConfig = NonNullable<MailConfig['smtp']>;

export const MAIL_DEFAULTS: MailConfig = MailConfigSchema.parse({});

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The mail settings given in the environment, as a partial raw `mail` section to merge over the
 * file's: PRACTICEBOARD_MAIL_FROM, PRACTICEBOARD_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD.
 */
export function mailConfigFromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.PRACTICEBOARD_MAIL_FROM) out.from = env.PRACTICEBOARD_MAIL_FROM;
  const smtp: Record<string, string> = {};
  const keys = [
    ['host', 'PRACTICEBOARD_SMTP_HOST'],
    ['port', 'PRACTICEBOARD_SMTP_PORT'],
    ['security', 'PRACTICEBOARD_SMTP_SECURITY'],
    ['user', 'PRACTICEBOARD_SMTP_USER'],
    ['password', 'PRACTICEBOARD_SMTP_PASSWORD'],
  ] as const;
  for (const [key, name] of keys) if (env[name]) smtp[key] = env[name];
  if (Object.keys(smtp).length) out.smtp = smtp;
  return out;
}
