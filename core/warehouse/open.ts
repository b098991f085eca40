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

/**
 * DuckDB's settings for a process held to `memoryLimit`. DuckDB's `memory_limit` bounds its
 * buffer manager only; memory its operators have freed stays cached in its allocator (jemalloc,
 * linked into DuckDB) until allocations trigger its purge, so a large load's RSS ran hundreds of
 * MB past the limit: 1.62 GB for a 10,000,000-row file under the default 1 GB (one phase's freed
 * blocks still resident while the next allocates). With the allocator's background thread on and
 * each worker flushing its cache after a task past 16 MB (default 128 MB), freed pages go back
 * to the system without waiting: 1.41 GB for the same load, one run each (docs/benchmarks.md,
 * "Memory of a large load"). Insertion order stays preserved: the staging numbers records by
 * rowid (etl/load/stage.ts).
 */
export function boundedMemorySettings(memoryLimit: string): Record<string, string> {
  return { memory_limit: memoryLimit, allocator_background_threads: 'true', allocator_flush_threshold: '16MB' };
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
    if (options.memoryLimit) Object.assign(settings, boundedMemorySettings(options.memoryLimit));
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
