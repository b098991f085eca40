/**
 * The version of the warehouse's data, known in the process: a counter moved by every write any
 * connection of this process commits, so a page cache asks it instead of running a statement.
 * The server owns the warehouse file (DuckDB's lock: no other process opens it), so every write
 * (loads, the CLI's hand-off, uploads, corrections, rebuilds, approvals, settings, users) goes
 * through a connection of this process; `trackWrites` wraps the warehouse's `connect`, the one
 * way to a connection (core/warehouse/open.ts; the pool and `use` both call it).
 * - A write outside a transaction moves the version when it has run (or failed); a write inside
 *   one moves it again when the transaction ends (COMMIT, ROLLBACK, END or ABORT), whatever the
 *   outcome: the version has moved, at the latest, by the time the writer learns its commit
 *   succeeded. A transaction that only read moves nothing (a page's snapshot is one).
 * - What counts as a write: statementKind.ts (anything not known to be a read, a transaction's
 *   start or end, or a write to the connection's own temporary objects). `prepare`, `stream`,
 *   `start` and `extractStatements` run their statements later: they are refused any text but
 *   reads (an error, never an untracked write). An appender to a table that is not temporary
 *   counts as a write on each flush and close.
 * - Never stale: a page cached under version v was built in a snapshot begun after v was read,
 *   so it shows every write whose version move came before; a later move drops it.
 */
import { listValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../../core/warehouse/open.ts';
import { PracticeBoardError } from '../../core/errors.ts';
import { splitStatements, statementKind } from './statementKind.ts';

export interface WriteVersion {
  /** The current version (text, as the page caches key on it). */
  current(): string;
  /** Moves the version on (every write calls it; tests and a restore may too). */
  bump(): void;
  /** Calls `listener` after each move (synchronously: it must only schedule work); returns the way to stop. */
  onMove(listener: () => void): () => void;
}

export function writeVersion(): WriteVersion {
  let n = 0;
  const listeners = new Set<() => void>();
  return {
    current: () => `w${n}`,
    bump: () => {
      n++;
      for (const l of listeners) l();
    },
    onMove: (listener) => {
      const own = () => listener(); // the same function registered twice is two listeners
      listeners.add(own);
      return () => listeners.delete(own);
    },
  };
}

/**
 * Tables no cached page reads (the audit log and its head, sessions, users, MFA, password
 * changes): written on every request or sign-in (the audit entry, the session's last use, a
 * user's failed attempts), they do not move the version (a pack names its approver as text). test/server/cacheWriteCoverage.test.ts fails if a page's SQL reads one.
 */
export const UNSHOWN_TABLES: ReadonlySet<string> = new Set(['audit_log', 'audit_head', 'auth_session', 'app_user', 'mfa_enrolment', 'mfa_recovery_code', 'password_change_required']);

const tracked = new WeakMap<Warehouse, WriteVersion>();

/** The version of `warehouse`'s data, if its connections are tracked (trackWrites). */
export const writeVersionOf = (warehouse: Warehouse): WriteVersion | undefined => tracked.get(warehouse);

/** From now on every connection of `warehouse` moves the returned version on its writes (once per warehouse). */
export function trackWrites(warehouse: Warehouse): WriteVersion {
  const known = tracked.get(warehouse);
  if (known) return known;
  const version = writeVersion();
  const connect = warehouse.connect.bind(warehouse);
  warehouse.connect = async () => trackConnection(await connect(), version);
  tracked.set(warehouse, version);
  return version;
}

const DATABASE_OBJECTS = `SELECT (SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND list_contains($names, lower(table_name)))
  + (SELECT count(*) FROM duckdb_views() WHERE NOT temporary AND NOT internal AND list_contains($names, lower(view_name)))`;

/** Run statements: tracked when they have run. */
const RUNS = new Set(['run', 'runAndRead', 'runAndReadAll', 'runAndReadUntil']);
/** Statements run later or piecewise (the result's reading runs them): refused unless they only read. */
const DEFERRED = new Set(['stream', 'streamAndRead', 'streamAndReadAll', 'streamAndReadUntil', 'start', 'startThenRead', 'startThenReadAll', 'startThenReadUntil', 'startStream', 'startStreamThenRead', 'startStreamThenReadAll', 'startStreamThenReadUntil', 'prepare', 'extractStatements']);

/** `conn`, moving `version` on the writes made through it. */
export function trackConnection(conn: DuckDBConnection, version: WriteVersion): DuckDBConnection {
  const temps = new Set<string>();
  /** A write was made since the last transaction end. */
  let dirty = false;
  let inTransaction = false;
  /** `opens`: the same text began a transaction it left open (its writes commit at its end). */
  const wrote = (opens = false) => {
    // Outside a transaction the write is committed as it runs: moved now, and nothing is left
    // for a later transaction's end on this connection (a read-only snapshot moves nothing).
    // Inside one, moved now and again when it ends.
    if (inTransaction || opens) dirty = true;
    if (!inTransaction) version.bump();
  };
  /** Classifies `sql` (noting the temporary objects it creates or drops); what it does. */
  const classify = (sql: string) => {
    let writes = false;
    let ends = false;
    let begins = false;
    /** Names of `DROP ... IF EXISTS` writes: no write when the database holds none of them. */
    const drops: string[] = [];
    let otherWrites = false;
    for (const s of splitStatements(sql)) {
      const k = statementKind(s, temps);
      if (k.kind === 'write' && !(k.table !== undefined && UNSHOWN_TABLES.has(k.table))) {
        writes = true;
        if (k.ifExists && k.table !== undefined) drops.push(k.table);
        else otherWrites = true;
      }
      else if (k.kind === 'end') ends = true;
      else if (k.kind === 'begin') begins = true;
      else if (k.kind === 'temp') {
        if (k.created) temps.add(k.created);
        if (k.dropped) temps.delete(k.dropped);
      }
    }
    return { writes, ends, begins, onlyDrops: writes && !otherWrites ? drops : undefined };
  };
  /** Whether the database (not this connection's temporary objects) holds a table or view of one of `names`. */
  const inDatabase = async (names: readonly string[]): Promise<boolean> => {
    const found = await conn.runAndReadAll(DATABASE_OBJECTS, { names: listValue(names) });
    return Number(found.getRows()[0]![0]) > 0;
  };
  const around = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const kinds = classify(sql);
    const { ends, begins } = kinds;
    // Staging is dropped "if it exists" before and after every load: a drop of nothing (or of a
    // temporary object) changes nothing a page reads. Looked up before it runs.
    const writes = kinds.writes && (kinds.onlyDrops === undefined || (await inDatabase(kinds.onlyDrops).catch(() => true)));
    let ok = false;
    try {
      const out = await run();
      ok = true;
      return out;
    } finally {
      if (writes) wrote(begins && !ends && ok);
      if (ends) {
        // Committed or rolled back: the transaction's writes are visible now, or never.
        if (dirty) version.bump();
        dirty = false;
        inTransaction = false;
      }
      // A transaction opened by this text and not ended in it stays open.
      if (begins && !ends && ok) inTransaction = true;
    }
  };
  return new Proxy(conn, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'createAppender')
        return async (table: string, schema?: string | null, catalog?: string | null) => {
          const appender = await target.createAppender(table, schema, catalog);
          return catalog === 'temp' || temps.has(table.toLowerCase()) ? appender : trackAppender(appender, wrote);
        };
      const fn = value as (...a: unknown[]) => Promise<unknown>;
      if (typeof prop === 'string' && RUNS.has(prop)) return (sql: string, ...rest: unknown[]) => around(sql, () => fn.apply(target, [sql, ...rest]));
      if (typeof prop === 'string' && DEFERRED.has(prop))
        return (sql: string, ...rest: unknown[]) => {
          const k = classify(sql);
          if (k.writes || k.ends || k.begins) return Promise.reject(new PracticeBoardError('INTERNAL', `${prop}() may only read; run writes and transactions with run() (server/cache/writeVersion.ts)`));
          return fn.apply(target, [sql, ...rest]);
        };
      return value.bind(target);
    },
  });
}

/** An appender whose flushes and close count as writes. */
function trackAppender(appender: DuckDBAppender, wrote: () => void): DuckDBAppender {
  return new Proxy(appender, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'flushSync' || prop === 'closeSync')
        return () => {
          try {
            return (value as () => unknown).apply(target);
          } finally {
            wrote();
          }
        };
      return value.bind(target);
    },
  });
}
