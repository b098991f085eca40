/**
 * Opens the warehouse: one DuckDBInstance per database file per process, with DuckDB's file
 * access restricted to the project's own folders and the configuration then locked, so no
 * query (injected or not) can read or write elsewhere. Applies pending migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WarehouseLockedError, safeDuckDbMessage, PracticeBoardError } from '../errors.ts';
import { migrate } from './migrate.ts';
import type { Db } from '../db.ts';

export interface WarehouseOptions {
  /** Database file, or ':memory:' for tests. */
  readonly path: string;
  /** Folders DuckDB may read or write (inbox, temp); everything else is refused. */
  readonly allowedDirectories: readonly string[];
  /** DuckDB's spill folder; must be inside an allowed directory. */
  readonly tempDirectory?: string;
  readonly memoryLimit?: string;
  readonly threads?: number;
}

export class Warehouse implements Db {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly path: string,
  ) {}

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const dirs = options.allowedDirectories.map((d) => resolve(d));
    for (const d of dirs) mkdirSync(d, { recursive: true });
    const settings: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      preserve_insertion_order: 'true',
    };
    if (options.tempDirectory) settings.temp_directory = resolve(options.tempDirectory);
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.threads) settings.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, settings);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(msg)) throw new WarehouseLockedError(path);
      throw new PracticeBoardError('WAREHOUSE_OPEN_FAILED', `cannot open the warehouse ${path}: ${safeDuckDbMessage(err)}`);
    }
    const wh = new Warehouse(instance, path);
    const conn = await wh.connect();
    try {
      // Order matters: the allow-list is set while external access is still on, then
      // access is cut to it, then the configuration is locked for the life of the process.
      const list = dirs.map((d) => `'${d.replaceAll("'", "''")}/'`).join(', ');
      await conn.run(`SET GLOBAL allowed_directories = [${list}]`);
      await conn.run('SET GLOBAL enable_external_access = false');
      await conn.run('SET GLOBAL lock_configuration = true');
      await migrate(conn);
    } finally {
      conn.closeSync();
    }
    return wh;
  }

  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Run `fn` on a fresh connection, closed afterwards. */
  async use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  close(): void {
    this.instance.closeSync();
  }
}
