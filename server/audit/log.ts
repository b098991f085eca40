/**
 * The audit log: append-only and tamper-evident. Each entry carries the MAC of the one before
 * it, and its own MAC = HMAC-SHA256(audit key, prev_mac || canonical JSON of the entry), under
 * a key kept outside the database (key.ts): editing, deleting or re-chaining any entry needs
 * the key (see verify.ts). Guarantees:
 * - entries are numbered 1, 2, 3, ... without gaps; appends are serialized in this process (the
 *   process that owns the warehouse), so two requests never fork the chain;
 * - `details` is a small flat object of plain values whose keys cannot name patient data;
 *   anything else is refused before it is written (the log must never hold PHI);
 * - `audit_head` records the last entry, so deleting entries from the end is found too;
 * - a chain begun before the key existed (plain SHA-256 links, migration 006) is re-keyed once:
 *   the first append under a key writes an `audit.chain_keyed` entry whose MAC covers the last
 *   SHA-256 hash, so from then on the earlier entries cannot be rewritten without the key
 *   either. What was rewritten before the re-keying would not be found (docs/security.md).
 * Call `audit` outside any transaction of your own, or after it commits: an entry that rolls
 * back with a failed load would leave the next one numbered against it.
 */
import { createHash, createHmac } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalJson, type Json } from './canonical.ts';
import { auditKey, auditKeyFingerprint } from './key.ts';

/** Every kind of audited event; the audit page searches by these. */
export const AUDIT_ACTIONS = [
  'auth.signin',
  'auth.signin_failed',
  'auth.lockout',
  'auth.signout',
  'page.view',
  'data.download',
  'data.export',
  'request.write',
  'report.send',
  'report.approve',
  'report.commentary',
  'user.create',
  'user.role_change',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'mfa.challenge',
  'mfa.enrolled',
  'mfa.verified',
  'mfa.failed',
  'mfa.recovery_used',
  'mfa.reset',
  'mfa.setting_change',
  'etl.run',
  'audit.export',
  'audit.chain_keyed',
  'data.purge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'ok' | 'denied' | 'failed';
export type DetailValue = string | number | boolean | null | readonly (string | number)[];

export interface AuditInput {
  /** app_user.user_id of whoever acted, or 'system' (scheduler, start-up). */
  readonly actor: string;
  readonly action: AuditAction;
  /** What was acted on: a path, a user id, a report month, a run id. Never a patient value. */
  readonly target?: string | null;
  readonly outcome?: AuditOutcome;
  readonly ip?: string | null;
  /** Example: `{ role: 'manager', status: 200 }`. Flat, plain values, no PHI. */
  readonly details?: Readonly<Record<string, DetailValue>>;
  /** Defaults to now; pass the injected clock's time. */
  readonly at?: Date;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string; // ISO instant, milliseconds
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: string;
  readonly ip: string | null;
  readonly details: Readonly<Record<string, DetailValue>>;
}

export const GENESIS_HASH = '0'.repeat(64);
const PHI_KEY = /patient|birth|dob|ssn|social|mrn|phone|address|email|first_?name|last_?name|raw/i;
const MAX_TEXT = 300;

const SQL_HEAD = 'SELECT seq, hash, keyed_from FROM audit_head WHERE head_id = 1';
const SQL_INSERT =
  'INSERT INTO audit_log VALUES ($seq, epoch_ms($at_ms::BIGINT), $actor, $action, $target, $outcome, $ip, $details, $prev_hash, $hash)';
// The head is inserted by the first entry and updated by every later one. A plain UPDATE, not an
// upsert: DuckDB's INSERT ... ON CONFLICT cost 5.6 ms of CPU per entry against 1.4 ms (every page
// view is audited; docs/benchmarks.md).
const SQL_INSERT_HEAD = 'INSERT INTO audit_head VALUES (1, $seq, $hash, $keyed_from)';
const SQL_UPDATE_HEAD = 'UPDATE audit_head SET seq = $seq, hash = $hash, keyed_from = $keyed_from WHERE head_id = 1';

/** The action of the entry from which the chain is keyed. */
export const KEYED_ACTION = 'audit.chain_keyed';

/** The plain SHA-256 link of an entry chained to `prevHash`: entries written before the chain was keyed. */
export function entryHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(entry as unknown as Json))
    .digest('hex');
}

/** The keyed link of an entry chained to `prevMac`: HMAC-SHA256 under the audit key. */
export function entryMac(key: Buffer, prevMac: string, entry: AuditEntry): string {
  return createHmac('sha256', key)
    .update(prevMac + canonicalJson(entry as unknown as Json))
    .digest('hex');
}

