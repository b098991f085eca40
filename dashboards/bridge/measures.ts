/**
 * The headline measures a bridge explains, and how: the unit, the dimensions the data can split
 * it by, and the identity its effects follow. The overview's money, rate, A/R and access
 * measures plus payroll cost (PRODUCT.md §3); each id is the metric catalog's.
 */
import type { BridgeDimension } from './types.ts';

export interface BridgeMeasure {
  readonly id: string;
  readonly unit: 'usd' | 'pct' | 'days' | 'count';
  readonly dimensions: readonly BridgeDimension[];
  /** The pack section whose commentary it belongs to. */
  readonly section: 'financial' | 'collections' | 'staffing';
  /** Whether a budget line exists for it (plan-vs-actual's lines). */
  readonly budgeted: boolean;
}

const FLOW_DIMENSIONS: readonly BridgeDimension[] = ['payerClass', 'payer', 'provider', 'location', 'procedureGroup'];

export const BRIDGE_MEASURES: readonly BridgeMeasure[] = [
  { id: 'gross_charges', unit: 'usd', dimensions: FLOW_DIMENSIONS, section: 'financial', budgeted: true },
  { id: 'net_payments', unit: 'usd', dimensions: FLOW_DIMENSIONS, section: 'financial', budgeted: true },
  { id: 'net_collection_rate', unit: 'pct', dimensions: FLOW_DIMENSIONS, section: 'financial', budgeted: false },
  { id: 'days_in_ar', unit: 'days', dimensions: ['payerClass', 'payer', 'provider', 'location'], section: 'collections', budgeted: false },
  { id: 'visits', unit: 'count', dimensions: ['location', 'provider'], section: 'staffing', budgeted: true },
  { id: 'no_show_rate', unit: 'pct', dimensions: ['location', 'provider'], section: 'staffing', budgeted: false },
  { id: 'payroll_cost', unit: 'usd', dimensions: ['location'], section: 'staffing', budgeted: true },
];

export const BRIDGE_METRIC_IDS: readonly string[] = BRIDGE_MEASURES.map((m) => m.id);

export const bridgeMeasure = (id: string): BridgeMeasure | undefined => BRIDGE_MEASURES.find((m) => m.id === id);
