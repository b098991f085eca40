/**
 * PracticeBoard's configuration, validated once at start-up. Sources, later ones winning:
 * built-in defaults, the JSON file named by PRACTICEBOARD_CONFIG (or ./practiceboard.config.json
 * when present), then environment variables. Every bad field is reported at once, with what
 * would be valid. Paths are resolved against the data folder unless absolute.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { JOBS_DEFAULTS, JobsConfigSchema } from './jobs/config.ts';
import { MAIL_DEFAULTS, MailConfigSchema, mailConfigFromEnv } from './mail/config.ts';

const ConfigSchema = z
  .object({
    /** Root of everything the product writes: warehouse, inbox, archive, keys. Example: "data". */
    dataDir: z.string().min(1).default('data'),
    /**
     * The practice's name on board packs and emails until an admin sets one under Admin >
     * Settings. Unset, it is the demo practice's name while the demo is on, else "Practice name
     * not set". Example: "Riverside Medical Group".
     */
    practiceName: z.string().min(1).max(120).optional(),
    /** The DuckDB file, relative to dataDir. Example: "practiceboard.duckdb". */
    warehouse: z.string().min(1).default('practiceboard.duckdb'),
    /** The practice's time zone (IANA), for schedules and dates. Example: "America/Chicago". */
    timezone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not an IANA time zone, e.g. America/New_York')
      .default('America/New_York'),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(3000),
        /** True when served over TLS (directly or by a proxy in front): Secure cookies and HSTS. */
        secureCookies: z.boolean().default(false),
        /**
         * The reverse proxies in front, whose X-Forwarded-For is believed (docs/security.md):
         * a hop count (1: one proxy on this machine or network) or a list of their addresses or
         * subnets (["127.0.0.1"], ["10.0.0.0/8"], "loopback"); false when clients connect
         * directly. Never true: that would let any client name its own address, dodge the
         * per-address sign-in block and write what it likes into the audit log.
         */
        trustProxy: z
          .union([
            z.literal(false),
            z.number().int().min(0).max(10),
            z.array(z.string().regex(/^([0-9A-Fa-f:.]+(\/\d{1,3})?|loopback|linklocal|uniquelocal)$/, 'an IP address, a subnet (10.0.0.0/8) or loopback')).min(1),
          ], { error: 'a hop count (e.g. 1) or a list of proxy addresses (e.g. ["127.0.0.1"]), or false; true is refused: it lets any client choose its address' })
          .default(false),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 3000, secureCookies: false, trustProxy: false }),
    etl: z
      .object({
        /** Share of rejected rows above which a whole file is rejected. Example: 0.05. */
        rejectThreshold: z.coerce.number().min(0).max(1).default(0.05),
        /** A file modified this recently is still being written and waits for the next scan. */
        settleMs: z.coerce.number().int().min(0).default(2000),
        /** DuckDB memory limit. Example: "2GB". */
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i, 'like 2GB or 512MB').default('1GB'),
        /**
         * Which delivered files are kept whole after loading (they hold names, birth dates and
         * SSNs): "rejected" keeps rejected files for correction and only a SHA-256 receipt of the
         * others; "none" receipts only; "all" every file (etl/inbox.ts). Example: "rejected".
         */
        keepRawFiles: z.enum(['none', 'rejected', 'all']).default('rejected'),
        /**
         * Days a kept raw file stays under data/rejected or data/archive before it is replaced
         * by its receipt (at start-up and nightly; etl/inbox.ts purgeRawFiles). 0 keeps nothing
         * raw. Example: 30.
         */
        rawRetentionDays: z.coerce.number().int().min(0).max(3650).default(30),
      })
      .strict()
      .default({ rejectThreshold: 0.05, settleMs: 2000, memoryLimit: '1GB', keepRawFiles: 'rejected', rawRetentionDays: 30 }),
    /** Scheduled jobs: inbox scan, monthly board pack, weekly collections summary (server/jobs/config.ts). */
    jobs: JobsConfigSchema.default(JOBS_DEFAULTS),
    /** Email: SMTP settings, or none for .eml files in the outbox (server/mail/config.ts). */
    mail: MailConfigSchema.default(MAIL_DEFAULTS),
    upload: z
      .object({
        /** Largest file accepted by the upload page, in megabytes. Example: 200. */
        maxMegabytes: z.coerce.number().positive().max(10_000).default(200),
      })
      .strict()
      .default({ maxMegabytes: 200 }),
    demo: z
      .object({
        /** Generate and load the demo practice when the warehouse is empty at start. */
        loadWhenEmpty: z.boolean().default(true),
        seed: z.coerce.number().int().default(42),
        /** Months of demo history. */
        months: z.coerce.number().int().min(1).max(60).default(24),
        /** Last month of demo data, YYYY-MM. */
        endMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').default('2026-10'),
      })
      .strict()
      .default({ loadWhenEmpty: true, seed: 42, months: 24, endMonth: '2026-10' }),
  })
  .strict();

