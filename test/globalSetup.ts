/**
 * Once per `vitest run`: a folder for the run's loaded demo practice (test/helpers/demoCache.ts),
 * removed when the run ends. Test processes inherit its path through the environment.
 *
 * In a run of the whole suite (no file filter: `npm test`, CI), the demo variants most tests use
 * are built ahead in a child process (test/helpers/buildDemoCache.ts) that runs alongside the
 * first test files (test/helpers/sequencer.ts starts each worker on a file that needs no demo);
 * the workers start once it holds the variants' locks, so a test that needs one waits for that
 * build (or, if it failed, loads the demo itself) instead of building another. A run of a few
 * files builds only what its tests ask for, when they ask.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CACHE_ENV } from './helpers/cacheEnv.ts';

function startPrebuild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'buildDemoCache.ts')], {
    env: { ...process.env, [CACHE_ENV]: dir, TZ: 'UTC', PRACTICEBOARD_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.on('exit', (code) => {
    // The tests that wanted the prebuild load the demo themselves; say why the run was slower.
    if (code) console.warn(`the demo prebuild (test/helpers/buildDemoCache.ts) exited ${code}: ${err.slice(-2000)}`);
  });
  return new Promise((resolve) => {
    let out = '';
    const ready = () => resolve(child);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('locked\n')) ready();
    });
    // Exited before taking the locks: the tests build what they need themselves.
    child.on('exit', ready);
  });
}

/**
 * Whether this run was given file filters (`vitest run test/x.test.ts`). Vitest keeps them on
 * its (internal) `filenamePattern`; should that ever move, every run counts as whole and the
 * prebuild runs (slower for a single file, never wrong).
 */
function filtered(project: TestProject): boolean {
  const pattern = (project.vitest as unknown as { filenamePattern?: readonly string[] }).filenamePattern;
  return Array.isArray(pattern) && pattern.length > 0;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-test-cache-'));
  process.env[CACHE_ENV] = dir;
  const prebuild = filtered(project) ? undefined : await startPrebuild(dir);
  return async () => {
    if (prebuild && prebuild.exitCode === null && prebuild.signalCode === null) {
      const exited = new Promise((r) => prebuild.once('exit', r));
      prebuild.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
