/**
 * Where a request's server time goes, sent as a Server-Timing header (a browser's tools and
 * bench/dashboards.ts read it): `auth` everything before the route (session check and
 * authorization), `pool` waiting for a warehouse connection, `db` waiting on DuckDB statements,
 * `chart` the page's own code between them (metric arithmetic and drawing charts), `html`
 * writing the markup, `app` the whole of it. A phase that did not happen is left out. Only
 * durations are sent, never a value of the data.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { NextFunction, Request, Response } from 'express';

export type Phase = 'auth' | 'pool' | 'db' | 'chart' | 'html';
const ORDER: readonly Phase[] = ['auth', 'pool', 'db', 'chart', 'html'];

export class RequestTiming {
  readonly #ms = new Map<Phase, number>();
  constructor(readonly start = performance.now()) {}

  add(phase: Phase, ms: number): void {
    this.#ms.set(phase, (this.#ms.get(phase) ?? 0) + ms);
  }

  ms(phase: Phase): number {
    return this.#ms.get(phase) ?? 0;
  }

  /** Runs `fn`, its time counted as `phase`. */
  async time<T>(phase: Phase, fn: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  }

  /**
   * Runs `fn` as the page's own code: its time, less the DuckDB waits (`db`) it made, counts
   * as `chart`.
   */
  async code<T>(fn: () => Promise<T>): Promise<T> {
    const db0 = this.ms('db');
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add('chart', performance.now() - t0 - (this.ms('db') - db0));
    }
  }

  /** `conn` with the wait for every statement (run, runAndReadAll) counted as `db`. */
  connection(conn: DuckDBConnection): DuckDBConnection {
    return new Proxy(conn, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if ((prop !== 'run' && prop !== 'runAndReadAll') || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => this.time('db', () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  }

  /** The header's value, e.g. `auth;dur=0.4, db;dur=3.1, app;dur=5.0`. */
  header(): string {
    const parts = ORDER.filter((p) => this.#ms.has(p)).map((p) => `${p};dur=${this.ms(p).toFixed(1)}`);
    return [...parts, `app;dur=${(performance.now() - this.start).toFixed(1)}`].join(', ');
  }
}

/** Middleware, mounted first: starts the request's clock. */
export function startTiming(_req: Request, res: Response, next: NextFunction): void {
  res.locals.timing = new RequestTiming();
  next();
}

/** The request's timing (a fresh one when the app did not mount startTiming), with `auth` closed: call it as the route starts. */
export function routeTiming(res: Response): RequestTiming {
  const t = res.locals.timing ?? new RequestTiming();
  res.locals.timing = t;
  if (t.ms('auth') === 0) t.add('auth', performance.now() - t.start);
  return t;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Where this request's server time goes (server/timing.ts). */
      timing?: RequestTiming;
    }
  }
}
