/**
 * The `jobs` section of the configuration: each job's schedule (five-field cron, read in the
 * practice's time zone), whether it runs on its schedule, the recipients of each report, and
 * the retry policy for transient failures. Validated once at start-up; a bad schedule is named
 * with what would be valid. Example (practiceboard.config.json):
 *   "jobs": { "boardPack": { "schedule": "0 8 5 * *", "recipients": ["board@example.org"] },
 *             "retry": { "attempts": 3, "delaysMs": [60000, 300000] } }
 */
import { z } from 'zod';
import { cronProblem } from './cronTime.ts';

const schedule = z
  .string()
  .trim()
  .superRefine((expr, ctx) => {
    const problem = cronProblem(expr);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const recipients = z.array(z.email('an email address, e.g. manager@example.org')).default([]);

const ScanJobSchema = z.object({ schedule, enabled: z.boolean().default(true) }).strict();
const ReportJobSchema = z.object({ schedule, enabled: z.boolean().default(true), recipients }).strict();
/** The board pack: the board gets approved packs only; a month not yet approved goes, marked DRAFT, to `draftRecipients` (the managers). */
const BoardPackJobSchema = ReportJobSchema.extend({ draftRecipients: z.array(z.email('an email address, e.g. manager@example.org')).optional() }).strict();

const RetrySchema = z
  .object({
    /** Attempts per run, the first included. Example: 3. */
    attempts: z.coerce.number().int().min(1).max(10).default(3),
    /** Waits before the 2nd, 3rd, ... attempt; the last repeats. Example: [60000, 300000]. */
    delaysMs: z.array(z.coerce.number().int().min(0).max(3_600_000)).min(1).default([60_000, 300_000]),
  })
  .strict();

export const JobsConfigSchema = z
  .object({
    /** Load whatever the inbox holds. Default every 15 minutes. */
    inboxScan: ScanJobSchema.default({ schedule: '*/15 * * * *', enabled: true }),
    /** Compare approved packs with the data and record restatements (also run after every load). Default nightly at 02:30. */
    restatementCheck: ScanJobSchema.default({ schedule: '30 2 * * *', enabled: true }),
    /** Build and email the previous month's board pack. Default the 5th at 08:00. */
    boardPack: BoardPackJobSchema.default({ schedule: '0 8 5 * *', enabled: true, recipients: [] }),
    /** Email the collections headline table. Default Mondays at 07:00. */
    collectionsSummary: ReportJobSchema.default({ schedule: '0 7 * * 1', enabled: true, recipients: [] }),
    retry: RetrySchema.default({ attempts: 3, delaysMs: [60_000, 300_000] }),
  })
  .strict();

export type JobsConfig = z.infer<typeof JobsConfigSchema>;
export type RetryPolicy = JobsConfig['retry'];

export const JOBS_DEFAULTS: JobsConfig = JobsConfigSchema.parse({});

/** Job ids as they appear in URLs, logs and job_run, by config key. */
export const JOB_IDS = { inboxScan: 'inbox-scan', restatementCheck: 'restatement-check', boardPack: 'board-pack', collectionsSummary: 'collections-summary' } as const;
export type JobId = (typeof JOB_IDS)[keyof typeof JOB_IDS];

const LABELS: Record<JobId, string> = {
  'inbox-scan': 'Inbox scan',
  'restatement-check': 'Nightly restatement check',
  'board-pack': 'Monthly board pack',
  'collections-summary': 'Weekly collections summary',
};

export interface JobDefinition {
  readonly id: string;
  readonly label: string;
  /** Five-field cron expression, in the practice's time zone. */
  readonly schedule: string;
  /** False: never runs on its schedule, but "Run now" still works. */
  readonly enabled: boolean;
}

export function jobDefinitions(cfg: JobsConfig): JobDefinition[] {
  return (Object.keys(JOB_IDS) as (keyof typeof JOB_IDS)[]).map((key) => {
    const id = JOB_IDS[key];
    return { id, label: LABELS[id], schedule: cfg[key].schedule, enabled: cfg[key].enabled };
  });
}

/** The recipients of each report job, by job id. */
export function reportRecipients(cfg: JobsConfig): Record<'board-pack' | 'collections-summary', readonly string[]> & { readonly 'board-pack-draft'?: readonly string[] } {
  // No draft recipients: a draft is written to the outbox only (never to the board).
  return { 'board-pack': cfg.boardPack.recipients, 'board-pack-draft': cfg.boardPack.draftRecipients, 'collections-summary': cfg.collectionsSummary.recipients };
}
