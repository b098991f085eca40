/**
 * The jobs and mail configuration sections: defaults, and bad values named with what is valid.
 */
import { describe, expect, it } from 'vitest';
import { JOBS_DEFAULTS, JobsConfigSchema, jobDefinitions, reportRecipients } from '../../server/jobs/config.ts';
import { MAIL_DEFAULTS, MailConfigSchema, mailConfigFromEnv } from '../../server/mail/config.ts';

const problems = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('JobsConfigSchema', () => {
  it('defaults to the scan every 15 minutes, the restatement check nightly at 02:30, the pack on the 5th at 08:00, the summary on Mondays at 07:00', () => {
    expect(jobDefinitions(JOBS_DEFAULTS)).toEqual([
      { id: 'inbox-scan', label: 'Inbox scan', schedule: '*/15 * * * *', enabled: true },
      { id: 'restatement-check', label: 'Nightly restatement check', schedule: '30 2 * * *', enabled: true },
      { id: 'board-pack', label: 'Monthly board pack', schedule: '0 8 5 * *', enabled: true },
      { id: 'collections-summary', label: 'Weekly collections summary', schedule: '0 7 * * 1', enabled: true },
    ]);
    expect(JOBS_DEFAULTS.retry).toEqual({ attempts: 3, delaysMs: [60_000, 300_000] });
    expect(reportRecipients(JOBS_DEFAULTS)).toEqual({ 'board-pack': [], 'collections-summary': [] });
  });

  it('merges a partial section over the defaults', () => {
    const cfg = JobsConfigSchema.parse({ boardPack: { schedule: '30 9 3 * *', recipients: ['board@example.org'] } });
    expect(cfg.boardPack).toEqual({ schedule: '30 9 3 * *', enabled: true, recipients: ['board@example.org'] });
    expect(cfg.inboxScan.schedule).toBe('*/15 * * * *');
  });

  it('lists every bad field at once', () => {
    const r = JobsConfigSchema.safeParse({ inboxScan: { schedule: 'every 15 min' }, boardPack: { schedule: '0 8 5 * *', recipients: ['not-an-address'] }, weekly: {} });
    expect(problems(r)).toEqual([
      expect.stringMatching(/^inboxScan\.schedule: "every 15 min" has 3 fields; a schedule has 5/),
      'boardPack.recipients.0: an email address, e.g. manager@example.org',
      expect.stringMatching(/^: Unrecognized key: "weekly"/),
    ]);
  });
});

describe('MailConfigSchema', () => {
  it('has no SMTP server by default (reports go to the outbox)', () => {
    expect(MAIL_DEFAULTS).toEqual({ from: 'PracticeBoard <practiceboard@localhost>', outboxDir: 'outbox' });
  });

  it('defaults SMTP to port 587 with STARTTLS required', () => {
    expect(MailConfigSchema.parse({ smtp: { host: 'smtp.example.org' } }).smtp).toEqual({ host: 'smtp.example.org', port: 587, security: 'starttls', timeoutMs: 30_000 });
  });

  it('refuses a user without a password, and a clear-text password to a remote server', () => {
    expect(problems(MailConfigSchema.safeParse({ smtp: { host: 'smtp.example.org', user: 'reports' } }))).toEqual(['smtp.password: user and password go together: give both or neither']);
    expect(problems(MailConfigSchema.safeParse({ smtp: { host: 'smtp.example.org', security: 'none', user: 'u', password: 'p' } }))).toEqual([
      expect.stringMatching(/^smtp\.security: security "none" would send the password in clear text/),
    ]);
    expect(MailConfigSchema.safeParse({ smtp: { host: '127.0.0.1', port: 2525, security: 'none', user: 'u', password: 'p' } }).success).toBe(true);
  });

  it('reads SMTP settings from the environment, to merge over the file', () => {
    const env = { PRACTICEBOARD_SMTP_HOST: 'smtp.example.org', PRACTICEBOARD_SMTP_PORT: '465', PRACTICEBOARD_SMTP_SECURITY: 'tls', PRACTICEBOARD_SMTP_USER: 'reports', PRACTICEBOARD_SMTP_PASSWORD: 's3cret' };
    const raw = mailConfigFromEnv(env);
    expect(MailConfigSchema.parse(raw).smtp).toEqual({ host: 'smtp.example.org', port: 465, security: 'tls', user: 'reports', password: 's3cret', timeoutMs: 30_000 });
    expect(mailConfigFromEnv({})).toEqual({});
  });
});
