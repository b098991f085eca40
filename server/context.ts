/**
 * Everything a running PracticeBoard holds, built once from the configuration: the one
 * warehouse instance of this process, the profiles, the patient-hash key, the logger, and the
 * ETL runner. The server and the command line both start from here.
 */
import { mkdirSync } from 'node:fs';
import type { LoaderDeps } from '../etl/load/loadFile.ts';
import { loadOrCreateKey } from '../etl/phi/patientKey.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { Warehouse } from '../core/warehouse/open.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../dashboards/rollups/incremental.ts';
import type { Config } from './config.ts';
import { EtlRunner } from './etlRunner.ts';
import { audit } from './audit/index.ts';
import { createLogger, type Logger } from './log.ts';

export interface Context {
  readonly config: Config;
  readonly warehouse: Warehouse;
  readonly logger: Logger;
  readonly etl: EtlRunner;
  close(): void;
}

export async function openContext(config: Config, opts: { logger?: Logger; clock?: () => Date } = {}): Promise<Context> {
  const logger = opts.logger ?? createLogger();
  const p = config.paths;
  for (const d of [p.data, p.inbox, p.archive, p.rejected, p.tmp, p.profiles]) mkdirSync(d, { recursive: true });
  const hmacKey = loadOrCreateKey({ ...(config.hmacKeyEnv ? { envValue: config.hmacKeyEnv } : {}), keyFile: p.keyFile });
  const profiles = ProfileRegistry.load(p.profiles);
  const warehouse = await Warehouse.open({
    path: p.warehouse,
    allowedDirectories: [p.data],
    tempDirectory: p.tmp,
    memoryLimit: config.etl.memoryLimit,
  });
  await ensureRollups(warehouse);
  const loaderDeps: LoaderDeps = {
    warehouse,
    // Rollups are refreshed inside each load's transaction (only what the load's rows change):
    // dashboards never see facts and aggregates out of step.
    beforeMerge: captureChange,
    afterMerge: refreshRollups,
    // Every load is in the audit log: which run, which source, what happened (no file content).
    onReport: (r) =>
      warehouse.use((c) =>
        audit(c, {
          actor: 'system',
          action: 'etl.run',
          target: r.runId,
          outcome: r.status === 'failed' ? 'failed' : 'ok',
          details: { source: r.source, status: r.status, rows_read: r.rowsRead, rows_loaded: r.rowsLoaded, rows_rejected: r.rowsRejected },
          at: r.endedAt,
        }).then(() => undefined),
      ),
    profiles,
    hmacKey,
    tmpDir: p.tmp,
    rejectThreshold: config.etl.rejectThreshold,
    logger,
    ...(opts.clock ? { clock: opts.clock } : {}),
  };
  const etl = new EtlRunner(loaderDeps, { inbox: p.inbox, archive: p.archive, rejected: p.rejected }, {
    settleMs: config.etl.settleMs,
    logger,
    profilesDir: p.profiles,
  });
  return { config, warehouse, logger, etl, close: () => warehouse.close() };
}

/** A warehouse that never loaded a file still answers dashboard queries: build empty rollups. */
async function ensureRollups(warehouse: Warehouse): Promise<void> {
  await warehouse.use(async (c) => {
    const rows = (await c.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'rollup_%'")).getRows();
    const have = new Set(rows.map((r) => String(r[0])));
    if (ROLLUP_TABLES.some((t) => !have.has(t))) await rebuildRollups(c);
  });
}
