/**
 * The catalog as data: every entry complete, the default target bands of PRODUCT.md §3,
 * target status and overrides, and the exact-money helpers.
 */
import { describe, expect, it } from 'vitest';
import { getMetric, METRICS, targetStatus, withTargets } from '../../dashboards/metrics/index.ts';
import { centsToNumber, centsToText, divideCents, toCents } from '../../dashboards/metrics/money.ts';

const UNITS = ['usd', 'pct', 'days', 'ratio', 'count', 'minutes', 'fte', 'rvu'];

describe('METRICS', () => {
  it('defines every metric once, completely', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.id, m.id).toMatch(/^[a-z0-9_]+$/);
      expect(m.label.length, m.id).toBeGreaterThan(2);
      expect(UNITS, m.id).toContain(m.unit);
      expect(['up', 'down', 'neutral'], m.id).toContain(m.goodDirection);
      expect(['MGMA', 'HFMA MAP Keys', 'CMS', 'house rule'], m.id).toContain(m.standard);
      expect(m.definition.length, m.id).toBeGreaterThan(80);
      expect(m.formula.length, m.id).toBeGreaterThan(10);
      expect(m.format.length, m.id).toBeGreaterThan(0);
      expect(m.inputs.length, m.id).toBeGreaterThan(0);
    }
  });

  it('includes the metrics PRODUCT.md §3 names', () => {
    for (const id of [
      'gross_charges', 'insurance_payments', 'patient_payments', 'refunds', 'net_payments', 'contractual_adjustments',
      'net_collection_rate', 'net_collection_rate_3m', 'net_collection_rate_12m', 'gross_collection_rate',
      'ar_total', 'ar_0_30', 'ar_31_60', 'ar_61_90', 'ar_91_120', 'ar_over_120', 'ar_over_90_pct', 'ar_over_120_pct',
      'days_in_ar', 'denial_rate', 'denial_rate_usd', 'charge_lag_days', 'days_to_payment',
      'payroll_cost', 'payroll_fte_provider', 'payroll_fte_clinical', 'payroll_fte_front_office', 'payroll_fte_business_ops',
      'payroll_fte_ancillary', 'support_fte_per_provider_fte', 'support_cost_pct_collections', 'overtime_pct', 'visits',
      'visits_per_provider_fte_day', 'payroll_cost_per_visit', 'work_rvus_per_provider_fte', 'no_show_rate',
      'late_cancel_rate', 'lead_time_days', 'visit_minutes',
    ]) {
      expect(getMetric(id).id).toBe(id);
    }
  });

  it('carries the default targets of PRODUCT.md', () => {
    expect(getMetric('net_collection_rate').target).toEqual({ good: 0.95 });
    expect(getMetric('days_in_ar').target).toEqual({ good: 30, warn: 40 });
    expect(getMetric('ar_over_90_pct').target).toEqual({ good: 0.1, warn: 0.15 });
    expect(getMetric('no_show_rate').target).toEqual({ good: 0.05, warn: 0.1 });
  });

  it('declares which filters each metric honours', () => {
    expect(getMetric('net_collection_rate').dimensions).toEqual(['location', 'provider', 'payerClass']);
    expect(getMetric('no_show_rate').dimensions).toEqual(['location', 'provider']);
    expect(getMetric('payroll_cost').dimensions).toEqual(['location']);
    expect(getMetric('visits_per_provider_fte_day').dimensions).toEqual(['location', 'provider']);
  });
});

describe('targetStatus and withTargets', () => {
  it('rates a value against the band in the good direction', () => {
    const ncr = getMetric('net_collection_rate');
    expect(targetStatus(ncr, 0.96)).toBe('good');
    expect(targetStatus(ncr, 0.95)).toBe('good');
    expect(targetStatus(ncr, 0.9)).toBe('bad');
    const days = getMetric('days_in_ar');
    expect(targetStatus(days, 28)).toBe('good');
    expect(targetStatus(days, 35)).toBe('warn');
    expect(targetStatus(days, 45)).toBe('bad');
    expect(targetStatus(getMetric('no_show_rate'), 0.07)).toBe('warn');
    expect(targetStatus(days, null)).toBeNull();
    expect(targetStatus(getMetric('gross_collection_rate'), 0.5)).toBeNull();
    expect(targetStatus(getMetric('denial_rate'), 0.5)).toBeNull();
  });

  it('overrides bands from configuration, rejecting unknown ids', () => {
    const catalog = withTargets({ days_in_ar: { good: 35, warn: 45 } });
    const days = catalog.find((m) => m.id === 'days_in_ar');
    expect(days?.target).toEqual({ good: 35, warn: 45 });
    expect(days && targetStatus(days, 40)).toBe('warn');
    expect(getMetric('days_in_ar').target).toEqual({ good: 30, warn: 40 });
    expect(() => withTargets({ nope: { good: 1 } })).toThrow(/unknown metric "nope"/);
  });
});

describe('money', () => {
  it('converts decimal text to cents and back, exactly', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents('-0.05')).toBe(-5n);
    expect(toCents('7')).toBe(700n);
    expect(centsToText(-5n)).toBe('-0.05');
    expect(centsToText(123450n)).toBe('1234.50');
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in cents it is 30
    expect(centsToNumber(toCents('0.10') + toCents('0.20'))).toBe(0.3);
    expect(() => toCents('12.345')).toThrow(/not an amount/);
  });

  it('divides to the cent, half away from zero', () => {
    expect(divideCents(1001n, 2n)).toBe(501n); // 5.005 -> 5.01
    expect(divideCents(-1001n, 2n)).toBe(-501n);
    expect(divideCents(1000n, 3n)).toBe(333n);
    expect(() => divideCents(1n, 0n)).toThrow(/by zero/);
  });
});
