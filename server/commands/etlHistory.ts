/**
 * `practiceboard etl status` and `practiceboard etl rejects <run> [--raw]`: what each source
 * covers and the recent runs; a run's rejected rows (line, column, reason), or, for an admin,
 * its quarantined raw records. The command line and the server's loopback API both call these;
 * each writes one audit entry (the raw records as a data download, since they may hold patient
 * identifiers).
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { coverage, listRuns, runExists, runQuarantine, runRejects, type CoverageRow, type RunRow } from '../../etl/history.ts';
import type { Context } from '../context.ts';
import { recordCommand, type Invocation } from './invocation.ts';

export interface EtlStatus {
  readonly runs: RunRow[];
  readonly coverage: CoverageRow[];
}

export async function etlStatus(ctx: Context, limit: number, inv: Invocation): Promise<EtlStatus> {
  const out = await ctx.pool.use(async (c) => ({ runs: await listRuns(c, limit), coverage: await coverage(c) }));
  await recordCommand(ctx, inv, 'page.view', 'etl status', { runs_n: out.runs.length });
  return out;
}

export interface EtlRejects {
  readonly rejects: { line_n: number; column_name: string | null; reason: string }[];
  readonly raw: { line_n: number; raw_record: string }[];
}

export async function etlRejects(ctx: Context, runId: string, opts: { raw: boolean }, inv: Invocation): Promise<EtlRejects> {
  const out = await ctx.pool.use(async (c) => {
    if (!(await runExists(c, runId))) return undefined;
    return { rejects: await runRejects(c, runId), raw: opts.raw ? await runQuarantine(c, runId) : [] };
  });
  if (!out) throw new PracticeBoardError('RUN_NOT_FOUND', `no run ${runId}; see \`practiceboard etl status\``, { status: 404 });
  if (opts.raw) await recordCommand(ctx, inv, 'data.download', runId, { what: 'quarantined records', rows_n: out.raw.length });
  else await recordCommand(ctx, inv, 'page.view', runId, { what: 'rejected rows', rows_n: out.rejects.length });
  return out;
}
