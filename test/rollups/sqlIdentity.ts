/**
 * Holds a rollup query changed for speed to its previous text (kept verbatim under reference/):
 * both run over the same warehouse, with the same rule lists, in full or narrowed as a partial
 * path narrows them; the rows must be equal as multisets (EXCEPT ALL both ways) and the column
 * types equal. Used by monthSqlFastPaths.test.ts and stepSqlIdentical.test.ts.
 */
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { expect } from 'vitest';
import { CLAIM_RANGE } from '../../dashboards/rollups/claim-pieces.ts';
import { scopeMonths } from '../../dashboards/rollups/month-scope.ts';
import type { RuleLists } from '../../dashboards/rollups/steps.ts';
import type { Harness } from '../helpers/etlHarness.ts';

/** A query file's text as the product reads it (steps.ts). */
export const sqlOf = (url: URL): string => readFileSync(url, 'utf8').trim().replace(/;$/, '');

/** How a partial path narrows a query: months markers, a claim range, or the A/R claim scope. */
export type Narrow = { readonly months: string[] } | { readonly claimRange: string } | { readonly claims: string } | undefined;

function bound(query: string, lists: RuleLists): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const params = (['contractual', 'non_denial'] as const).filter((p) => query.includes(`$${p}`));
  return {
    values: Object.fromEntries(params.map((p) => [p, listValue(lists[p])])),
    types: Object.fromEntries(params.map((p) => [p, LIST(VARCHAR)])),
  };
}

function narrowed(query: string, narrow: Narrow): { sql: string; values: Record<string, DuckDBValue> } {
  if (narrow && 'months' in narrow) return scopeMonths(query, narrow.months);
  if (narrow && 'claimRange' in narrow) {
    expect(query).toContain(CLAIM_RANGE);
    return { sql: query.replaceAll(CLAIM_RANGE, `(claim_id < $claim_to::VARCHAR)`), values: { claim_to: narrow.claimRange } };
  }
  if (narrow && 'claims' in narrow) {
    expect(query).toContain('/*claims*/ TRUE');
    return { sql: query.replaceAll('/*claims*/ TRUE', narrow.claims), values: {} };
  }
  return { sql: query, values: {} };
}

/** The query's rows as a temporary table `name`, and its column types. */
async function materialize(c: DuckDBConnection, name: string, query: string, lists: RuleLists, narrow: Narrow): Promise<string[]> {
  const n = narrowed(query, narrow);
  const { values, types } = bound(query, lists);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (${n.sql})`, { ...values, ...n.values }, types);
  return (await c.runAndReadAll(`SELECT column_name || ' ' || data_type FROM duckdb_columns() WHERE table_name = '${name}' ORDER BY column_index`)).getRows().map((r) => String(r[0]));
}

/** Rows of `now`, rows in one result and not the other (both ways), and both results' column types. */
export async function compareQueries(h: Harness, before: string, now: string, lists: RuleLists, narrow?: Narrow) {
  return h.warehouse.use(async (c) => {
    const typesBefore = await materialize(c, 'q_before', before, lists, narrow);
    const typesNow = await materialize(c, 'q_now', now, lists, narrow);
    const [differ, rows] = (
      await c.runAndReadAll(
        `SELECT (SELECT count(*) FROM (SELECT * FROM q_before EXCEPT ALL SELECT * FROM q_now))
              + (SELECT count(*) FROM (SELECT * FROM q_now EXCEPT ALL SELECT * FROM q_before)), (SELECT count(*) FROM q_now)`,
      )
    ).getRows()[0]!;
    return { rows: Number(rows), differ: Number(differ), typesBefore, typesNow };
  });
}
