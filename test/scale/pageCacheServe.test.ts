/**
 * The page cache under concurrent requests (server/cache/pageCache.ts): requests for a body
 * being built wait for that one build; a build that fails keeps nothing (every waiter gets the
 * error, the next request builds again); values kept per version (the sources' freshness) are
 * computed once per version and dropped with it; bodies never cross roles or versions.
 */
import { describe, expect, it } from 'vitest';
import { PageCache, type PageKey } from '../../server/cache/pageCache.ts';

const key = (over: Partial<PageKey> = {}): PageKey => ({ page: 'financial', role: 'manager', today: '2026-11-15', filters: { from: '2026-10-01', to: '2026-10-31' }, ...over });

/** A promise with its resolve and reject, to hold a build open while others ask. */
function gate<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PageCache.serve', () => {
  it('builds a body once while several requests ask for it at the same version', async () => {
    const cache = new PageCache();
    const held = gate<string>();
    let builds = 0;
    const build = () => {
      builds++;
      return held.promise;
    };
    const asked = [cache.serve('v1', key(), build), cache.serve('v1', key(), build), cache.serve('v1', key(), build)];
    held.resolve('body A');
    expect(await Promise.all(asked)).toEqual(['body A', 'body A', 'body A']);
    expect(builds).toBe(1);
    expect(await cache.serve('v1', key(), build)).toBe('body A');
    expect(builds).toBe(1);
  });

  it('keeps nothing from a build that fails: every waiter gets the error, the next request builds again', async () => {
    const cache = new PageCache();
    const held = gate<string>();
    const failing = () => held.promise;
    const asked = [cache.serve('v1', key(), failing), cache.serve('v1', key(), failing)].map((p) => p.then(() => 'served', (e: Error) => e.message));
    held.reject(new Error('the warehouse is busy'));
    expect(await Promise.all(asked)).toEqual(['the warehouse is busy', 'the warehouse is busy']);
    expect(cache.stats.entries).toBe(0);
    let builds = 0;
    expect(await cache.serve('v1', key(), async () => `body ${++builds}`)).toBe('body 1');
    expect(await cache.serve('v1', key(), async () => `body ${++builds}`)).toBe('body 1');
    expect(builds).toBe(1);
  });

  it('never serves a body to another role, and drops every body when the version moves', async () => {
    const cache = new PageCache();
    await cache.serve('v1', key({ role: 'admin' }), async () => 'pay by person');
    expect(cache.peek('v1', key({ role: 'manager' }))).toBeUndefined();
    expect(cache.peek('v1', key({ role: 'board' }))).toBeUndefined();
    expect(cache.peek('v1', key({ role: 'admin' }))).toBe('pay by person');
    expect(cache.peek('v2', key({ role: 'admin' }))).toBeUndefined();
    // Back at the old version nothing comes back either: it was dropped, not set aside.
    expect(cache.peek('v1', key({ role: 'admin' }))).toBeUndefined();
  });

  it('does not keep a body built at a version that has moved on while it was built', async () => {
    const cache = new PageCache();
    const held = gate<string>();
    const building = cache.serve('v1', key(), () => held.promise);
    expect(cache.peek('v2', key({ page: 'other' }))).toBeUndefined(); // another request sees the next version
    held.resolve('old body');
    expect(await building).toBe('old body');
    expect(cache.peek('v2', key())).toBeUndefined();
    expect(cache.stats.entries).toBe(0);
  });
});

describe('PageCache.memo', () => {
  it('computes a value once per version and again after the version moves', async () => {
    const cache = new PageCache();
    let reads = 0;
    const read = async () => `coverage read ${++reads}`;
    expect(await cache.memo('v1', 'freshness|2026-11-15', read)).toBe('coverage read 1');
    expect(await cache.memo('v1', 'freshness|2026-11-15', read)).toBe('coverage read 1');
    expect(await cache.memo('v1', 'freshness|2026-11-16', read)).toBe('coverage read 2');
    expect(await cache.memo('v2', 'freshness|2026-11-15', read)).toBe('coverage read 3');
    expect(reads).toBe(3);
  });

  it('does not keep a value whose computation failed', async () => {
    const cache = new PageCache();
    await expect(cache.memo('v1', 'freshness', async () => Promise.reject(new Error('aborted')))).rejects.toThrow('aborted');
    expect(await cache.memo('v1', 'freshness', async () => 'second try')).toBe('second try');
  });
});
