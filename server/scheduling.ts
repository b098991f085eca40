/**
 * The server's scheduled jobs, wired: the inbox scan, the monthly board pack (the approved pack
 * of the month if there is one, else a draft) and the weekly collections summary, each run
 * under the scheduler's one lock with persisted runs, catch-up and retry, and mailed through the
 * configured SMTP server or written to the outbox.
 */
import { filtersToQuery, parseFilters } from '../dashboards/filters/index.ts';
import { buildPage } from '../dashboards/pages/index.ts';
import { packPdf } from '../reports/deliver.ts';
import { audit } from './audit/index.ts';
import type { Context } from './context.ts';
import { practiceName } from './settings/practiceName.ts';
import type { ConnectionPool } from '../core/pool.ts';
import { createJobRunner, DuckDbJobStore, jobDefinitions, previousMonth, reportRecipients, Scheduler } from './jobs/index.ts';
import { createMailer, DuckDbMailLog, reportFromPage, type Mailer } from './mail/index.ts';

export interface Scheduling {
  readonly scheduler: Scheduler;
  readonly mailer: Mailer;
}

/** The overview or collections page for one month, as the dashboards show it. */
async function pageFor(pool: ConnectionPool, id: 'overview' | 'collections', month: string, today: string) {
  return pool.use(async (conn) => {
    const parsed = parseFilters({ period: 'month', month }, { today });
    if (!parsed.ok) throw new Error(`month ${month}: ${parsed.errors.join('; ')}`);
    const filters = parsed.value;
    return buildPage(id, { conn, filters, today, query: filtersToQuery(filters), drill: () => '' });
  });
}

export function createScheduling(ctx: Context, pool: ConnectionPool, clock: () => Date): Scheduling {
  const config = ctx.config;
  const mailer = createMailer({ config: config.mail, outboxDir: config.paths.outbox, log: new DuckDbMailLog(pool), clock, logger: ctx.logger });
  const today = () => clock().toISOString().slice(0, 10);
  const runJob = createJobRunner({
    timezone: config.timezone,
    clock,
    scanInbox: () => ctx.etl.scan(),
    boardPack: async (month) => {
      const page = await pageFor(pool, 'overview', month, today());
      const name = await practiceName(pool, config); // as an admin set it, read at each run
      const { pdf } = await pool.use((conn) => packPdf(conn, { month, now: clock(), practiceName: name, size: 'letter' }));
      return { ...reportFromPage(page, { title: `${name}: board pack` }), pdf };
    },
    collectionsSummary: async (asOf) => {
      // The last full month before the summary's date.
      const month = previousMonth(new Date(`${asOf}T12:00:00Z`), 'UTC');
      return reportFromPage(await pageFor(pool, 'collections', month, today()), { title: `${await practiceName(pool, config)}: collections summary` });
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
    jobs: jobDefinitions(config.jobs),
    timezone: config.timezone,
    clock,
    runJob,
    store: new DuckDbJobStore(pool),
    logger: ctx.logger,
    retry: config.jobs.retry,
  });
  return { scheduler, mailer };
}
