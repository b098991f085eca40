/**
 * What keeps the data's version (server/cache/writeVersion.ts) from missing a writer, checked
 * over the source: every connection to the warehouse comes from `Warehouse.connect` (tracked by
 * the context), so a writer cannot go around it; the only other DuckDB instances are private
 * in-memory ones (profile checks); and the tables whose writes do not move the version are read
 * by no cached page (dashboards, reports, their routes and views). A new writer that opens its
 * own connection, or a page that starts reading the users or the audit log, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNSHOWN_TABLES } from '../../server/cache/writeVersion.ts';

const ROOT = join(import.meta.dirname, '..', '..');
function files(dir: string, exts = ['.ts', '.sql']): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return files(relative(ROOT, path), exts);
    return exts.some((e) => name.endsWith(e)) ? [relative(ROOT, path)] : [];
  });
}
const APP = ['core', 'etl', 'dashboards', 'reports', 'server', 'demo'].flatMap((d) => files(d));

describe('every write goes through a tracked connection', () => {
  it('opens the warehouse in one place only; other instances are private and in memory', () => {
    const opens = APP.filter((f) => /DuckDBInstance\.(create|fromCache)\(|DuckDBConnection\.create\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(opens.sort()).toEqual(['core/warehouse/open.ts', 'etl/load/profileCheck.ts', 'etl/profiles/engineCheck.ts']);
    for (const f of opens.filter((x) => x !== 'core/warehouse/open.ts')) {
      const creates = readFileSync(join(ROOT, f), 'utf8').match(/DuckDBInstance\.create\([^)]*\)/g) ?? [];
      for (const c of creates) expect(c, f).toMatch(/^DuckDBInstance\.create\(':memory:'/);
    }
    // Nothing reaches past the warehouse's connect() to its instance.
    expect(APP.filter((f) => f !== 'core/warehouse/open.ts' && /\.instance\.connect\(/.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('reads none of the tables that do not move the version from a cached page', () => {
    const shown = [...files('dashboards'), ...files('reports'), 'server/routes/dashboards.ts', 'server/routes/reports.ts', ...files('server/views'), ...files('server/cache').filter((f) => !f.endsWith('writeVersion.ts'))];
    expect(shown.length).toBeGreaterThan(50);
    const readers = shown.flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return [...UNSHOWN_TABLES].filter((t) => new RegExp(`\\b${t}\\b`).test(text)).map((t) => `${f}: ${t}`);
    });
    expect(readers).toEqual([]);
  });
});
