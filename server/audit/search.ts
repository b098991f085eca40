/**
 * Searching the audit log for the admin page and its CSV export: by actor (user id or
 * username), action, and a date range (inclusive days, UTC). Validated once with zod at the edge;
 * every value is bound, never interpolated. Newest first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { ResultTable } from '../../dashboards/export/index.ts';
import { AUDIT_ACTIONS } from './log.ts';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const AuditQuery = z
  .object({
    actor: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
    action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTIONS).optional()),
    from: z.preprocess(blankToUndefined, DAY.optional()),
    to: z.preprocess(blankToUndefined, DAY.optional()),
    /** Entries on the page; the CSV export takes up to 100,000. */
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(500)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditRow {
  readonly seq: number;
  readonly occurred_at: Date;
  readonly actor: string;
  readonly actor_username: string | null;
  readonly action: string;
  readonly target: string | null;
  /** The username when the target is an account. */
  readonly target_username: string | null;
  readonly outcome: string;
  readonly ip: string | null;
  readonly details: string;
}

const SQL_SEARCH = `SELECT a.seq, a.occurred_at, a.actor, u.username AS actor_username, a.action, a.target, tu.username AS target_username,
    a.outcome, a.ip, a.details
  FROM audit_log a LEFT JOIN app_user u ON u.user_id = a.actor LEFT JOIN app_user tu ON tu.user_id = a.target
  WHERE ($actor::VARCHAR IS NULL OR a.actor = $actor OR u.username = lower($actor))
    AND ($action::VARCHAR IS NULL OR a.action = $action)
    AND ($from::DATE IS NULL OR a.occurred_at >= $from::DATE)
    AND ($to::DATE IS NULL OR a.occurred_at < $to::DATE + INTERVAL 1 DAY)
  ORDER BY a.seq DESC
  LIMIT $limit`;

export async function searchAudit(conn: DuckDBConnection, q: AuditQuery): Promise<AuditRow[]> {
  const rows = (
    await conn.runAndReadAll(SQL_SEARCH, { actor: q.actor ?? null, action: q.action ?? null, from: q.from ?? null, to: q.to ?? null, limit: q.limit })
  ).getRowObjectsJS();
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurred_at: r.occurred_at as Date,
    actor: String(r.actor),
    actor_username: r.actor_username === null ? null : String(r.actor_username),
    action: String(r.action),
    target: r.target === null ? null : String(r.target),
    target_username: r.target_username === null ? null : String(r.target_username),
    outcome: String(r.outcome),
    ip: r.ip === null ? null : String(r.ip),
    details: String(r.details),
  }));
}

/** The rows as an export table (CSV through dashboards/export, safe against formula injection). */
export function auditTable(rows: readonly AuditRow[]): ResultTable {
  return {
    columns: ['seq_n', 'occurred_at', 'actor', 'actor_username', 'action', 'target', 'target_username', 'outcome', 'ip', 'details'],
    rows: rows.map((r) => [r.seq, r.occurred_at, r.actor, r.actor_username, r.action, r.target, r.target_username, r.outcome, r.ip, r.details]),
  };
}
