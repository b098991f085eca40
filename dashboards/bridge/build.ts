/**
 * bridgeFor: the variance bridge of one headline measure over a period against its comparison
 * (prior span, same months a year before, or budget), under the page's filters, for an
 * audience. Totals are the metric catalog's own (its notes say why a value is missing); the
 * segments come from the rollups (segments.ts) and are split exactly (compute.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import { computeMetrics, getMetric, noBudgetReason, planVsActual, type MetricFilter } from '../metrics/index.ts';
import { runInput } from '../metrics/inputs/index.ts';
import { toCents } from '../metrics/money.ts';
import { isSmall } from '../privacy/rules.ts';
import { computeBridge, type DimensionData, type MeasureData, type Segment, type Total } from './compute.ts';
import { fullMonth } from './anomalies.ts';
import { volumeRateEffects, type Volume } from './effects.ts';
import { bridgeMeasure, BRIDGE_METRIC_IDS, type BridgeMeasure } from './measures.ts';
import { BOARD_COUNTED_DIMENSION, COUNTED_BRIDGES, poolSmallSegments } from './privacy.ts';
import { appointmentSegments, arSegments, flowSegments, payrollSegments, segmentLabels, type RawSegment, type SegmentQuery } from './segments.ts';
import type { Audience, Bridge, BridgeComparison, BridgeEffect } from './types.ts';

export interface BridgeRequest {
  readonly metricId: string;
  /** The period explained: whole months, `to` its last day. */
  readonly from: string;
  readonly to: string;
  readonly comparison: BridgeComparison;
  /** The comparison's months (prior or last year); the same as the period for a budget. */
  readonly base: { readonly from: string; readonly to: string };
  readonly filter?: Pick<MetricFilter, 'locationId' | 'providerId' | 'payerClass'>;
  readonly audience: Audience;
}

const spanLabel = (r: { from: string; to: string }) => {
  const a = fullMonth(r.from.slice(0, 7));
  const b = fullMonth(r.to.slice(0, 7));
  return a === b ? a : `${a} to ${b}`;
};

/** Segment lists of the measure's dimensions: num (and a rate's own den) per segment. */
type Pick2 = (side: Readonly<Record<string, bigint>>, period: 'cur' | 'base') => { num: bigint; den?: bigint };

function dimensionsOf(m: BridgeMeasure, raw: readonly RawSegment[], pick: Pick2): DimensionData[] {
  return m.dimensions.map((dimension) => ({
    dimension,
    segments: raw
      .filter((s) => s.dimension === dimension)
      .map((s): Segment => {
        const c = pick(s.cur, 'cur');
        const b = pick(s.base, 'base');
        return { key: s.key, label: s.label, cur: c.num, base: b.num, ...(c.den !== undefined ? { curDen: c.den } : {}), ...(b.den !== undefined ? { baseDen: b.den } : {}) };
      }),
  }));
}

const totalOf = (d: DimensionData | undefined, side: 'cur' | 'base') => (d?.segments ?? []).reduce((a, s) => a + s[side], 0n);
const denOf = (d: DimensionData | undefined, side: 'curDen' | 'baseDen') => (d?.segments ?? []).reduce((a, s) => a + (s[side] ?? 0n), 0n);

interface Parts {
  readonly dims: DimensionData[];
  readonly cur: Total;
  readonly base: Total;
  readonly effects?: BridgeEffect[];
}

