/**
 * The server's scheduled jobs, wired: the inbox scan (followed by the explicit restatement
 * detection step when it loaded something, server/restatementStep.ts), the nightly restatement
 * check, the monthly board pack and the weekly collections summary, each run under the
 * scheduler's one lock with persisted runs, catch-up and retry, and mailed through the configured SMTP server or written to the outbox.
 * The board-pack email is the pack: its headlines are the pack's own presented headlines (the
 * locked ones for an approved month) and its attachment is that pack's PDF, so body and
 * attachment agree by construction. The board is mailed approved packs only; a month not yet
 * approved goes, marked DRAFT, to the draft recipients. "Today" is the practice's (core/clock.ts).
 */
import { practiceClock } from '../core/clock.ts';
import type { ConnectionPool } from '../core/pool.ts';
import { filtersToQuery, parseFilters } from '../dashboards/filters/index.ts';
import { buildPage } from '../dashboards/pages/index.ts';
import { currentPack } from '../reports/deliver.ts';
import { renderPackPdf } from '../reports/pdf/render.ts';
import { audit } from './audit/index.ts';
import type { Context } from './context.ts';
import { changedSomething, detectAfterLoad } from './restatementStep.ts';
import { practiceName } from './settings/practiceName.ts';
import { createJobRunner, DuckDbJobStore, jobDefinitions, previousMonth, reportRecipients, Scheduler } from './jobs/index.ts';
import { purgeKeptRawFiles, RAW_RETENTION_JOB } from './jobs/rawRetention.ts';
import { createMailer, DuckDbMailLog, reportFromPack, reportFromPage, type Mailer } from './mail/index.ts';

export { detectAfterLoad } from './restatementStep.ts';

export interface Scheduling {
  readonly scheduler: Scheduler;
  readonly mailer: Mailer;
}

/** The collections page for one month, as the dashboards compute it. */
async function collectionsPage(pool: ConnectionPool, month: string, today: string) {
  return pool.use(async (conn) => {
    const parsed = parseFilters({ period: 'month', month }, { today });
    if (!parsed.ok) throw new Error(`month ${month}: ${parsed.errors.join('; ')}`);
    const filters = parsed.value;
    return buildPage('collections', { conn, filters, today, query: filtersToQuery(filters), drill: () => '' });
  });
}

export function createScheduling(ctx: Context, pool: ConnectionPool, clock: () => Date): Scheduling {
  const config = ctx.config;
  const mailer = createMailer({ config: config.mail, outboxDir: config.paths.outbox, log: new DuckDbMailLog(pool), clock, logger: ctx.logger });
  const practice = practiceClock(config.timezone, clock);
  const runJob = createJobRunner({
    timezone: config.timezone,
    clock,
    scanInbox: async () => {
      const reports = await ctx.etl.scan();
      if (changedSomething(reports)) await detectAfterLoad(ctx, pool, clock);
      return reports;
    },
    // Nightly, whatever loaded: a step that failed after a load (it is logged) runs again here.
    restatementCheck: () => detectAfterLoad(ctx, pool, clock),
    boardPack: async (month) => {
      const name = await practiceName(pool, config); // as an admin set it, read at each run
      const pack = await pool.use((conn) => currentPack(conn, { month, now: clock(), today: practice.today(), practiceName: name, timezone: config.timezone }));
      const stored = pack.approved?.pageSize === 'letter' ? pack.approved.pdf : null;
      const pdf = stored ?? (await renderPackPdf(pack.model, { pageSize: 'letter', commentary: pack.commentary, status: pack.status }));
      return { ...reportFromPack(pack.model, pack.status, { title: `${name}: board pack` }), pdf, draft: pack.status.state === 'draft' };
    },
    collectionsSummary: async (asOf) => {
      // The last full month before the summary's date.
      const month = previousMonth(new Date(`${asOf}T12:00:00Z`), 'UTC');
      return reportFromPage(await collectionsPage(pool, month, practice.today()), { title: `${await practiceName(pool, config)}: collections summary` });
    },
    mailer: {
      // Every report sent is in the audit log (how many recipients, never their addresses).
      async sendReport(message) {
        const result = await mailer.sendReport(message);
        await pool.use((c) =>
          audit(c, { actor: 'system', action: 'report.send', target: message.report, details: { recipients_n: message.to.length }, at: clock() }),
        );
        return result;
      },
    },
    recipients: reportRecipients(config.jobs),
  });
  const scheduler = new Scheduler({
    jobs: [...jobDefinitions(config.jobs), RAW_RETENTION_JOB],
    timezone: config.timezone,
    clock,
    // The nightly purge of kept raw files is its own job (server/jobs/rawRetention.ts).
    runJob: (id, trigger, run) => (id === RAW_RETENTION_JOB.id ? purgeKeptRawFiles(ctx, clock()).then(() => undefined) : runJob(id, trigger, run)),
    store: new DuckDbJobStore(pool),
    logger: ctx.logger,
    retry: config.jobs.retry,
  });
  return { scheduler, mailer };
}
