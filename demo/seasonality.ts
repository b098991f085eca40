/**
 * Seasonal demand for office visits: a winter respiratory peak (January-February), a summer
 * lull with its low in August, and a dip in the last ten days of December. The factor scales
 * how full the schedule is; 1.0 is an average day.
 */
import { ymd } from './calendar.ts';

const MONTH_FACTOR = [1.12, 1.09, 1.03, 0.99, 0.97, 0.95, 0.93, 0.84, 1.0, 1.03, 1.02, 0.97];

export function demandFactor(day: number): number {
  const { month, date } = ymd(day);
  if (month === 12 && date >= 20) return 0.74;
  return MONTH_FACTOR[month - 1]!;
}

/** Winter (December-February): more no-shows with weather and illness. */
export function isWinter(day: number): boolean {
  const { month } = ymd(day);
  return month === 12 || month <= 2;
}
