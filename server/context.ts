/**
 * Everything a running PracticeBoard holds, built once from the configuration: the one
 * warehouse instance of this process, its connection pool (every connection of the process,
 * the ETL's, the stores' and the audit's, counts against its cap), the profiles, the
 * patient-hash key (checked against the warehouse's fingerprint of it), the logger, and the ETL
 * runner. The server and the command line both start from here; a start that cannot proceed
 * says why and what to do, and the temporary files of a killed process are removed once this
 * process owns the warehouse.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PracticeBoardError } from '../core/errors.ts';
import { knownFailure } from '../etl/failure.ts';
import type { LoaderDeps } from '../etl/load/loadFile.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { Warehouse } from '../core/warehouse/open.ts';
import { ConnectionPool } from '../core/pool.ts';
import { rebuildRollups, recordRollupSchema, rollupSchemaState } from '../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../dashboards/rollups/incremental.ts';
import type { Config } from './config.ts';
import { EtlRunner } from './etlRunner.ts';
import { audit, openAuditChain } from './audit/index.ts';
import { createLogger, type Logger } from './log.ts';
import { trackWrites, type WriteVersion } from './cache/writeVersion.ts';
import { cleanTemporaryFiles, diagnoseWarehouse, isFreshDataFolder, warehouseKey } from './startupChecks.ts';

export interface Context {
  readonly config: Config;
  readonly warehouse: Warehouse;
  /** The cap on connections: lend one with `pool.use(fn)`; opened on demand, closed with the context. */
  readonly pool: ConnectionPool;
  readonly logger: Logger;
  readonly etl: EtlRunner;
  /**
   * The data folder had never held anything when this process started: no warehouse, no key,
   * nothing archived, rejected or waiting in the inbox. Only such a folder gets the demo practice.
   */
  readonly freshDataFolder: boolean;
  /**
   * The version of the warehouse's data, moved by every write of this process (every
   * connection: server/cache/writeVersion.ts): what the page caches key on.
   */
  readonly writes: WriteVersion;
  close(): void;
}

export async function openContext(config: Config, opts: { logger?: Logger; clock?: () => Date; poolSize?: number } = {}): Promise<Context> {
  const logger = opts.logger ?? createLogger();
  const p = config.paths;
  const freshDataFolder = isFreshDataFolder(p);
  // Everything this process creates (warehouse, WAL, spill files, outbox, archive) is owner-only.
  process.umask(0o077);
  try {
    for (const d of [p.data, p.inbox, p.archive, p.rejected, p.tmp, p.profiles]) {
      mkdirSync(d, { recursive: true, mode: 0o700 });
      chmodSync(d, 0o700);
    }
  } catch (err) {
    const known = knownFailure(err);
    if (known) throw new PracticeBoardError(known.code, `cannot prepare the data folder ${p.data}: ${known.message}`);
    throw err;
  }
  const profiles = await ProfileRegistry.open(p.profiles);
  let warehouse: Warehouse;
  try {
    // DuckDB may read only what loads read: the inbox (delivered files) and tmp (canonical
    // copies, spill). Not data/ as a whole: the patient-hash key, server.json, the archive and
    // the outbox stay out of reach of any query, injected or not.
    warehouse = await Warehouse.open({ path: p.warehouse, allowedDirectories: [p.inbox, p.tmp], tempDirectory: p.tmp, memoryLimit: config.etl.memoryLimit });
  } catch (err) {
    const why = err instanceof PracticeBoardError && err.code === 'WAREHOUSE_OPEN_FAILED' ? diagnoseWarehouse(p.warehouse, p.data) : undefined;
    if (why) throw new PracticeBoardError('WAREHOUSE_OPEN_FAILED', `cannot open the warehouse ${p.warehouse}: ${why}`);
    throw err;
  }
  // Before anything else connects: every connection of the process moves the data's version on its writes.
  const writes = trackWrites(warehouse);
  let hmacKey: Buffer;
  try {
    hmacKey = await warehouseKey(warehouse, { ...(config.hmacKeyEnv ? { envValue: config.hmacKeyEnv } : {}), keyFile: p.keyFile });
    await ensureRollups(warehouse);
    // The audit chain's key (data/audit.key, beside the patient-hash key, never in the database).
    await warehouse.use((c) => openAuditChain(c, { keyFile: join(p.data, 'audit.key'), now: (opts.clock ?? (() => new Date()))() }));
  } catch (err) {
    warehouse.close();
    throw err;
  }
  const removed = cleanTemporaryFiles(p.tmp, { inbox: p.inbox, archive: p.archive, rejected: p.rejected }, Date.now());
  if (removed.length > 0) logger.info({ files: removed }, 'removed temporary files left by a stopped or killed process');
  const pool = new ConnectionPool(warehouse, opts.poolSize ?? 4);
  const loaderDeps: LoaderDeps = {
    warehouse: pool,
    // Rollups are refreshed inside each load's transaction (only what the load's rows change):
    // dashboards never see facts and aggregates out of step.
    beforeMerge: captureChange,
    afterMerge: refreshRollups,
    // Every load is in the audit log: which run, which source, what happened (no file content).
    onReport: (r) =>
      pool.use((c) =>
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
    timezone: config.timezone,
    tmpDir: p.tmp,
    rejectThreshold: config.etl.rejectThreshold,
    logger,
    ...(opts.clock ? { clock: opts.clock } : {}),
  };
  const etl = new EtlRunner(loaderDeps, { inbox: p.inbox, archive: p.archive, rejected: p.rejected, keepRaw: config.etl.keepRawFiles }, {
    settleMs: config.etl.settleMs,
    logger,
    profilesDir: p.profiles,
  });
  const close = () => {
    pool.close();
    warehouse.close();
  };
  return { config, warehouse, pool, logger, etl, freshDataFolder, writes, close };
}

/**
 * A warehouse that never loaded a file still answers dashboard queries (empty rollups), and one
 * built by an earlier version whose rollup columns differ is rebuilt before anything reads it.
 * The tables found current by planning their queries get their schema fingerprint recorded, so
 * the next start needs no planning (rollupSchemaState); a start with every fingerprint holding
 * writes nothing.
 */
async function ensureRollups(warehouse: Warehouse): Promise<void> {
  await warehouse.use(async (c) => {
    let state = await rollupSchemaState(c);
    if (!state.current) {
      await rebuildRollups(c);
      state = await rollupSchemaState(c);
    }
    if (state.current && state.checked.length > 0) await recordRollupSchema(c, state);
  });
}
