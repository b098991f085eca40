/**
 * Once per `vitest run`: a folder for the run's loaded demo practice (test/helpers/demoCache.ts),
 * removed when the run ends. Test processes inherit its path through the environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_ENV } from './helpers/cacheEnv.ts';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pb-test-cache-'));
  process.env[CACHE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
