/**
 * One consistent snapshot per page or pack: every statement of `fn` runs inside one read
 * transaction on its connection, so a load committed while the page is being built is seen
 * by all of its numbers or by none (DuckDB's MVCC gives a transaction the database as of its
 * start). Nested calls on the same connection join the open snapshot. The transaction is
 * rolled back at the end: a page only reads.
 *
 * A statement that fails at run time aborts DuckDB's transaction (every later statement on the
 * connection fails until ROLLBACK). `recoverSnapshot` restores a usable snapshot after a section
 * whose query failed, so the rest of the page can still be read: the sections after it read the
 * database as of the recovery (normally the same data; a load committed in between is seen by
 * them and not by the sections before).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const open = new WeakSet<DuckDBConnection>();

export async function inSnapshot<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  if (open.has(conn)) return fn();
  await conn.run('BEGIN TRANSACTION');
  open.add(conn);
  try {
    return await fn();
  } finally {
    open.delete(conn);
    await conn.run('ROLLBACK');
  }
}

/** After a failed statement inside a snapshot: when the transaction was aborted, start a fresh one. */
export async function recoverSnapshot(conn: DuckDBConnection): Promise<void> {
  if (!open.has(conn)) return;
  try {
    await conn.run('SELECT 1');
  } catch {
    // The only failure here is DuckDB's "Current transaction is aborted": roll back and reopen.
    await conn.run('ROLLBACK');
    await conn.run('BEGIN TRANSACTION');
  }
}