async function partsOf(conn: DuckDBConnection, m: BridgeMeasure, q: SegmentQuery, mf: (r: { from: string; to: string }) => MetricFilter): Promise<Parts> {
  const labels = await segmentLabels(conn);
  switch (m.id) {
    case 'gross_charges':
    case 'net_payments':
    case 'net_collection_rate': {
      const raw = await flowSegments(conn, q, labels);
      const net = (s: Readonly<Record<string, bigint>>) => s.charges_usd! - s.contractual_adj_usd!;
      if (m.id === 'net_collection_rate') {
        const dims = dimensionsOf(m, raw, (s) => ({ num: s.net_payments_usd!, den: net(s) }));
        return { dims, cur: { num: totalOf(dims[0], 'cur'), den: denOf(dims[0], 'curDen') }, base: { num: totalOf(dims[0], 'base'), den: denOf(dims[0], 'baseDen') } };
      }
      const column = m.id === 'gross_charges' ? 'charges_usd' : 'net_payments_usd';
      const dims = dimensionsOf(m, raw, (s) => ({ num: s[column]! }));
      const cur = { num: totalOf(dims[0], 'cur'), den: 100n };
      const base = { num: totalOf(dims[0], 'base'), den: 100n };
      let effects: BridgeEffect[] | null = null;
      if (m.id === 'net_payments') {
        const netCharges = (side: 'cur' | 'base') => raw.filter((s) => s.dimension === 'payerClass').reduce((a, s) => a + net(s[side]), 0n);
        effects = volumeRateEffects(
          { formula: 'collections = (gross charges - contractual adjustments) x net collection rate', volumeLabel: 'Net charges (volume)', rateLabel: 'Net collection rate' },
          base.num, cur.num, { num: netCharges('cur'), den: 1n }, { num: netCharges('base'), den: 1n },
        );
      } else if (q.filter.payerClass === undefined) {
        // Visits have no payer: the volume split exists only without a payer-class filter.
        const [vc, vb] = await runInput(conn, 'appointments', [q.cur, q.base].map((r) => ({ from: r.from, to: r.to })), mf(q.cur));
        if (vc?.appointments_known && vb?.appointments_known) {
          effects = volumeRateEffects(
            { formula: 'gross charges = visits x charge per visit', volumeLabel: 'Visits (volume)', rateLabel: 'Charge per visit' },
            base.num, cur.num, { num: BigInt(vc.fulfilled_n), den: 1n }, { num: BigInt(vb.fulfilled_n), den: 1n },
          );
        }
      }
      return { dims, cur, base, ...(effects ? { effects } : {}) };
    }
    case 'days_in_ar': {
      const [ac, ab] = await runInput(conn, 'ar', [q.cur, q.base].map((r) => ({ from: r.from, to: r.to })), mf(q.cur));
      const days = { cur: BigInt(ac!.charge_days_n), base: BigInt(ab!.charge_days_n) };
      const raw = await arSegments(conn, q, labels);
      const dims = dimensionsOf(m, raw, (s, p) => ({ num: s.ar_usd! * days[p] }));
      return { dims, cur: { num: totalOf(dims[0], 'cur'), den: ac!.charges_90d_usd }, base: { num: totalOf(dims[0], 'base'), den: ab!.charges_90d_usd } };
    }
    case 'visits':
    case 'no_show_rate': {
      const raw = await appointmentSegments(conn, q, labels);
      const dims = m.id === 'visits'
        ? dimensionsOf(m, raw, (s) => ({ num: s.fulfilled_n! }))
        : dimensionsOf(m, raw, (s) => ({ num: s.noshow_n!, den: s.fulfilled_n! + s.noshow_n! + s.late_cancel_n! }));
      if (m.id === 'visits') return { dims, cur: { num: totalOf(dims[0], 'cur'), den: 1n }, base: { num: totalOf(dims[0], 'base'), den: 1n } };
      return { dims, cur: { num: totalOf(dims[0], 'cur'), den: denOf(dims[0], 'curDen') }, base: { num: totalOf(dims[0], 'base'), den: denOf(dims[0], 'baseDen') } };
    }
    case 'payroll_cost': {
      const raw = await payrollSegments(conn, q, labels);
      const dims = dimensionsOf(m, raw, (s) => ({ num: s.payroll_cost_usd! }));
      const cur = { num: totalOf(dims[0], 'cur'), den: 100n };
      const base = { num: totalOf(dims[0], 'base'), den: 100n };
      const [pc, pb] = await runInput(conn, 'payroll', [q.cur, q.base].map((r) => ({ from: r.from, to: r.to })), mf(q.cur));
      // FTE = FTE-days / days covered; FTE-days are DECIMAL(18, 6), exact in millionths.
      const fte = (p: typeof pc): Volume => ({ num: BigInt(Math.round((p?.fte_days ?? 0) * 1e6)), den: BigInt(p?.days_n ?? 0) * 1_000_000n });
      const effects = pc?.payroll_known && pb?.payroll_known
        ? volumeRateEffects({ formula: 'payroll cost = FTE x cost per FTE', volumeLabel: 'FTE (volume)', rateLabel: 'Cost per FTE' }, base.num, cur.num, fte(pc), fte(pb))
        : null;
      return { dims, cur, base, ...(effects ? { effects } : {}) };
    }
    default:
      throw new PracticeBoardError('BRIDGE_UNKNOWN', `no bridge for ${m.id}`, { status: 404 });
  }
}

