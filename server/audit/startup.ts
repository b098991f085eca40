/**
 * At every start, before anything is audited: the data folder's audit key becomes this
 * process's key, and a chain not yet keyed is re-keyed at once (an `audit.chain_keyed` entry,
 * "chain re-keyed at seq N"). A missing key file is created (0600) only while no entry is keyed;
 * once the chain is keyed, a missing key stops the start with what to restore: a new key would
 * leave every keyed entry unverifiable.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import { loadAuditKey, useAuditKey } from './key.ts';
import { ensureChainKeyed } from './log.ts';

const SQL_KEYED = "SELECT min(seq) FROM audit_log WHERE action = 'audit.chain_keyed'";

export async function openAuditChain(conn: DuckDBConnection, opts: { keyFile: string; now: Date }): Promise<{ keyedFrom: number }> {
  let key = loadAuditKey(opts.keyFile, false);
  if (!key) {
    const keyed = (await conn.runAndReadAll(SQL_KEYED)).getRows()[0]?.[0];
    if (keyed !== null && keyed !== undefined) {
      throw new PracticeBoardError(
        'AUDIT_KEY_MISSING',
        `the audit key file ${opts.keyFile} is missing, and the audit log is chained under it from entry ${Number(keyed)}. ` +
          'Restore the key file from your backup; a new key would make every keyed entry unverifiable. Nothing was started.',
      );
    }
    key = loadAuditKey(opts.keyFile, true)!;
  }
  useAuditKey(key);
  return { keyedFrom: await ensureChainKeyed(conn, opts.now) };
}
