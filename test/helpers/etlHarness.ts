/**
 * A fresh warehouse per test: a temporary folder holding the DuckDB file, the inbox and the
 * scratch space, a fixed HMAC key, a fixed clock, and the shipped profiles.
 *
 * Under vitest (the run's cache folder set by test/globalSetup.ts), a new warehouse starts as a
 * copy of one migrated once per test process (`migratedTemplate`): applying every migration
 * costs about 0.25 s of CPU, a file copy a tenth of that. The copy is what a fresh open gives
 * (the same migrations, applied by Warehouse.open itself), and opening it still runs the
 * migration check; test/warehouse/migrate.test.ts applies the migrations for real.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { loadFile, type LoaderDeps, type LoadRequest } from '../../etl/load/loadFile.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import { Warehouse } from '../../core/warehouse/open.ts';
import { CACHE_ENV } from './cacheEnv.ts';

export const TEST_KEY = Buffer.from('0f'.repeat(32), 'hex');
/** The practice's time zone in tests: the configuration's default (server/config.ts). */
export const TEST_TIMEZONE = 'America/New_York';

export interface Harness {
  readonly dir: string;
  readonly warehouse: Warehouse;
  readonly deps: LoaderDeps;
  /** Write `text` (or bytes) to a file in the harness folder and return its path. */
  file(name: string, content: string | Buffer): string;
  load(req: LoadRequest, overrides?: Partial<LoaderDeps>): ReturnType<typeof loadFile>;
  /** The shipped profiles plus those written under `profiles/` in the harness folder. */
  profiles(): ProfileRegistry;
  rows(sql: string, params?: Record<string, DuckDBValue>): Promise<Record<string, unknown>[]>;
  close(): void;
}

let template: Promise<string> | undefined;

/**
 * The path of an empty warehouse migrated once in this process, in the run's cache folder
 * (removed when the run ends); undefined outside a vitest run (each warehouse migrates itself).
 */
export function migratedTemplate(): Promise<string> | undefined {
  const root = process.env[CACHE_ENV];
  if (!root || !existsSync(root)) return undefined;
  template ??= (async () => {
    const dir = join(root, `warehouse-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'empty.duckdb');
    (await Warehouse.open({ path, allowedDirectories: [dir] })).close();
    if (existsSync(`${path}.wal`)) throw new Error(`the migrated template ${path} left a WAL file`);
    return path;
  })();
  return template;
}

/**
 * Warehouse.open for tests: a file that does not exist yet starts as a copy of the migrated
 * template when there is one (migratedTemplate); an existing file or ':memory:' opens as is.
 */
export async function openTestWarehouse(options: Parameters<typeof Warehouse.open>[0]): Promise<Warehouse> {
  const from = options.path === ':memory:' || existsSync(options.path) ? undefined : await migratedTemplate();
  if (from) {
    mkdirSync(dirname(options.path), { recursive: true });
    copyFileSync(from, options.path);
  }
  return Warehouse.open(options);
}

export async function openHarness(opts: { path?: string; dir?: string; timezone?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pb-test-'));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const warehouse = await openTestWarehouse({ path: opts.path ?? join(dir, 'wh.duckdb'), allowedDirectories: [dir], tempDirectory: tmp });
  let tick = 0;
  const deps: LoaderDeps = {
    warehouse,
    profiles: ProfileRegistry.load(join(dir, 'profiles')),
    hmacKey: TEST_KEY,
    timezone: opts.timezone ?? TEST_TIMEZONE,
    tmpDir: tmp,
    clock: () => new Date(Date.UTC(2026, 10, 1, 12, 0, tick++)),
  };
  return {
    dir,
    warehouse,
    deps,
    file(name, content) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    load: (req, overrides) => loadFile({ ...deps, ...overrides }, req),
    profiles: () => ProfileRegistry.load(join(dir, 'profiles')),
    rows: (sql, params) => warehouse.use(async (c) => (await c.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[]),
    close() {
      warehouse.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
