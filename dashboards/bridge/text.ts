/**
 * Amounts of a bridge as the reader sees them, from exact whole units of the measure's quantum
 * (cents for money, 0.1 percentage point for a rate, 0.1 day, one visit). The bridge's one
 * formatter: levels through the unit table (formatValue), changes signed, money compact on the
 * chart and in sentences ('$61.2k') with the exact amount kept beside it.
 */
import { formatValue } from '../charts/format.ts';
import { centsToText } from '../metrics/money.ts';
import type { BridgeAmount } from './types.ts';

export type BridgeUnit = 'usd' | 'pct' | 'days' | 'count';

/** Whole units per unit of value: 100 cents a dollar, 1000 tenths of a point per 1.0 (100%), 10 tenths a day. */
export const QUANTUM: Readonly<Record<BridgeUnit, bigint>> = { usd: 100n, pct: 1000n, days: 10n, count: 1n };

const COLUMN: Readonly<Record<BridgeUnit, string>> = { usd: 'amount_usd', pct: 'rate_pct', days: 'age_days', count: 'count_n' };

/** $1,234 / $61.2k / $1.14M from cents (the exact amount is kept apart). */
function compactMoney(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  const sign = cents < 0n ? '-' : '';
  const dollars = Number(abs) / 100;
  if (abs >= 100_000_000n) return `${sign}$${(dollars / 1e6).toFixed(2)}M`;
  if (abs >= 100_000n) return `${sign}$${(dollars / 1e3).toFixed(1)}k`;
  return `${sign}$${Math.round(dollars).toLocaleString('en-US')}`;
}

const valueOf = (unit: BridgeUnit, units: bigint): number => Number(units) / Number(QUANTUM[unit]);

/** A level (the month's value, a segment's amount): '$61.2k', '94.7%', '32.4', '1,234'. */
export function levelAmount(unit: BridgeUnit, units: bigint): BridgeAmount {
  const value = valueOf(unit, units);
  if (unit === 'usd') return { value, exact: centsToText(units), text: compactMoney(units) };
  return { value, text: formatValue(COLUMN[unit], value) };
}

/** A change: '+$38.0k', '-1.2 pts', '+3.4 days', '+12'. */
export function changeAmount(unit: BridgeUnit, units: bigint): BridgeAmount {
  const value = valueOf(unit, units);
  const sign = units > 0n ? '+' : units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  if (unit === 'usd') return { value, exact: centsToText(units), text: `${sign}${compactMoney(abs)}` };
  if (unit === 'pct') return { value, text: `${sign}${(Number(abs) / 10).toFixed(1)} pts` };
  if (unit === 'days') return { value, text: `${sign}${(Number(abs) / 10).toFixed(1)} days` };
  return { value, text: `${sign}${Number(abs).toLocaleString('en-US')}` };
}

/** A relative change as a whole percent: '+12%', '-3%'. */
export function percentText(pct: number): string {
  const r = Math.round(pct * 100);
  return `${r > 0 ? '+' : ''}${r}%`;
}
