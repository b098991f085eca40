/**
 * Verifies the audit chain from the first entry to the recorded head. Finds an edited entry
 * (its hash no longer matches its content), a deleted one (a gap in the numbering, or a head
 * beyond the last entry), and a re-linked one (prev_hash not the hash before it). Reads in
 * pages, so memory stays flat however long the log is.
 *
 * Details must be stored exactly as canonical JSON: text that parses to the same object but
 * differs (a duplicated key, of which JSON.parse keeps the last while a reader sees the first)
 * is an edit.
 *
 * What a hash chain cannot find on its own: someone with write access to the database who
 * cuts the tail (or rewrites every entry after the one they changed) and moves the head. An
 * anchor, the head exported earlier (`auditHead`, GET /audit/head.json) and kept outside the
 * database, closes that: `verifyAuditChain(conn, { anchor })` checks that the entry it names is
 * still in the chain with the same hash. See docs/security.md.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalJson, type Json } from './canonical.ts';
import { entryHash, GENESIS_HASH, type AuditEntry, type DetailValue } from './log.ts';

export interface ChainProblem {
  readonly seq: number;
  readonly problem: 'edited' | 'deleted' | 'relinked' | 'head' | 'anchor';
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly entries_n: number;
  /** The first problems found (at most 50). */
  readonly problems: readonly ChainProblem[];
  readonly head: { readonly seq: number; readonly hash: string } | null;
}

const PAGE = 5000;
const SQL_PAGE = `SELECT seq, epoch_ms(occurred_at) AS at_ms, actor, action, target, outcome, ip, details, prev_hash, hash
  FROM audit_log WHERE seq > $after ORDER BY seq LIMIT ${PAGE}`;
const SQL_HEAD = 'SELECT seq, hash FROM audit_head WHERE head_id = 1';

/** The last entry the log recorded writing: keep a copy outside the database. */
export async function auditHead(conn: DuckDBConnection): Promise<{ seq: number; hash: string } | null> {
  const row = (await conn.runAndReadAll(SQL_HEAD)).getRows()[0];
  return row ? { seq: Number(row[0]), hash: String(row[1]) } : null;
}

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

export async function verifyAuditChain(conn: DuckDBConnection, opts: { anchor?: AuditAnchor } = {}): Promise<ChainReport> {
  const anchor = opts.anchor;
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
      if (!entry || String(r.details) !== canonicalJson(details as Json) || entryHash(String(r.prev_hash), entry) !== r.hash) {
        note({ seq, problem: 'edited', message: `entry ${seq} was changed after it was written` });
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
  if (anchor && !anchorFound) {
    note({ seq: anchor.seq, problem: 'anchor', message: `entry ${anchor.seq}, exported as the head earlier, is no longer in the log` });
  }
  return { ok: problems.length === 0, entries_n: count, problems, head };
}
