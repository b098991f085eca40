/**
 * The dashboard pages' warm-up after a write (server/cache/pageWarm.ts): when the version moves,
 * the keys asked for recently (today's) are built at the new version and kept, so the next
 * request is served without building; a key of another day is left alone; a failure is reported
 * and keeps nothing; after stop() nothing more is built.
 */
import { describe, expect, it } from 'vitest';
import { PageCache, type PageKey } from '../../server/cache/pageCache.ts';
import { pageWarmer } from '../../server/cache/pageWarm.ts';
import { writeVersion } from '../../server/cache/writeVersion.ts';

const key = (page: string, today = '2026-11-15'): PageKey => ({ page, role: 'manager', today, filters: { month: '2026-10' } });

function setup(fail = new Set<string>()) {
  const version = writeVersion();
  const cache = new PageCache();
  const built: string[] = [];
  const errors: unknown[] = [];
  const build = async (k: PageKey) => {
    built.push(`${k.page}@${version.current()}`);
    if (fail.has(k.page)) throw new Error(`cannot build ${k.page}`);
    return `${k.page} at ${version.current()}`;
  };
  const warm = pageWarmer({ cache, version, today: () => '2026-11-15', build, onError: (e) => errors.push(e), quietMs: 5 });
  return { version, cache, built, errors, warm, build };
}

describe('pageWarmer', () => {
  it("builds today's recent keys at the new version, so the next request is a hit", async () => {
    const { version, cache, built, warm, build } = setup();
    for (const k of [key('overview'), key('financial'), key('staffing', '2026-11-14')]) await cache.serve(version.current(), k, () => build(k));
    built.length = 0;
    version.bump();
    await warm.idle();
    expect(built.sort()).toEqual(['financial@w1', 'overview@w1']);
    const misses = cache.stats.misses;
    expect(cache.peek('w1', key('overview'))).toBe('overview at w1');
    expect(cache.peek('w1', key('financial'))).toBe('financial at w1');
    expect(cache.stats.misses).toBe(misses);
  });

  it('reports a failure and keeps nothing for it; builds nothing after stop()', async () => {
    const { version, cache, built, errors, warm, build } = setup(new Set(['overview']));
    await cache.serve(version.current(), key('financial'), () => build(key('financial')));
    await cache.serve(version.current(), key('overview'), () => build(key('overview'))).catch(() => undefined);
    built.length = 0;
    version.bump();
    await warm.idle();
    expect(errors).toHaveLength(1);
    expect(cache.peek('w1', key('overview'))).toBeUndefined();
    expect(cache.peek('w1', key('financial'))).toBe('financial at w1');
    warm.stop();
    built.length = 0;
    version.bump();
    await warm.idle();
    await new Promise((r) => setTimeout(r, 20));
    expect(built).toEqual([]);
  });
});
