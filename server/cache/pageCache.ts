/**
 * Rendered page bodies (a dashboard's sections with their charts, the pack list), kept per
 * version of the data they show. Data changes only on a load (or an approval, for the pack
 * list), and drawing a page costs far more than reading it, so every client that asks for the
 * same page with the same filters between two changes is served the same body.
 * - The key is the page, the viewer's role (board members see suppressed cells, only admins
 *   see pay by person: a body is never served to another role), the filters as parsed, and
 *   today (freshness and default periods depend on it).
 * - The version is read by a query (dataVersion.sql by default; each cache may name its own,
 *   e.g. the pack list adds the approvals). A body is built inside a snapshot whose version is
 *   read on the same connection and kept only under the version it was built from; when a
 *   request sees another version, every body (and memo) of the old one is dropped.
 * - A build that throws keeps nothing (errors are never cached); a builder may also refuse to
 *   be kept (`dontKeep`: a section that could not be computed). Requests for the same body at
 *   the same version while it is being built wait for that one build instead of repeating it.
 * - `memo` keeps a value derived from the data (the sources' freshness) for the version, so a
 *   request served from the cache reads only the version.
 * - Bounded: at most `maxEntries` bodies and `maxChars` characters in all (a page with its
 *   charts is 50 to 300 kB), oldest dropped first.
 * - It remembers the keys asked for most recently (`recentKeys`, bounded), whatever the
 *   version: after a write, a warm-up (pageWarm.ts) rebuilds those at the new version.
 * The layout around the body (navigation, the signed-in user, CSRF tokens) is never cached.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/** A page body: its text, or the markup the view built (kept as it is, counted by its text). */
export type Body = string | { readonly text: string };
const sizeOf = (b: Body): number => (typeof b === 'string' ? b : b.text).length;

/** The version of what the dashboards show (dataVersion.sql). */
export const DATA_VERSION_SQL = readFileSync(new URL('./dataVersion.sql', import.meta.url), 'utf8');

/** The data's version as this connection sees it (its snapshot, inside a transaction). */
export async function dataVersion(conn: DuckDBConnection, sql: string = DATA_VERSION_SQL): Promise<string> {
  return String((await conn.runAndReadAll(sql)).getRows()[0]![0]);
}

export interface PageKey {
  readonly page: string;
  readonly role: string;
  readonly today: string;
  /** The request's filters as parsed and bounded (every field). */
  readonly filters: unknown;
}

export interface PageCacheOptions {
  readonly maxEntries?: number;
  readonly maxChars?: number;
  /** The query (one row, one column) whose value changes whenever what the pages show may. */
  readonly versionSql?: string;
  /** How many of the keys asked for most recently are remembered for a warm-up (default 24). */
  readonly maxRecent?: number;
}

export class PageCache<B extends Body = string> {
  #version: string | undefined;
  readonly #bodies = new Map<string, B>();
  readonly #building = new Map<string, Promise<B>>();
  readonly #memos = new Map<string, Promise<unknown>>();
  /** The keys asked for most recently, whatever the version (newest last): what a warm-up rebuilds. */
  readonly #recent = new Map<string, PageKey>();
  readonly #maxRecent: number;
  #chars = 0;
  #hits = 0;
  #misses = 0;
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #versionSql: string;

  constructor(opts: PageCacheOptions = {}) {
    this.#maxEntries = opts.maxEntries ?? 500;
    this.#maxChars = opts.maxChars ?? 32 * 1024 * 1024;
    this.#versionSql = opts.versionSql ?? DATA_VERSION_SQL;
    this.#maxRecent = opts.maxRecent ?? 24;
  }

  /** The keys asked for most recently (at most `maxRecent`, the most recent first). */
  recentKeys(): PageKey[] {
    return [...this.#recent.values()].reverse();
  }

  #asked(k: string, key: PageKey): void {
    this.#recent.delete(k);
    this.#recent.set(k, key);
    if (this.#recent.size > this.#maxRecent) this.#recent.delete(this.#recent.keys().next().value!);
  }

  /** The data's version as this connection sees it (its snapshot, inside a transaction). */
  version(conn: DuckDBConnection): Promise<string> {
    return dataVersion(conn, this.#versionSql);
  }

  /** Moves to `version`: a different one drops every body and memo of the old. */
  #at(version: string): void {
    if (version === this.#version) return;
    this.#bodies.clear();
    this.#memos.clear();
    this.#chars = 0;
    this.#version = version;
  }

  /** A value derived from the data at `version`, computed once for it (a failure is not kept). */
  memo<T>(version: string, name: string, compute: () => Promise<T>): Promise<T> {
    this.#at(version);
    const k = JSON.stringify([version, name]);
    const kept = this.#memos.get(k) as Promise<T> | undefined;
    if (kept) return kept;
    const p = compute();
    this.#memos.set(k, p);
    p.catch(() => this.#memos.get(k) === p && this.#memos.delete(k));
    return p;
  }

  /** The kept body of `key` at `version`, if any (counted as a hit). */
  peek(version: string, key: PageKey): B | undefined {
    this.#at(version);
    const k = keyText(key);
    this.#asked(k, key);
    const hit = this.#bodies.get(k);
    if (hit !== undefined) this.#hits++;
    return hit;
  }

  /**
   * The body of `key` at `version`: kept, being built (waits for that build), or built now by
   * `build` and kept unless it calls `dontKeep` or throws. `build` must show the data at
   * `version` (it may call `dontKeep` when its snapshot turns out to be at another).
   */
  async serve(version: string, key: PageKey, build: (dontKeep: () => void) => Promise<B>): Promise<B> {
    const hit = this.peek(version, key);
    if (hit !== undefined) return hit;
    const k = keyText(key);
    const flight = JSON.stringify([version, k]);
    const running = this.#building.get(flight);
    if (running) return running;
    this.#misses++;
    let keep = true;
    const p = build(() => {
      keep = false;
    });
    this.#building.set(flight, p);
    try {
      const body = await p;
      if (keep) this.#keep(version, k, body);
      return body;
    } finally {
      this.#building.delete(flight);
    }
  }

  /**
   * The body for `key` at the version `conn`'s snapshot sees: `serve` with the version read on
   * the same connection (call it inside the page's snapshot).
   */
  async get(conn: DuckDBConnection, key: PageKey, build: (dontKeep: () => void) => Promise<B>): Promise<B> {
    return this.serve(await this.version(conn), key, build);
  }

  #keep(version: string, k: string, body: B): void {
    // Another request may have moved the version on while this one built: keep only current bodies.
    if (this.#version !== version || sizeOf(body) > this.#maxChars || this.#bodies.has(k)) return;
    while (this.#bodies.size > 0 && (this.#bodies.size >= this.#maxEntries || this.#chars + sizeOf(body) > this.#maxChars)) {
      const [oldest, old] = this.#bodies.entries().next().value!;
      this.#bodies.delete(oldest);
      this.#chars -= sizeOf(old);
    }
    this.#bodies.set(k, body);
    this.#chars += sizeOf(body);
  }

  get stats(): { readonly entries: number; readonly chars: number; readonly hits: number; readonly misses: number } {
    return { entries: this.#bodies.size, chars: this.#chars, hits: this.#hits, misses: this.#misses };
  }
}

const keyText = (key: PageKey): string => JSON.stringify([key.page, key.role, key.today, key.filters]);
