/**
 * Verifies the audit chain from the first entry to the recorded head. Finds an edited entry
 * (its MAC no longer matches its content), a deleted one (a gap in the numbering, or a head
 * beyond the last entry), a re-linked one (prev_hash not the MAC before it), and a chain
 * recomputed without the audit key: from the first `audit.chain_keyed` entry on, every link is
 * HMAC-SHA256 under the key (key.ts), and a log with entries but no keyed entry, or a keyed
 * entry whose MAC does not verify, was rewritten by someone without the key. Entries before the
 * keyed one are plain SHA-256 links (written before the key existed); the keyed entry's MAC
 * covers the last of them. Reads in pages, so memory stays flat however long the log is.
 *
 * Details must be stored exactly as canonical JSON: text that parses to the same object but
 * differs (a duplicated key, of which JSON.parse keeps the last while a reader sees the first)
 * is an edit.
 *
 * What a keyed chain cannot find on its own: someone with write access to the database who
 * cuts the tail and moves the head back to an earlier entry. An anchor, the head exported
 * earlier (`auditHead`, `practiceboard audit head`, GET /audit/head.json) and kept outside the
 * database, closes that: `verifyAuditChain(conn, { anchor })` checks that the entry it names is
 * still in the chain with the same hash. See docs/security.md.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { PracticeBoardError } from '../../core/errors.ts';
import { canonicalJson, type Json } from './canonical.ts';
import { auditKey, auditKeyFingerprint } from './key.ts';
import { entryHash, entryMac, GENESIS_HASH, KEYED_ACTION, type AuditEntry, type DetailValue } from './log.ts';

export interface ChainProblem {
  readonly seq: number;
  readonly problem: 'edited' | 'deleted' | 'relinked' | 'head' | 'anchor' | 'unkeyed' | 'key';
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly entries_n: number;
  /** The first problems found (at most 50). */
  readonly problems: readonly ChainProblem[];
  readonly head: AuditHead | null;
  /** The entry from which the chain is keyed (null: no keyed entry). */
  readonly keyed_from: number | null;
}

/** The last entry written: what to keep outside the database. `at` is the entry's time. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

const PAGE = 5000;
const SQL_PAGE = `SELECT seq, epoch_ms(occurred_at) AS at_ms, actor, action, target, outcome, ip, details, prev_hash, hash
  FROM audit_log WHERE seq > $after ORDER BY seq LIMIT ${PAGE}`;
const SQL_HEAD = `SELECT h.seq, h.hash, epoch_ms(l.occurred_at) AS at_ms FROM audit_head h LEFT JOIN audit_log l ON l.seq = h.seq WHERE h.head_id = 1`;

/** The last entry the log recorded writing: keep a copy outside the database. */
export async function auditHead(conn: DuckDBConnection): Promise<AuditHead | null> {
  const row = (await conn.runAndReadAll(SQL_HEAD)).getRows()[0];
  return row ? { seq: Number(row[0]), hash: String(row[1]), at: row[2] === null ? '' : new Date(Number(row[2])).toISOString() } : null;
}

/** The head as exported: `{ seq, mac, at }`. */
export const exportedHead = (head: AuditHead) => ({ seq: head.seq, mac: head.hash, at: head.at });

function parseDetails(text: string): Readonly<Record<string, DetailValue>> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, DetailValue>) : undefined;
  } catch {
    return undefined; // unreadable details are reported as an edit by the caller
  }
}

/** A head exported earlier and kept outside the database. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

const HeadFile = z.object({ seq: z.number().int().positive(), mac: z.string().regex(/^[0-9a-f]{64}$/) });

/** An exported head (`{ "seq": 41, "mac": "…", "at": "…" }`, as `practiceboard audit head` prints it) read back. */
export function parseExportedHead(text: string): AuditAnchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PracticeBoardError('AUDIT_HEAD_INVALID', 'the exported head is not JSON: give the file `practiceboard audit head` wrote (or the head downloaded from /audit)', { status: 400 });
  }
  const head = HeadFile.safeParse(value);
  if (!head.success) throw new PracticeBoardError('AUDIT_HEAD_INVALID', 'the exported head needs "seq" (a whole number from 1) and "mac" (64 hexadecimal characters)', { status: 400 });
  return { seq: head.data.seq, hash: head.data.mac };
}

