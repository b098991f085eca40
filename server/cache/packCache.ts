/**
 * Draft board pack models (and the PDFs rendered from them), kept per version of the
 * warehouse's data: the same version the dashboards' page cache keys on (dataVersion,
 * dataVersion.sql), read inside the build's own snapshot. A draft is built from the data, and the
 * data changes only on a load, so the page, the PDF and the offline HTML of one month share one
 * build between two loads.
 * - The key is the month, the audience (staff or board: a model is never served to the other),
 *   today and the practice's name (both are in the model). A load changes the version: every
 *   model of the old one is dropped.
 * - The model is kept without restatements: those are read from the record on every request
 *   (detection writes them after the load, when the model may already be built).
 * - A build in flight is shared: a request (or the warm-up after a load) asking for the same
 *   model waits for it instead of building it again.
 * - A model with a section that could not be computed is not kept (the next request tries
 *   again), nor is a build that failed.
 * - Bounded: at most `maxEntries` models and `maxChars` characters of models and PDF bytes in
 *   all, oldest dropped first; at most `maxPdfs` renderings of one model.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { inSnapshot } from '../../dashboards/pages/index.ts';
import { buildPackModel, type PackOptions } from '../../reports/build.ts';
import type { PackModel } from '../../reports/model.ts';
import { dataVersion } from './pageCache.ts';

export type PackAudience = 'staff' | 'board';

export interface PackKey {
  readonly month: string;
  readonly audience: PackAudience;
  /** Today (practice-local ISO date): freshness and the months offered depend on it. */
  readonly today: string;
  readonly practiceName: string;
  /** The practice's IANA time zone, in which the model's times are presented. */
  readonly timezone: string;
}

/** Builds a pack model; tests pass a counting wrapper around buildPackModel. */
export type PackBuilder = (conn: DuckDBConnection, opts: PackOptions) => Promise<PackModel>;

interface Entry {
  readonly model: Promise<PackModel>;
  /** Set once built and kept: the model's size in characters of JSON. */
  chars: number;
  readonly pdfs: Map<string, Buffer>;
}

const failed = (m: PackModel): boolean => m.pages.some((p) => p.sections.some((s) => s.failed !== undefined));

export interface PackCacheOptions {
  readonly build?: PackBuilder;
  readonly maxEntries?: number;
  readonly maxChars?: number;
  readonly maxPdfs?: number;
}

export class PackCache {
  readonly #build: PackBuilder;
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #maxPdfs: number;
  #version: string | undefined;
  readonly #entries = new Map<string, Entry>();

  constructor(opts: PackCacheOptions = {}) {
    this.#build = opts.build ?? buildPackModel;
    this.#maxEntries = opts.maxEntries ?? 8;
    this.#maxChars = opts.maxChars ?? 96 * 1024 * 1024;
    this.#maxPdfs = opts.maxPdfs ?? 4;
  }

  /** The draft model of `key` at the data version this connection sees (restatements left out). */
  async model(conn: DuckDBConnection, key: PackKey, now: Date): Promise<PackModel> {
    return (await this.#entry(conn, key, now)).model;
  }

  /**
   * The PDF of the draft of `key`, rendered by `render` from the kept model as `variant` (page
   * size, commentary, status, restatements) makes it: rendered once per model and variant.
   */
  async pdf(conn: DuckDBConnection, key: PackKey, now: Date, variant: unknown, render: (model: PackModel) => Promise<Buffer>): Promise<Buffer> {
    const entry = await this.#entry(conn, key, now);
    const model = await entry.model;
    const v = JSON.stringify(variant);
    const hit = entry.pdfs.get(v);
    if (hit) return hit;
    const pdf = await render(model);
    // Kept only while the model is (a model not kept, or dropped since, keeps no PDF).
    if (entry.chars > 0 && [...this.#entries.values()].includes(entry)) {
      while (entry.pdfs.size >= this.#maxPdfs) entry.pdfs.delete(entry.pdfs.keys().next().value!);
      entry.pdfs.set(v, pdf);
      this.#evict(entry);
    }
    return pdf;
  }

  get stats(): { readonly entries: number; readonly chars: number } {
    return { entries: this.#entries.size, chars: this.#total() };
  }

  async #entry(conn: DuckDBConnection, key: PackKey, now: Date): Promise<Entry> {
    // The version and the build read one snapshot: a model is kept under the version it was built from.
    return inSnapshot(conn, async () => {
      const version = await dataVersion(conn);
      if (version !== this.#version) {
        this.#entries.clear();
        this.#version = version;
      }
      const k = JSON.stringify([key.month, key.audience, key.today, key.practiceName, key.timezone]);
      const kept = this.#entries.get(k);
      if (kept) {
        await kept.model;
        return kept;
      }
      const model = this.#build(conn, { month: key.month, today: key.today, practiceName: key.practiceName, timezone: key.timezone, now, restatements: 'none' });
      const entry: Entry = { model, chars: 0, pdfs: new Map() };
      this.#entries.set(k, entry);
      const drop = () => {
        if (this.#entries.get(k) === entry) this.#entries.delete(k);
      };
      try {
        const built = await model;
        if (failed(built)) drop();
        else if (this.#entries.get(k) === entry) {
          entry.chars = JSON.stringify(built).length;
          this.#evict(entry);
        }
      } catch (err) {
        drop();
        throw err;
      }
      return entry;
    });
  }

  #total(): number {
    let n = 0;
    for (const e of this.#entries.values()) {
      n += e.chars;
      for (const p of e.pdfs.values()) n += p.length;
    }
    return n;
  }

  /** Drops the oldest built entries (never `keep`, nor a build in flight) until within bounds. */
  #evict(keep: Entry): void {
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#total() <= this.#maxChars) return;
      if (e !== keep && e.chars > 0) this.#entries.delete(k);
    }
    // Still over: the entry itself is too large to keep.
    if (this.#total() > this.#maxChars) {
      for (const [k, e] of this.#entries) if (e === keep) this.#entries.delete(k);
    }
  }
}
