/**
 * What every load (a CSV file or an 835) shares around its own work: a run id that sorts by
 * time, and the report handed to the listener (the audit) after the load, whose failure never
 * turns a recorded load into a failed one.
 * Example: newRunId(new Date('2026-11-01T12:00:00Z')) -> 'r20261101-120000-3fa9c1'.
 */
import { randomBytes } from 'node:crypto';
import { safeDuckDbMessage } from '../../core/errors.ts';
import type { LoadReport } from './report.ts';

export const newRunId = (now: Date): string =>
  `r${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-')}-${randomBytes(3).toString('hex')}`;

export interface ReportListener {
  readonly onReport?: (report: LoadReport) => void | Promise<void>;
  readonly logger?: { error(obj: object, msg?: string): void };
}

/** Run a load, then tell the listener; the load is already recorded in etl_run either way. */
export async function withReport(deps: ReportListener, load: () => Promise<LoadReport>): Promise<LoadReport> {
  const report = await load();
  try {
    await deps.onReport?.(report);
  } catch (err) {
    deps.logger?.error({ runId: report.runId, err: safeDuckDbMessage(err) }, 'a load listener failed');
  }
  return report;
}
