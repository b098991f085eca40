/**
 * The shape of a catalog entry and `defineMetric`, which checks an entry's inputs at compile
 * time and fills in the filter dimensions it honours (those all its inputs share, unless the
 * entry says otherwise).
 */
import { INPUTS, type InputId, type InputRows } from './inputs/index.ts';
import type { Dimension, GoodDirection, MetricValue, Standard, TargetBand, Unit } from './types.ts';

export type MetricGroup = 'financial' | 'collections' | 'staffing' | 'access';

interface MetricText {
  readonly id: string;
  readonly label: string;
  readonly group: MetricGroup;
  readonly unit: Unit;
  /** d3-format specifier for display, e.g. '$,.0f', '.1%'. */
  readonly format: string;
  readonly goodDirection: GoodDirection;
  readonly target: TargetBand;
  /** One paragraph a board member can read. */
  readonly definition: string;
  readonly standard: Standard;
  /** The formula, in words. */
  readonly formula: string;
  /**
   * Over which months the inputs are read: the filter's period, or a trailing window of
   * `trailingMonths` ending with the filter's last month.
   */
  readonly trailingMonths?: number;
}

export interface Metric extends MetricText {
  readonly inputs: readonly InputId[];
  /** Filter dimensions the metric honours; a filter on any other makes its value null. */
  readonly dimensions: readonly Dimension[];
  compute(inputs: InputRows): MetricValue;
}

export interface MetricSpec<K extends InputId> extends MetricText {
  readonly inputs: readonly K[];
  readonly dimensions?: readonly Dimension[];
  compute(inputs: Pick<InputRows, K>): MetricValue;
}

export function defineMetric<K extends InputId>(spec: MetricSpec<K>): Metric {
  const shared = (['location', 'provider', 'payerClass'] as const).filter((d) =>
    spec.inputs.every((i) => INPUTS[i].dimensions.includes(d)),
  );
  return Object.freeze({ ...spec, dimensions: spec.dimensions ?? shared });
}
