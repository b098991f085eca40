/**
 * Reads the segment numbers a bridge needs, from the .sql files beside this module: one
 * statement per source for both periods and every dimension, filters bound as parameters.
 * Money comes back as integer cents, counts as bigint; a NULL id is the Unassigned segment.
 */
import { withheldPayGroups } from '../privacy/pay-groups.ts';
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { humanize } from '../charts/format.ts';
import { toCents } from '../metrics/money.ts';
import type { MetricFilter } from '../metrics/index.ts';
import { DEFAULT_ADJUSTMENT_RULES } from '../rollups/adjustment-rules.ts';
import { UNASSIGNED } from './compute.ts';
import { procedureGroup } from './procedureGroups.ts';
import type { BridgeDimension } from './types.ts';

const sql = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const SQL = {
  flows: sql('flow-segments.sql'),
  procedures: sql('procedure-segments.sql'),
  ar: sql('ar-segments.sql'),
  appointments: sql('appointment-segments.sql'),
  payroll: sql('payroll-segments.sql'),
  labels: sql('labels.sql'),
};

/** The month's range and the comparison's, with the page's filters. */
export interface SegmentQuery {
  readonly cur: { readonly from: string; readonly to: string };
  readonly base: { readonly from: string; readonly to: string };
  readonly filter: Pick<MetricFilter, 'locationId' | 'providerId' | 'payerClass'>;
}

/** One segment's raw numbers in one period, by column. */
export interface RawSegment {
  readonly dimension: BridgeDimension;
  readonly key: string | null;
  readonly label: string;
  readonly cur: Readonly<Record<string, bigint>>;
  readonly base: Readonly<Record<string, bigint>>;
}

async function run(conn: DuckDBConnection, text: string, q: SegmentQuery, extra: Record<string, DuckDBValue> = {}, extraTypes: Record<string, DuckDBType> = {}) {
  const values: Record<string, DuckDBValue> = {
    cur_from: q.cur.from, cur_to: q.cur.to, base_from: q.base.from, base_to: q.base.to,
    location_id: q.filter.locationId ?? null, provider_id: q.filter.providerId ?? null, payer_class: q.filter.payerClass ?? null, ...extra,
  };
  const types: Record<string, DuckDBType> = { ...extraTypes };
  for (const name of Object.keys(values)) types[name] ??= VARCHAR;
  // Only the parameters a statement names are bound (DuckDB refuses unknown ones).
  for (const name of Object.keys(values)) if (!text.includes(`$${name}`)) { delete values[name]; delete types[name]; }
  return (await conn.runAndReadAll(text, values, types)).getRowObjectsJson();
}

const amount = (column: string, v: unknown): bigint => (v === null || v === undefined ? 0n : column.endsWith('_usd') ? toCents(String(v)) : BigInt(String(v)));

type Labels = ReadonlyMap<string, string>;

export async function segmentLabels(conn: DuckDBConnection): Promise<Labels> {
  const rows = (await conn.runAndReadAll(SQL.labels)).getRowObjectsJson();
  return new Map(rows.map((r) => [`${String(r.dimension)}\u0000${String(r.key)}`, String(r.label)]));
}

function labelOf(labels: Labels, dimension: BridgeDimension, key: string | null): string {
  if (key === null) return UNASSIGNED;
  if (dimension === 'payerClass') return humanize(key);
  return labels.get(`${dimension}\u0000${key}`) ?? key;
}

/** Rows (dimension, key, period, columns...) folded into one RawSegment per dimension and key. */
function fold(rows: readonly Record<string, unknown>[], columns: readonly string[], labels: Labels, fixed?: BridgeDimension): RawSegment[] {
  const byKey = new Map<string, { dimension: BridgeDimension; key: string | null; cur: Record<string, bigint>; base: Record<string, bigint> }>();
  const zero = () => Object.fromEntries(columns.map((c) => [c, 0n]));
  for (const r of rows) {
    const dimension = (fixed ?? String(r.dimension)) as BridgeDimension;
    const key = r.key === null || r.key === undefined ? null : String(r.key);
    const id = `${dimension}\u0000${key ?? '\u0001'}`;
    let s = byKey.get(id);
    if (!s) byKey.set(id, (s = { dimension, key, cur: zero(), base: zero() }));
    const side = r.period === 'cur' ? s.cur : s.base;
    for (const c of columns) side[c] = side[c]! + amount(c, r[c]);
  }
  return [...byKey.values()].map((s) => ({ ...s, label: labelOf(labels, s.dimension, s.key) }));
}