function checkDetails(details: Readonly<Record<string, DetailValue>>): void {
  const keys = Object.keys(details);
  if (keys.length > 20) throw new TypeError('audit details: at most 20 fields');
  for (const k of keys) {
    if (PHI_KEY.test(k)) throw new TypeError(`audit details: the field "${k}" could hold patient data and is not allowed`);
    const v = details[k];
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (item !== null && !['string', 'number', 'boolean'].includes(typeof item)) throw new TypeError(`audit details: "${k}" must hold plain values`);
      if (typeof item === 'string' && item.length > MAX_TEXT) throw new TypeError(`audit details: "${k}" is longer than ${MAX_TEXT} characters`);
    }
  }
}

// Appends in this process run one at a time: read the head, write the entry, move the head.
let tail: Promise<unknown> = Promise.resolve();
function serially<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.then(
    () => undefined,
    () => undefined, // the caller gets the error from `run`; the queue only needs to go on
  );
  return run;
}

/**
 * Runs `fn` in a transaction of its own, or in the caller's when the connection is already in
 * one (DuckDB has no nested transactions; the caller's commit or rollback then covers it).
 */
async function atomically(conn: DuckDBConnection, fn: () => Promise<void>): Promise<void> {
  try {
    await conn.run('BEGIN TRANSACTION');
  } catch (err) {
    if (!/within a transaction/i.test(String((err as Error).message))) throw err;
    return fn();
  }
  try {
    await fn();
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

interface Head {
  seq: number;
  hash: string;
  keyedFrom: number | null;
}

async function readHead(conn: DuckDBConnection): Promise<Head> {
  const row = (await conn.runAndReadAll(SQL_HEAD)).getRows()[0];
  return row ? { seq: Number(row[0]), hash: String(row[1]), keyedFrom: row[2] === null ? null : Number(row[2]) } : { seq: 0, hash: GENESIS_HASH, keyedFrom: null };
}

async function append(conn: DuckDBConnection, head: Head, fields: Omit<AuditEntry, 'seq'>): Promise<AuditEntry & { hash: string }> {
  const entry: AuditEntry = { seq: head.seq + 1, ...fields };
  const hash = entryMac(auditKey(), head.hash, entry);
  const keyedFrom = head.keyedFrom ?? entry.seq;
  // The entry and the head move together: a process stopped between the two would leave the
  // log one entry ahead of its head, and every later append would collide on that sequence.
  await atomically(conn, async () => {
    await conn.run(SQL_INSERT, {
      seq: entry.seq,
      at_ms: Date.parse(entry.at),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      ip: entry.ip,
      details: canonicalJson(entry.details as Json),
      prev_hash: head.hash,
      hash,
    });
    // The head's row exists from the first entry on (seq 1); before it, seq is 0.
    await conn.run(head.seq > 0 ? SQL_UPDATE_HEAD : SQL_INSERT_HEAD, { seq: entry.seq, hash, keyed_from: keyedFrom });
  });
  head.seq = entry.seq;
  head.hash = hash;
  head.keyedFrom = keyedFrom;
  return { ...entry, hash };
}

/** Before the first keyed entry: the record that the chain is keyed from here (and with which key). */
async function keyChain(conn: DuckDBConnection, head: Head, at: Date): Promise<void> {
  await append(conn, head, {
    at: at.toISOString(),
    actor: 'system',
    action: KEYED_ACTION,
    target: head.seq === 0 ? null : `seq ${head.seq}`,
    outcome: 'ok',
    ip: null,
    details: { key_fingerprint: auditKeyFingerprint(auditKey()), unkeyed_entries_n: head.seq, link: 'hmac-sha256' },
  });
}

/**
 * Key the chain now if it is not yet (a start after an upgrade: "chain re-keyed at seq N"), so
 * earlier entries are bound at start-up, not at the next event. Returns the entry keyed from.
 */
export async function ensureChainKeyed(conn: DuckDBConnection, at: Date): Promise<number> {
  return serially(async () => {
    const head = await readHead(conn);
    if (head.keyedFrom === null) await keyChain(conn, head, at);
    return head.keyedFrom!;
  });
}

/** Append one entry; returns it as written, with its sequence number and MAC. */
export async function audit(conn: DuckDBConnection, input: AuditInput): Promise<AuditEntry & { hash: string }> {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(input.action)) throw new TypeError(`audit: unknown action "${input.action}"`);
  const details = input.details ?? {};
  checkDetails(details);
  return serially(async () => {
    const head = await readHead(conn);
    const at = input.at ?? new Date();
    if (head.keyedFrom === null) await keyChain(conn, head, at);
    return append(conn, head, {
      at: at.toISOString(),
      actor: input.actor,
      action: input.action,
      target: input.target?.slice(0, MAX_TEXT) ?? null,
      outcome: input.outcome ?? 'ok',
      ip: input.ip ?? null,
      details,
    });
  });
}
