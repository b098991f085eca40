/**
 * Rendered dashboard pages (the page body: sections with their charts, tables and the filter
 * bar), kept per version of the warehouse's data. Data changes only on a load, and drawing a
 * page's charts (Plot over linkedom) costs more than its queries, so every client that asks for
 * the same page with the same filters between two loads is served the same body.
 * - The key is the page, the viewer's role (board members see suppressed cells, only admins
 *   see pay by person: a body is never served to another role), the filters as parsed, and
 *   today (freshness and default periods depend on it).
 * - The version (dataVersion.sql) is read on the request's own connection, inside the page's
 *   snapshot, so a body is stored under the version of the data it was built from; when a
 *   request sees another version, every body of the old one is dropped.
 * - Bounded: at most `maxEntries` bodies and `maxChars` characters in all (a page with its
 *   charts is 50 to 300 kB), oldest dropped first.
 * The layout around the body (navigation, the signed-in user, CSRF tokens) is never cached.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/** A page body: its text, or the markup the view built (kept as it is, counted by its text). */
export type Body = string | { readonly text: string };
const sizeOf = (b: Body): number => (typeof b === 'string' ? b : b.text).length;

const VERSION_SQL = readFileSync(new URL('./dataVersion.sql', import.meta.url), 'utf8');

export interface PageKey {
  readonly page: string;
  readonly role: string;
  readonly today: string;
  /** The request's filters as parsed and bounded (every field). */
  readonly filters: unknown;
}

export class PageCache<B extends Body = string> {
  #version: string | undefined;
  readonly #bodies = new Map<string, B>();
  #chars = 0;
  #hits = 0;
  #misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  /** The data's version as this connection's snapshot sees it. */
  static async version(conn: DuckDBConnection): Promise<string> {
    return String((await conn.runAndReadAll(VERSION_SQL)).getRows()[0]![0]);
  }

  /**
   * The body for `key` at the snapshot's version: cached, or built now and kept, unless the
   * builder calls `dontKeep` (e.g. a section could not be computed: the next request tries again).
   */
  async get(conn: DuckDBConnection, key: PageKey, build: (dontKeep: () => void) => Promise<B>): Promise<B> {
    const version = await PageCache.version(conn);
    if (version !== this.#version) {
      this.#bodies.clear();
      this.#chars = 0;
      this.#version = version;
    }
    const k = JSON.stringify([key.page, key.role, key.today, key.filters]);
    const hit = this.#bodies.get(k);
    if (hit !== undefined) {
      this.#hits++;
      return hit;
    }
    this.#misses++;
    let keep = true;
    const body = await build(() => {
      keep = false;
    });
    // Another request may have moved the version on while this one built: keep only current bodies.
    if (keep && this.#version === version && sizeOf(body) <= this.maxChars && !this.#bodies.has(k)) {
      while (this.#bodies.size > 0 && (this.#bodies.size >= this.maxEntries || this.#chars + sizeOf(body) > this.maxChars)) {
        const [oldest, old] = this.#bodies.entries().next().value!;
        this.#bodies.delete(oldest);
        this.#chars -= sizeOf(old);
      }
      this.#bodies.set(k, body);
      this.#chars += sizeOf(body);
    }
    return body;
  }

  get stats(): { readonly entries: number; readonly chars: number; readonly hits: number; readonly misses: number } {
    return { entries: this.#bodies.size, chars: this.#chars, hits: this.#hits, misses: this.#misses };
  }
}
