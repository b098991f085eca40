/**
 * What a start does before anything loads: the patient-hash key is the warehouse's own (a
 * missing key is never silently replaced once patient ids are hashed), a warehouse that will
 * not open is explained by its cause (read-only or full disk, no permission, a damaged file),
 * and temporary files of a killed process (partial uploads, scan copies, half-copied inbox
 * files) are removed.
 */
import { accessSync, constants, existsSync, openSync, readSync, closeSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { PracticeBoardError } from '../core/errors.ts';
import type { Warehouse } from '../core/warehouse/open.ts';
import { removePartialCopies, type InboxDirs } from '../etl/inbox.ts';
import { holdsHashedIds, storedKeyFingerprint, verifyKey } from '../etl/phi/keyCheck.ts';
import { loadOrCreateKey } from '../etl/phi/patientKey.ts';

/** The key for this warehouse: from the environment or the key file, created only while no patient id is hashed. */
export async function warehouseKey(warehouse: Warehouse, opts: { envValue?: string; keyFile: string }): Promise<Buffer> {
  return warehouse.use(async (c) => {
    const existing = loadOrCreateKey({ ...opts, create: false });
    if (!existing) {
      const stored = await storedKeyFingerprint(c);
      if (stored !== undefined && (await holdsHashedIds(c))) {
        throw new PracticeBoardError(
          'KEY_MISSING',
          `the patient-hash key file ${opts.keyFile} is missing, and the warehouse holds patient ids hashed with the key of fingerprint ${stored}. ` +
            'Restore the key file from your backup (or set PRACTICEBOARD_HMAC_KEY); a new key would count every patient twice. Nothing was started or loaded.',
        );
      }
    }
    const key = existing ?? loadOrCreateKey({ ...opts, create: true });
    await verifyKey(c, key, 'start-up');
    return key;
  });
}

/** Why the warehouse file will not open, when the file system can tell. */
export function diagnoseWarehouse(path: string, dataDir: string): string | undefined {
  try {
    accessSync(dataDir, constants.W_OK);
  } catch {
    return `the data folder ${dataDir} is not writable (read-only file system or no permission). Make it writable for the account running PracticeBoard`;
  }
  const fs = statfsSync(dataDir);
  if (fs.bavail === 0) return `the disk holding ${dataDir} is full. Free some space, then start again`;
  if (existsSync(path)) {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(12);
      const n = readSync(fd, head, 0, 12, 0);
      if (n < 12 || head.subarray(8, 12).toString('latin1') !== 'DUCK') {
        return `${path} is not a DuckDB warehouse or is damaged. Restore it from your backup`;
      }
    } finally {
      closeSync(fd);
    }
  }
  return undefined;
}

/** Nothing was ever kept here: no warehouse, no key file, no file archived, rejected or in the inbox. */
export function isFreshDataFolder(p: { warehouse: string; keyFile: string; archive: string; rejected: string; inbox: string }): boolean {
  if (existsSync(p.warehouse) || existsSync(p.keyFile)) return false;
  const holdsFiles = (dir: string): boolean => existsSync(dir) && readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
  return !holdsFiles(p.archive) && !holdsFiles(p.rejected) && !holdsFiles(p.inbox);
}

/** Remove what a killed process left in the scratch folder and the inbox; returns what was removed. */
export function cleanTemporaryFiles(tmpDir: string, dirs: InboxDirs, now: number): string[] {
  const removed: string[] = [];
  const uploads = join(tmpDir, 'uploads');
  if (existsSync(uploads)) {
    for (const n of readdirSync(uploads)) {
      rmSync(join(uploads, n), { force: true, recursive: true });
      removed.push(`tmp/uploads/${n}`);
    }
  }
  if (existsSync(tmpDir)) {
    for (const n of readdirSync(tmpDir).filter((x) => /\.(canon|utf8)\.csv$/.test(x))) {
      rmSync(join(tmpDir, n), { force: true });
      removed.push(`tmp/${n}`);
    }
  }
  // A copy still in progress by a command running now is younger than a minute.
  removed.push(...removePartialCopies(dirs, now, 60_000));
  return removed;
}

