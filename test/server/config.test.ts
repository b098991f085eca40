/**
 * Configuration is validated once at start: defaults, file, environment; every bad field
 * reported at once with what would be valid.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { loadConfig } from '../../server/config.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('configuration', () => {
  it('defaults to the embedded warehouse under data/', () => {
    const c = loadConfig({}, '/srv/pb');
    expect(c.paths.warehouse).toBe('/srv/pb/data/practiceboard.duckdb');
    expect(c.paths.inbox).toBe('/srv/pb/data/inbox');
    expect(c.etl).toMatchObject({ rejectThreshold: 0.05, memoryLimit: '1GB' });
    expect(c.jobs.inboxScan.schedule).toBe('*/15 * * * *');
    expect(c.paths.outbox).toBe('/srv/pb/data/outbox');
    expect(c.mail.smtp).toBeUndefined();
    expect(c.server).toEqual({ host: '127.0.0.1', port: 3000, secureCookies: false, trustProxy: false });
  });

  it('takes the file, then the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cfg-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'practiceboard.config.json'), JSON.stringify({ timezone: 'America/Chicago', etl: { rejectThreshold: 0.1 }, server: { port: 4000 } }));
    const c = loadConfig({ PORT: '5000', PRACTICEBOARD_DATA_DIR: '/var/pb' }, dir);
    expect(c.timezone).toBe('America/Chicago');
    expect(c.etl.rejectThreshold).toBe(0.1);
    expect(c.server.port).toBe(5000);
    expect(c.paths.warehouse).toBe('/var/pb/practiceboard.duckdb');
  });

  it('lists every bad field with what would be valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cfg-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'practiceboard.config.json'), JSON.stringify({ timezone: 'Mars/Olympus', etl: { rejectThreshold: 2, memoryLimit: 'lots' }, colour: 'blue' }));
    let err: unknown;
    try {
      loadConfig({}, dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('timezone: not an IANA time zone');
    expect(msg).toContain('etl.rejectThreshold');
    expect(msg).toContain('etl.memoryLimit: like 2GB or 512MB');
    expect(msg).toMatch(/colour/);
  });

  it('names a config file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cfg-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(() => loadConfig({ PRACTICEBOARD_CONFIG: join(dir, 'bad.json') }, dir)).toThrow(/bad\.json/);
  });
});
