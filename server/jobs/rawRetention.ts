/**
 * The retention of kept raw files (delivered exports hold names, birth dates and SSNs): at
 * every server start and nightly, raw files kept under data/rejected and data/archive longer
 * than `etl.rawRetentionDays` (default 30; 0 keeps nothing raw) are replaced by their receipts
 * (etl/inbox.ts purgeRawFiles). Each purge is one audit entry (`data.purge`: how many files and
 * bytes, the retention) and one log line (the files' places and sizes, never their content).
 * The nightly run is its own job definition, `raw-retention`, run by the scheduler like the others.
 */
import { purgeRawFiles, type PurgedFile } from '../../etl/inbox.ts';
import { audit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { JobDefinition } from './config.ts';

export const RAW_RETENTION_JOB: JobDefinition = { id: 'raw-retention', label: 'Purge of kept raw files', schedule: '30 2 * * *', enabled: true };

export async function purgeKeptRawFiles(ctx: Pick<Context, 'config' | 'pool' | 'logger'>, now: Date): Promise<PurgedFile[]> {
  const retentionDays = ctx.config.etl.rawRetentionDays;
  const purged = purgeRawFiles(ctx.config.paths, { now, retentionDays });
  const bytes = purged.reduce((n, f) => n + f.bytes, 0);
  await ctx.pool.use((c) =>
    audit(c, { actor: 'system', action: 'data.purge', target: 'raw_files', at: now, details: { files_n: purged.length, bytes_n: bytes, retention_days: retentionDays } }),
  );
  ctx.logger.info({ files: purged.map((f) => `${f.path} (${f.bytes} bytes)`), retentionDays }, `purged ${purged.length} kept raw files older than the retention`);
  return purged;
}
