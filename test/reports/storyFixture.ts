/**
 * A hand-written PackStory for the demo's October 2026 pack (prior-month bridges of two
 * headlines, one anomaly), so the pack's story pages can be tested before, and apart from, the
 * bridge computation. The figures are made up for layout and are checked only as text.
 */
import type { BridgeAmount, BridgeDriver, PackStory } from '../../dashboards/bridge/types.ts';

const usd = (value: number, text: string): BridgeAmount => ({ value, exact: value.toFixed(2), text });
const driver = (dimension: BridgeDriver['dimension'], key: string, label: string, change: BridgeAmount, share: number): BridgeDriver => ({ dimension, key, label, base: null, current: null, change, share });

export const STORY: PackStory = {
  comparison: 'prior',
  bridges: [
    {
      metricId: 'gross_charges', label: 'Gross charges', unit: 'usd', month: '2026-10', comparison: 'prior', comparisonLabel: 'September 2026',
      base: usd(1204948, '$1.20M'), current: usd(1427927, '$1.43M'), change: usd(222979, '+$223.0k'), changePct: 0.185,
      byDimension: [],
      top: [
        driver('payerClass', 'medicare', 'Medicare', usd(138200, '+$138.2k'), 0.62),
        driver('payerClass', 'commercial', 'Commercial', usd(69100, '+$69.1k'), 0.31),
        driver('location', 'LOC2', 'Eastside clinic', usd(15679, '+$15.7k'), 0.07),
        driver('provider', 'P9', 'Dr. Fourth Driver', usd(1, '+$0.0k'), 0),
      ],
    },
    {
      metricId: 'net_payments', label: 'Payments (collections)', unit: 'usd', month: '2026-10', comparison: 'prior', comparisonLabel: 'September 2026',
      base: usd(589286.21, '$589.3k'), current: usd(742866.26, '$742.9k'), change: usd(153580.05, '+$153.6k'), changePct: 0.261,
      byDimension: [],
      top: [driver('payerClass', 'medicaid', 'Medicaid', usd(91000, '+$91.0k'), 0.59), { ...driver('provider', 'P3', 'Dr. Small Panel', usd(0, '$0.0k'), 0), suppressed: true }],
    },
    {
      // A last-year bridge: not the story's comparison, so never shown as the drivers.
      metricId: 'visits', label: 'Visits', unit: 'count', month: '2026-10', comparison: 'yoy', comparisonLabel: 'October 2025',
      base: null, current: null, change: null, changePct: null, byDimension: [], top: [driver('location', 'LOC9', 'Wrong Comparison Clinic', { value: 5, text: '+5' }, 1)],
    },
  ],
  anomalies: [{ kind: 'payments-collapsed', subject: 'Payer Acme Health (ACM01)', message: 'Payments fell from $41.2k to $0.00 in October 2026.', likelyExportProblem: true }],
  draft: {},
};