export async function flowSegments(conn: DuckDBConnection, q: SegmentQuery, labels: Labels): Promise<RawSegment[]> {
  const cols = ['charges_usd', 'net_payments_usd', 'contractual_adj_usd'];
  const byDim = fold(await run(conn, SQL.flows, q), cols, labels);
  // Procedure codes grouped by the ranges of procedure-groups.json.
  const contractual = listValue([...DEFAULT_ADJUSTMENT_RULES.contractual]);
  const codes = await run(conn, SQL.procedures, q, { contractual }, { contractual: LIST(VARCHAR) });
  const grouped = codes.map((r) => {
    const g = procedureGroup(r.key === null ? null : String(r.key));
    return { ...r, key: g?.id ?? null, label: g?.label ?? UNASSIGNED };
  });
  const groupLabel = new Map(grouped.map((r) => [r.key, r.label]));
  const byGroup = fold(grouped, cols, labels, 'procedureGroup').map((s) => ({ ...s, label: groupLabel.get(s.key) ?? UNASSIGNED }));
  return [...byDim, ...byGroup];
}

export async function arSegments(conn: DuckDBConnection, q: SegmentQuery, labels: Labels): Promise<RawSegment[]> {
  return fold(await run(conn, SQL.ar, q), ['ar_usd'], labels);
}

export async function appointmentSegments(conn: DuckDBConnection, q: SegmentQuery, labels: Labels): Promise<RawSegment[]> {
  return fold(await run(conn, SQL.appointments, q), ['fulfilled_n', 'noshow_n', 'late_cancel_n'], labels);
}

export async function payrollSegments(conn: DuckDBConnection, q: SegmentQuery, labels: Labels): Promise<RawSegment[]> {
  return poolSmallPayGroups(fold(await run(conn, SQL.payroll, q), ['payroll_cost_usd', 'employees_n'], labels));
}

/** The label of the pooled locations: those paying fewer than MIN_PAY_GROUP people in a month, and their complements. */
export const POOLED_LOCATIONS = 'Smaller locations, pooled';
/** Its key: no location id is empty, so it cannot be taken for one. */
const POOLED_KEY = '';

/**
 * One person's pay is the admin's alone (PRODUCT.md §5). Locations are withheld per period, from
 * that period's head counts alone: every location paying 1 or 2 people in the period, then the
 * next-smallest locations of the period while the withheld ones pay 1 or 2 people in all. A
 * location withheld in either period is pooled into one driver. As a period's withheld set does
 * not depend on the other period, a month's locations are withheld alike in every view of that
 * month (against the prior month or last year, and in the pack's story), so two views cannot be
 * differenced to one person's pay: a view gives away at most the sum of a period's withheld
 * locations, which pays at least MIN_PAY_GROUP people. Pooling keeps the drivers' exact sum.
 */
export function poolSmallPayGroups(segments: readonly RawSegment[]): RawSegment[] {
  const withheldIn = (side: 'cur' | 'base'): Set<RawSegment> => {
    const keys = withheldPayGroups(new Map(segments.map((s) => [String(s.key), s[side].employees_n ?? 0n])));
    return new Set(segments.filter((s) => keys.has(String(s.key))));
  };
  const withheld = new Set([...withheldIn('cur'), ...withheldIn('base')]);
  if (withheld.size === 0) return [...segments];
  const add = (a: Readonly<Record<string, bigint>>, b: Readonly<Record<string, bigint>>) => Object.fromEntries(Object.keys({ ...a, ...b }).map((k) => [k, (a[k] ?? 0n) + (b[k] ?? 0n)]));
  const pooled = segments.filter((s) => withheld.has(s));
  const cur = pooled.reduce<Readonly<Record<string, bigint>>>((a, s) => add(a, s.cur), {});
  const base = pooled.reduce<Readonly<Record<string, bigint>>>((a, s) => add(a, s.base), {});
  return [...segments.filter((s) => !withheld.has(s)), { dimension: pooled[0]!.dimension, key: POOLED_KEY, label: POOLED_LOCATIONS, cur, base }];
}