export type RawConfig = z.infer<typeof ConfigSchema>;

/** The synthetic demo practice's name: packs carry it only while the demo is on. */
export const DEMO_PRACTICE_NAME = 'Maple Grove Family Medical Group';
/** What a pack's cover says when no one has named the practice. */
export const PRACTICE_NAME_NOT_SET = 'Practice name not set';

export interface Config extends Omit<RawConfig, 'practiceName'> {
  /** The configured name, the demo's while the demo is on, or PRACTICE_NAME_NOT_SET; an admin's setting wins (settings/practiceName.ts). */
  readonly practiceName: string;
  readonly paths: {
    readonly data: string;
    readonly warehouse: string;
    readonly inbox: string;
    readonly archive: string;
    readonly rejected: string;
    readonly tmp: string;
    readonly profiles: string;
    readonly demo: string;
    readonly keyFile: string;
    readonly serverInfo: string;
    readonly outbox: string;
  };
  readonly hmacKeyEnv?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables that override the file, as a partial raw config. */
function fromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  if (env.PRACTICEBOARD_DATA_DIR) out.dataDir = env.PRACTICEBOARD_DATA_DIR;
  if (env.PRACTICEBOARD_WAREHOUSE) out.warehouse = env.PRACTICEBOARD_WAREHOUSE;
  if (env.PRACTICEBOARD_TIMEZONE) out.timezone = env.PRACTICEBOARD_TIMEZONE;
  const server: Record<string, unknown> = {};
  if (env.PORT) server.port = env.PORT;
  if (env.HOST) server.host = env.HOST;
  if (Object.keys(server).length) out.server = server;
  if (env.PRACTICEBOARD_DEMO === 'off') out.demo = { loadWhenEmpty: false };
  if (env.PRACTICEBOARD_PRACTICE_NAME) out.practiceName = env.PRACTICEBOARD_PRACTICE_NAME;
  const mail = mailConfigFromEnv(env);
  if (Object.keys(mail).length > 0) out.mail = mail;
  return out;
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const file = env.PRACTICEBOARD_CONFIG ?? join(cwd, 'practiceboard.config.json');
  let fileJson: Record<string, unknown> = {};
  if (env.PRACTICEBOARD_CONFIG || existsSync(file)) {
    try {
      fileJson = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`${file}: ${(err as Error).message}`]);
    }
  }
  const parsed = ConfigSchema.safeParse(merge(fileJson, fromEnv(env)));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const c = parsed.data;
  const data = resolve(cwd, c.dataDir);
  const inData = (p: string): string => (isAbsolute(p) ? p : join(data, p));
  return {
    ...c,
    practiceName: c.practiceName ?? (c.demo.loadWhenEmpty ? DEMO_PRACTICE_NAME : PRACTICE_NAME_NOT_SET),
    paths: {
      data,
      warehouse: inData(c.warehouse),
      inbox: join(data, 'inbox'),
      archive: join(data, 'archive'),
      rejected: join(data, 'rejected'),
      tmp: join(data, 'tmp'),
      profiles: join(data, 'profiles'),
      demo: join(data, 'demo'),
      keyFile: join(data, 'practiceboard.key'),
      serverInfo: join(data, 'server.json'),
      outbox: inData(c.mail.outboxDir),
    },
    ...(env.PRACTICEBOARD_HMAC_KEY ? { hmacKeyEnv: env.PRACTICEBOARD_HMAC_KEY } : {}),
  };
}
