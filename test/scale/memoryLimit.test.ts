/**
 * Memory stays bounded on the command line's path: the configuration the CLI loads
 * (loadConfig) and the context it opens (openContext, as `practiceboard etl run` does) give
 * DuckDB the configured `etl.memoryLimit` as its memory_limit and the data folder's tmp/ as its
 * temp_directory (where it spills instead of growing), its allocator a background thread and a
 * 16 MB flush threshold that give freed memory back to the system (a 10,000,000-row load peaked
 * at 1.62 GB without them, 1.41 GB with them: docs/benchmarks.md), insertion order kept (the staging numbers records by rowid), and the lock
 * keeps a query from changing any of it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';

let dir = '';
let ctx: Context | undefined;
afterEach(() => {
  ctx?.close();
  ctx = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function settings(env: Record<string, string>, cwd: string): Promise<{ limit: string; temp: string; raised: string; purge: string; flush: string; order: string; purgeOff: string }> {
  ctx = await openContext(loadConfig(env, cwd), { logger: createLogger({ level: 'silent' }) });
  return ctx.warehouse.use(async (c) => {
    const rows = (
      await c.runAndReadAll(
        `SELECT current_setting('memory_limit') AS l, current_setting('temp_directory') AS t,
                current_setting('allocator_background_threads')::VARCHAR AS p, current_setting('allocator_flush_threshold')::VARCHAR AS f,
                current_setting('preserve_insertion_order')::VARCHAR AS o`,
      )
    ).getRowObjects();
    const refused = async (sql: string): Promise<string> => {
      try {
        await c.run(sql);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const raised = await refused(`SET memory_limit = '8GB'`);
    const purgeOff = await refused('SET allocator_background_threads = false');
    return { limit: String(rows[0]!.l), temp: String(rows[0]!.t), raised, purge: String(rows[0]!.p), flush: String(rows[0]!.f), order: String(rows[0]!.o), purgeOff };
  });
}

describe("the CLI's warehouse memory", () => {
  it('gets etl.memoryLimit from the configuration file and spills to the data folder tmp/', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-mem-'));
    writeFileSync(join(dir, 'practiceboard.config.json'), JSON.stringify({ etl: { memoryLimit: '512MB' } }));
    const s = await settings({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
    // 512 MB = 512,000,000 bytes = 488.3 MiB, which DuckDB prints as 488.2 MiB (truncated).
    expect(s.limit).toBe('488.2 MiB');
    expect(s.temp).toBe(join(dir, 'data', 'tmp'));
    expect(s.raised).toMatch(/configuration has been locked/i);
    expect(s.purge).toBe('true');
    // 16 MB = 16,000,000 bytes = 15.26 MiB (DuckDB's default: 128 MiB).
    expect(s.flush).toBe('15.2 MiB');
    expect(s.order).toBe('true');
    expect(s.purgeOff).toMatch(/configuration has been locked/i);
  });

  it('defaults to 1 GB', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-mem-'));
    const s = await settings({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
    // 1 GB = 10^9 bytes = 953.67 MiB.
    expect(s.limit).toBe('953.6 MiB');
    expect(s.temp).toBe(join(dir, 'data', 'tmp'));
    expect(s.purge).toBe('true');
  });
});
