/**
 * The demo practice's payers and their contracts: each payer's class (contract.ts
 * PAYER_CLASSES), the allowed amount as a share of the charge (the rest is the CO-45
 * contractual adjustment), its first-pass denial rate and how many days after the date of
 * service it pays (never sooner than 14 days nor later than 60). Payer names are invented.
 */
import type { PAYER_CLASSES } from '../etl/sources/contract.ts';
import { Weighted } from './random.ts';

export type PayerClass = (typeof PAYER_CLASSES)[number];

export interface Payer {
  readonly id: string;
  readonly name: string;
  readonly payerClass: PayerClass;
  /** Allowed amount in basis points of the charge. */
  readonly allowedBp: number;
  /** Share of claims denied on first submission. */
  readonly denialRate: number;
  /** Days from service to the payer's answer: [min, mode, max]. */
  readonly payLag: readonly [number, number, number];
}

const payer = (
  id: string,
  name: string,
  payerClass: PayerClass,
  allowedBp: number,
  denialRate: number,
  payLag: readonly [number, number, number],
): Payer => ({ id, name, payerClass, allowedBp, denialRate, payLag });

export const PAYERS: readonly Payer[] = [
  payer('BSH', 'Bluestone Health Plan', 'commercial', 7000, 0.06, [14, 18, 40]),
  payer('KMU', 'Keystone Mutual, Inc.', 'commercial', 6700, 0.065, [14, 20, 45]),
  payer('SCI', 'Summit Care Insurance', 'commercial', 7300, 0.055, [14, 17, 35]),
  payer('HVH', 'Harborview Health Partners', 'commercial', 6900, 0.075, [14, 24, 55]),
  payer('MCB', 'Medicare Part B', 'medicare', 4600, 0.045, [14, 15, 28]),
  payer('MAS', 'Silver Years Medicare Advantage', 'medicare', 4900, 0.07, [14, 19, 45]),
  payer('MCD', 'State Medicaid Fee-for-Service', 'medicaid', 3400, 0.1, [16, 26, 60]),
  payer('MMC', 'Riverbend Medicaid Managed Care', 'medicaid', 3700, 0.09, [15, 24, 55]),
  payer('WCM', 'Workers Comp Mutual', 'workers_comp', 7800, 0.09, [21, 38, 60]),
  payer('TRI', 'Tri-Service Health Program', 'other', 5600, 0.06, [14, 22, 50]),
  payer('VCC', 'Veterans Community Care', 'other', 5200, 0.065, [15, 27, 60]),
  payer('SELF', 'Self-Pay', 'self_pay', 10_000, 0, [0, 0, 0]),
];

const byId = new Map(PAYERS.map((p) => [p.id, p]));
const weights = (w: Record<string, number>): Weighted<Payer> =>
  new Weighted(Object.entries(w).map(([id, n]) => [byId.get(id)!, n] as const));

/** Insurance of a new adult patient. */
export const ADULT_PAYER_MIX = weights({ BSH: 14, KMU: 10, SCI: 8, HVH: 8, MCB: 16, MAS: 10, MCD: 8, MMC: 7, WCM: 3, TRI: 3, VCC: 3, SELF: 6 });
/** Insurance of a new pediatric patient: no Medicare, more Medicaid (CHIP). */
export const CHILD_PAYER_MIX = weights({ BSH: 18, KMU: 12, SCI: 10, HVH: 10, MCD: 20, MMC: 18, TRI: 4, SELF: 5 });
