/**
 * Golden page images of a PDF: a page rendered by poppler's `pdftoppm` (Debian poppler-utils)
 * at 50 dpi and compared with a committed PNG under test/reports/golden/ by pixelmatch, allowing
 * for antialiasing and a few stray pixels.
 *
 * - Match: passes, and removes a stale `<name>-changed.png`.
 * - Mismatch: writes `<name>-changed.png` beside the golden (git-ignored), and fails with the
 *   number of differing pixels. Look at both; to accept, run with `UPDATE_GOLDEN=1`.
 * - `UPDATE_GOLDEN=1` outside CI (`CI` unset, empty, '0' or 'false') writes the golden
 *   (new or changed) instead of failing; in CI a golden is never written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
/** pixelmatch's per-pixel colour threshold (0 to 1): antialiasing differences stay under it. */
const THRESHOLD = 0.1;
/** Pixels allowed to differ beyond antialiasing (a 50 dpi page has about 240,000). */
const MAX_DIFFERENT = 20;

const isCi = (env: NodeJS.ProcessEnv) => !['', '0', 'false', undefined].includes(env.CI?.toLowerCase());

/** Each page of `pdf` (1-based numbers) as PNG bytes at 50 dpi, through pdftoppm. */
export function renderPages(pdf: Buffer, pages: readonly number[]): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'pb-golden-'));
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    return pages.map((n) => {
      execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(n), '-l', String(n), '-singlefile', file, join(dir, `p${n}`)]);
      return readFileSync(join(dir, `p${n}.png`));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pixels that differ between two PNGs (every pixel when the sizes differ). */
export function differingPixels(a: Buffer, b: Buffer): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (x.width !== y.width || x.height !== y.height) return Math.max(x.width * x.height, y.width * y.height);
  return pixelmatch(x.data, y.data, undefined, x.width, x.height, { threshold: THRESHOLD });
}

/** Compares `png` with `<dir>/<name>.png` as described above; throws on a mismatch. */
export function expectGoldenPng(name: string, png: Buffer, opts: { dir?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const dir = opts.dir ?? GOLDEN_DIR;
  const env = opts.env ?? process.env;
  const golden = join(dir, `${name}.png`);
  const changed = join(dir, `${name}-changed.png`);
  const update = env.UPDATE_GOLDEN === '1' && !isCi(env);
  const differing = existsSync(golden) ? differingPixels(png, readFileSync(golden)) : Infinity;
  if (differing <= MAX_DIFFERENT) {
    rmSync(changed, { force: true });
    return;
  }
  if (update) {
    writeFileSync(golden, png);
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, png);
  if (differing === Infinity) throw new Error(`no golden image ${golden}: look at ${changed}, then create it with UPDATE_GOLDEN=1 (never in CI)`);
  throw new Error(`${name}: ${differing} pixels differ from ${golden}; look at ${changed}, and if the change is intended accept it with UPDATE_GOLDEN=1`);
}
