/**
 * Volume and rate effects of a money measure, exact to the cent: amount = volume x rate, so
 * change = (V_cur - V_base) x rate_base [volume, at the comparison's rate]
 *        + V_cur x (rate_cur - rate_base) [rate, at the month's volume].
 * The volume effect is rounded to the cent (half away from zero) and the rate effect is the
 * rest, so the two sum exactly to the change. Volumes are exact rationals (a / b).
 */
import { roundDiv } from './exact.ts';
import { changeAmount } from './text.ts';
import type { BridgeEffect } from './types.ts';

export interface Volume {
  readonly num: bigint;
  readonly den: bigint;
}

export interface EffectSpec {
  readonly formula: string;
  readonly volumeLabel: string;
  readonly rateLabel: string;
}

/** The two effects, or null when the comparison's volume is not positive (no base rate). */
export function volumeRateEffects(spec: EffectSpec, baseCents: bigint, curCents: bigint, vCur: Volume, vBase: Volume): BridgeEffect[] | null {
  if (vBase.num <= 0n || vBase.den <= 0n || vCur.den <= 0n) return null;
  // (V_cur - V_base) / V_base = (a d - c b) / (b c) with V_cur = a / b, V_base = c / d.
  const volume = roundDiv(baseCents * (vCur.num * vBase.den - vBase.num * vCur.den), vCur.den * vBase.num);
  const rate = curCents - baseCents - volume;
  return [
    { key: 'volume', label: spec.volumeLabel, formula: spec.formula, change: changeAmount('usd', volume) },
    { key: 'rate', label: spec.rateLabel, formula: spec.formula, change: changeAmount('usd', rate) },
  ];
}
