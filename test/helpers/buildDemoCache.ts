/**
 * Run by test/globalSetup.ts in a child process (`node --import tsx`): builds the run's loaded
 * demo practice, with the months of history the tests ask for most first (test/helpers/demoCache.ts),
 * while the workers start on files that need no demo. Prints "locked" once every variant's lock
 * is held (the global setup waits for it); exits 1 if a build failed (its marker is left for
 * the tests that wait, which then load the demo themselves).
 */
import { CACHE_ENV } from './cacheEnv.ts';
import { prebuildDemoCaches } from './demoCache.ts';

/** Months of demo history, most used first: 3 (the default of the helpers), then 2 and 1. */
export const PREBUILT_MONTHS = [3, 2, 1] as const;

const root = process.env[CACHE_ENV];
if (!root) throw new Error(`${CACHE_ENV} is not set`);
const ok = await prebuildDemoCaches(root, PREBUILT_MONTHS, () => process.stdout.write('locked\n'));
process.exitCode = ok ? 0 : 1;
