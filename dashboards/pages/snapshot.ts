/**
 * One consistent snapshot per page or pack: every statement of `fn` runs inside one read
 * transaction on its connection, so a load committed while the page is being built is seen
 * by all of its numbers or by none (DuckDB's MVCC gives a transaction the database as of its
 * start). Nested calls on the same connection join the open snapshot. The transaction is
 * rolled back at the end: a page only reads.
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