/** Budget: the plan for the same months at the grain it is set (no segments). */
async function budgetBase(conn: DuckDBConnection, m: BridgeMeasure, filter: MetricFilter): Promise<{ base: Total | null; note?: string }> {
  if (!m.budgeted) return { base: null, note: 'No budget is set for this measure.' };
  const reason = noBudgetReason(filter);
  if (reason) return { base: null, note: reason };
  const row = (await planVsActual(conn, filter)).find((r) => r.metric_id === m.id);
  if (!row) return { base: null, note: 'No budget is set for this measure in this period.' };
  const cents = toCents(row.plan.toFixed(2));
  // Plans are DECIMAL(18, 2) in the line's unit (dollars, or a count): hundredths over 100.
  return { base: { num: cents, den: 100n } };
}

function smallTotal(m: BridgeMeasure, parts: Pick<Parts, 'cur' | 'base'>): boolean {
  if (!COUNTED_BRIDGES.has(m.id)) return false;
  const nums = m.id === 'visits' ? [parts.cur.num, parts.base.num] : [parts.cur.num, parts.cur.den, parts.base.num, parts.base.den];
  return nums.some((n) => isSmall(Number(n)));
}

export async function bridgeFor(conn: DuckDBConnection, req: BridgeRequest): Promise<Bridge> {
  const m = bridgeMeasure(req.metricId);
  if (!m) throw new PracticeBoardError('BRIDGE_UNKNOWN', `There is no "why" view for ${JSON.stringify(req.metricId)}; there is one for ${BRIDGE_METRIC_IDS.join(', ')}`, { status: 404 });
  const metric = getMetric(m.id);
  const filter = req.filter ?? {};
  const mf = (r: { from: string; to: string }): MetricFilter => ({ from: r.from, to: r.to, ...filter });
  const budget = req.comparison === 'budget';
  const q: SegmentQuery = { cur: { from: req.from, to: req.to }, base: budget ? { from: '1900-01-01', to: '1900-01-31' } : req.base, filter };
  const [curValue] = Object.values(await computeMetrics(conn, mf(q.cur), [m.id]));
  const baseValue = budget ? null : Object.values(await computeMetrics(conn, mf(req.base), [m.id]))[0];
  const head = {
    metricId: m.id, label: metric.label, unit: m.unit, month: req.to.slice(0, 7), comparison: req.comparison,
    comparisonLabel: budget ? 'Budget' : spanLabel(req.base),
  };
  const parts = await partsOf(conn, m, q, mf);
  let data: MeasureData = {
    ...head,
    cur: curValue?.value === null || curValue === undefined ? null : parts.cur,
    base: baseValue?.value === null ? null : parts.base,
    dimensions: parts.dims,
    ...(parts.effects ? { effects: parts.effects } : {}),
    ...(curValue?.value === null ? { note: `No value for the month: ${curValue.note ?? 'no data'}.` } : baseValue?.value === null ? { note: `No value for ${head.comparisonLabel}: ${baseValue.note ?? 'no data'}.` } : {}),
  };
  if (budget) {
    const b = await budgetBase(conn, m, mf(q.cur));
    data = { ...data, base: b.base, dimensions: [], effects: undefined, note: b.note ?? 'A budget has no split by payer, provider, location or procedure: only the total is compared.' };
  }
  if (req.audience !== 'manager' && COUNTED_BRIDGES.has(m.id)) {
    if (smallTotal(m, parts)) {
      return computeBridge({ ...data, cur: null, base: null, dimensions: [], effects: undefined, note: 'suppressed: small counts (CMS cell-size rule)' });
    }
    data = { ...data, dimensions: data.dimensions.filter((d) => d.dimension === BOARD_COUNTED_DIMENSION).map((d) => ({ ...d, segments: poolSmallSegments(d.segments) })) };
  }
  return computeBridge(data);
}
