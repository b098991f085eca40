/**
 * A fresh warehouse per test: a temporary folder holding the DuckDB file, the inbox and the
 * scratch space, a fixed HMAC key, a fixed clock, and the shipped profiles.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { loadFile, type LoaderDeps, type LoadRequest } from '../../etl/load/loadFile.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import { Warehouse } from '../../core/warehouse/open.ts';

export const TEST_KEY = Buffer.from('0f'.repeat(32), 'hex');

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

export async function openHarness(opts: { path?: string; dir?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pb-test-'));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const warehouse = await Warehouse.open({ path: opts.path ?? join(dir, 'wh.duckdb'), allowedDirectories: [dir], tempDirectory: tmp });
  let tick = 0;
  const deps: LoaderDeps = {
    warehouse,
    profiles: ProfileRegistry.load(join(dir, 'profiles')),
    hmacKey: TEST_KEY,
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
