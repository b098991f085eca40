/**
 * Minimum pay groups (PRODUCT.md §5: individual pay is the admin's alone). Everyone else sees
 * payroll cost only of groups paying at least MIN_PAY_GROUP people, decided per month from that
 * month's head counts alone:
 * - `withheldPayGroups`: the groups paying 1 or 2 people, then the next-smallest groups while the
 *   withheld ones pay 1 or 2 people in all, so that the total less the groups shown gives away at
 *   most the pay of MIN_PAY_GROUP people or more.
 * - `withheldPayMonths`: the months in which a location is withheld. A span of months that holds
 *   one of them is withheld as a whole, so no two spans can be differenced down to that month.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { MIN_PAY_GROUP } from '../metrics/breakdowns/payroll-by-class.ts';

const SQL = readFileSync(new URL('./pay-groups.sql', import.meta.url), 'utf8');

/** The keys withheld among groups with these head counts (0 = paid nobody: nothing to give away). */
export function withheldPayGroups(people: ReadonlyMap<string, bigint>): Set<string> {
  const min = BigInt(MIN_PAY_GROUP);
  const small = (n: bigint) => n > 0n && n < min;
  const withheld = new Set([...people].filter(([, n]) => small(n)).map(([k]) => k));
  const rest = [...people]
    .filter(([k, n]) => !withheld.has(k) && n > 0n)
    .sort(([ka, a], [kb, b]) => (a < b ? -1 : a > b ? 1 : ka.localeCompare(kb)));
  const total = () => [...withheld].reduce((sum, k) => sum + people.get(k)!, 0n);
  while (rest.length > 0 && small(total())) withheld.add(rest.shift()![0]);
  return withheld;
}

/** The months (first days, ISO) from `from` to `to` in which `locationId`'s pay is withheld. */
export async function withheldPayMonths(conn: DuckDBConnection, locationId: string, from: string, to: string): Promise<Set<string>> {
  const byMonth = new Map<string, Map<string, bigint>>();
  for (const [month, location, n] of (await conn.runAndReadAll(SQL, { from, to })).getRows()) {
    const m = String(month);
    if (!byMonth.has(m)) byMonth.set(m, new Map());
    byMonth.get(m)!.set(String(location), BigInt(n as bigint));
  }
  return new Set([...byMonth].filter(([, people]) => withheldPayGroups(people).has(locationId)).map(([m]) => m));
}

/** Whether a span from `from` to `to` holds a withheld month. */
export const spanWithheld = (months: ReadonlySet<string>, from: string, to: string): boolean =>
  [...months].some((m) => m >= from.slice(0, 7) + '-01' && m <= to);

/** The payroll cost figures the rule covers, and what a withheld one says. */
export const PAY_METRICS: ReadonlySet<string> = new Set(['payroll_cost', 'payroll_cost_per_visit', 'support_cost_pct_collections']);
export const PAY_WITHHELD_NOTE = `withheld: this location paid fewer than ${MIN_PAY_GROUP} people in a month of the period (pay by person is the admin's alone)`;
