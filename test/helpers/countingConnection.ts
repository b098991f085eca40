/**
 * A connection that records the text of every statement run on it (`run`, `runAndReadAll`), for
 * tests that count what a page or a section asks of the warehouse.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export function recording(conn: DuckDBConnection): { conn: DuckDBConnection; statements: string[] } {
  const statements: string[] = [];
  const proxy = new Proxy(conn, {
    get(target, prop) {
      const v = Reflect.get(target, prop) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (prop === 'run' || prop === 'runAndReadAll') statements.push(String(args[0]));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { conn: proxy, statements };
}
