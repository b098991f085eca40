/**
 * Issue 11 item 11: DuckDB's file access is narrowed to the inbox and tmp, the folders loads
 * read from. A query (injected or not) cannot read the patient-hash key, the audit key, server.json, the raw
 * archive or the rejected files, though they sit under the same data/ folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';

let ctx: Context;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-sandbox-'));
  ctx = await openContext(loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir), { logger: createLogger({ level: 'silent' }) });
}, 60_000);
afterAll(() => {
  ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const read = (path: string) => ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT content FROM read_text($path)', { path })).getRows()[0]![0]);

describe('the DuckDB sandbox', () => {
  it('refuses the keys, server.json, the archive and rejected files', async () => {
    const p = ctx.config.paths;
    writeFileSync(p.serverInfo, '{"token":"t"}');
    mkdirSync(join(p.archive, '2026-11-01', 'billing'), { recursive: true });
    writeFileSync(join(p.archive, '2026-11-01', 'billing', 'raw.csv'), 'a,b\n');
    writeFileSync(join(p.rejected, 'raw.csv'), 'a,b\n');
    for (const path of [p.keyFile, join(p.data, 'audit.key'), p.serverInfo, join(p.archive, '2026-11-01', 'billing', 'raw.csv'), join(p.rejected, 'raw.csv')]) {
      await expect(read(path), path).rejects.toThrow(/Permission Error|not allowed|disabled/i);
    }
  });

  it('still reads what loads read: the inbox and tmp', async () => {
    const p = ctx.config.paths;
    mkdirSync(join(p.inbox, 'billing'), { recursive: true });
    writeFileSync(join(p.inbox, 'billing', 'x.csv'), 'inbox\n');
    writeFileSync(join(p.tmp, 'y.csv'), 'tmp\n');
    expect(await read(join(p.inbox, 'billing', 'x.csv'))).toBe('inbox\n');
    expect(await read(join(p.tmp, 'y.csv'))).toBe('tmp\n');
  });
});