/** `key` defaults to this process's audit key (the data folder's). */
export async function verifyAuditChain(conn: DuckDBConnection, opts: { anchor?: AuditAnchor; key?: Buffer } = {}): Promise<ChainReport> {
  const anchor = opts.anchor;
  const key = opts.key ?? auditKey();
  let keyedFrom: number | null = null;
  let anchorFound = false;
  const problems: ChainProblem[] = [];
  const note = (p: ChainProblem) => {
    if (problems.length < 50) problems.push(p);
  };
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let beforeLastHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = (await conn.runAndReadAll(SQL_PAGE, { after: prevSeq })).getRowObjectsJS();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== prevSeq + 1) {
        note({ seq: prevSeq + 1, problem: 'deleted', message: `entries ${prevSeq + 1} to ${seq - 1} are missing` });
      } else if (r.prev_hash !== prevHash) {
        note({ seq, problem: 'relinked', message: `entry ${seq} does not point to the hash of entry ${prevSeq}` });
      }
      const details = parseDetails(String(r.details));
      const entry: AuditEntry | undefined = details && {
        seq,
        at: new Date(Number(r.at_ms)).toISOString(),
        actor: String(r.actor),
        action: String(r.action),
        target: r.target === null ? null : String(r.target),
        outcome: String(r.outcome),
        ip: r.ip === null ? null : String(r.ip),
        details,
      };
      if (anchor && seq === anchor.seq) {
        anchorFound = true;
        if (String(r.hash) !== anchor.hash) note({ seq, problem: 'anchor', message: `entry ${seq} is not the entry exported as the head earlier` });
      }
      if (keyedFrom === null && entry?.action === KEYED_ACTION) keyedFrom = seq;
      const link = !entry ? '' : keyedFrom === null ? entryHash(String(r.prev_hash), entry) : entryMac(key, String(r.prev_hash), entry);
      if (!entry || String(r.details) !== canonicalJson(details as Json) || link !== r.hash) {
        const print = keyedFrom === seq ? details?.key_fingerprint : undefined;
        if (typeof print === 'string' && print !== auditKeyFingerprint(key)) {
          note({ seq, problem: 'key', message: `the chain is keyed from entry ${seq} with the audit key of fingerprint ${print}, and this server's key is ${auditKeyFingerprint(key)}: restore data/audit.key from your backup` });
        } else {
          note({ seq, problem: 'edited', message: `entry ${seq} was changed after it was written` });
        }
      }
      prevSeq = seq;
      beforeLastHash = prevHash;
      prevHash = String(r.hash);
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await auditHead(conn);
  if (head === null && count > 0) {
    note({ seq: prevSeq, problem: 'head', message: 'the record of the last entry is missing' });
  } else if (head && head.seq > prevSeq) {
    note({ seq: prevSeq + 1, problem: 'deleted', message: `entries ${prevSeq + 1} to ${head.seq} are missing from the end` });
  } else if (head && head.seq === prevSeq && head.hash !== prevHash) {
    note({ seq: prevSeq, problem: 'head', message: `entry ${prevSeq} is not the entry recorded as the last` });
  } else if (head && (head.seq < prevSeq - 1 || (head.seq === prevSeq - 1 && head.hash !== beforeLastHash))) {
    // One entry past the head is a write interrupted between the entry and the head; more is not.
    note({ seq: head.seq + 1, problem: 'head', message: `entries ${head.seq + 1} to ${prevSeq} were added after the recorded last entry` });
  }
  if (count > 0 && keyedFrom === null) {
    note({ seq: 1, problem: 'unkeyed', message: 'no entry is chained under the audit key: the log was rewritten without the key, or its keyed entries were removed' });
  }
  if (anchor && !anchorFound) {
    note({ seq: anchor.seq, problem: 'anchor', message: `entry ${anchor.seq}, exported as the head earlier, is no longer in the log` });
  }
  return { ok: problems.length === 0, entries_n: count, problems, head, keyed_from: keyedFrom };
}
