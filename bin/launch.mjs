// Starts an entry point (server/main or server/cli) on the compiled JavaScript in dist/ when it
// is at least as new as every source file (built by `npm run build`, which `npm ci` runs
// through `prepare`); otherwise, in development, on the TypeScript sources through tsx.
// PRACTICEBOARD_TSX=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIRS = ['core', 'demo', 'etl', 'server', 'dashboards', 'reports'];
export const STAMP = join(ROOT, 'dist', '.built');

/** The newest modification time (ms) of any source file, TypeScript or asset. */
export function newestSource() {
  let newest = 0;
  for (const d of SOURCE_DIRS) {
    for (const f of readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true })) {
      if (f.isFile()) newest = Math.max(newest, statSync(join(f.parentPath ?? f.path, f.name)).mtimeMs);
    }
  }
  return newest;
}

export function compiledIsFresh() {
  return process.env.PRACTICEBOARD_TSX !== '1' && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();
}

/** Import `entry` ('server/cli', 'server/main') from dist/ if fresh, else from the sources via tsx. */
export async function launch(entry) {
  if (compiledIsFresh()) return import(pathToFileURL(join(ROOT, 'dist', `${entry}.js`)).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, `${entry}.ts`)).href);
}
