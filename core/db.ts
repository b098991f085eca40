/**
 * The one way to reach the warehouse: lend a connection to `fn` and take it back afterwards.
 * The warehouse itself (a fresh connection each time, for the command line and tests) and the
 * server's pool (a cap on connections and concurrent statements) both implement it, so every
 * store, the ETL and the audit take a `Db` and never open a connection on their own.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Db {
  use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
}
