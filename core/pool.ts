/**
 * A small pool of DuckDB connections with a cap on concurrent queries. DuckDB runs one
 * statement at a time per connection; a request takes a connection for its whole page and gives
 * it back, and requests beyond the cap wait in order instead of piling onto DuckDB's threads.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Db } from './db.ts';
import type { Warehouse } from './warehouse/open.ts';

export class ConnectionPool implements Db {
  readonly #idle: DuckDBConnection[] = [];
  readonly #waiting: ((c: DuckDBConnection) => void)[] = [];
  #open = 0;

  constructor(
    private readonly warehouse: Warehouse,
    readonly size = 4,
  ) {}

  async #acquire(): Promise<DuckDBConnection> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#open < this.size) {
      this.#open += 1;
      return this.warehouse.connect();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(conn: DuckDBConnection): void {
    const next = this.#waiting.shift();
    if (next) next(conn);
    else this.#idle.push(conn);
  }

  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.#acquire();
    try {
      return await fn(conn);
    } finally {
      this.#release(conn);
    }
  }

  close(): void {
    for (const c of this.#idle.splice(0)) c.closeSync();
  }
}
