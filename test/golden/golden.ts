/**
 * Golden-file checks for rendered SVG. `expectGolden(name, svg)` normalizes the SVG (ids
 * re-indexed in document order, geometry decimals rounded, one element per line for readable
 * diffs) and compares it with the committed `test/golden/<name>.svg`.
 *
 * - Match: passes, and removes a stale `<name>-changed.svg`.
 * - Mismatch: writes `<name>-changed.svg` beside the golden (git-ignored) for a person to open
 *   and compare, and throws. Never accepted automatically: to accept a change, look at it, then
 *   move the -changed file over the golden and commit it.
 * - No golden yet: created only when `UPDATE_GOLDEN=1` is set and the run is not CI
 *   (`CI` unset, empty, '0' or 'false'); otherwise throws saying how to create it.
 *
 * The environment and the directory are parameters so that the harness can test itself.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GoldenOptions {
  /** Where goldens live; default this folder (test/golden). */
  readonly dir?: string;
  /** Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_DIR = fileURLToPath(new URL('.', import.meta.url));
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const GEOMETRY = /(\s(?:d|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|transform|points|viewBox|dx|dy)=")([^"]*)"/g;

const isCi = (env: GoldenOptions['env'] = {}) => !['', '0', 'false', undefined].includes(env.CI?.toLowerCase());

/** Decimal numbers rounded to 2 places: '49.99999999999999' -> '50'. */
const roundDecimals = (value: string) =>
  value.replace(/-?(?:\d+\.\d*|\.\d+)(?:e[-+]?\d+)?/gi, (n) => String(Math.round(Number(n) * 100) / 100 + 0));

/**
 * The comparable form of an SVG: ids renamed `id-1`, `id-2`, ... in order of appearance with
 * their `#id` references; decimals of geometry attributes rounded to 0.01; a line break
 * between elements (except inside `<text>`, where it would become a space); a final newline.
 */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1] as string)) ids.set(m[1] as string, `id-${ids.size + 1}`);
  let out = svg.replace(/(\sid=")([^"]+)"/g, (_match, pre: string, id: string) => `${pre}${ids.get(id) ?? id}"`);
  out = out.replace(/#([\w-]+)(?=[)"])/g, (ref, id: string) => (ids.has(id) ? `#${ids.get(id)}` : ref));
  out = out.replace(GEOMETRY, (_, pre: string, value: string) => `${pre}${roundDecimals(value)}"`);
  out = out.replace(/>\s*<(?!\/?tspan[\s>/]|\/text>)/g, '>\n<');
  return `${out.trim()}\n`;
}

/** Where `actual` first departs from `golden`: line and column, with 60 characters of each around it. */
function firstDifference(actual: string, golden: string): string {
  const [a, g] = [actual.split('\n'), golden.split('\n')];
  const line = Math.max(0, a.findIndex((text, k) => text !== g[k]));
  const [x, y] = [a[line] ?? '', g[line] ?? ''];
  let column = 0;
  while (column < x.length && x[column] === y[column]) column++;
  const around = (text: string) => (text === '' ? '(nothing)' : JSON.stringify(text.slice(Math.max(0, column - 20), column + 40)));
  return `line ${line + 1}, column ${column + 1}:\n  golden: ${around(y)}\n  actual: ${around(x)}`;
}

/** Compares `svg` with the golden `<name>.svg`; throws on a mismatch or a missing golden (see the header). */
export function expectGolden(name: string, svg: string, options: GoldenOptions = {}): void {
  if (!NAME.test(name) || name.endsWith('-changed')) throw new Error(`golden name must match ${NAME} and not end in -changed: ${JSON.stringify(name)}`);
  const dir = options.dir ?? DEFAULT_DIR;
  const env = options.env ?? process.env;
  const goldenPath = join(dir, `${name}.svg`);
  const changedPath = join(dir, `${name}-changed.svg`);
  const actual = normalizeSvg(svg);
  if (!existsSync(goldenPath)) {
    if (env.UPDATE_GOLDEN === '1' && !isCi(env)) {
      writeFileSync(goldenPath, actual);
      return;
    }
    throw new Error(
      `golden file ${goldenPath} does not exist. To create it, run the test outside CI with UPDATE_GOLDEN=1 ` +
        `(e.g. \`UPDATE_GOLDEN=1 npx vitest run <test file>\`), open the new SVG to check it, and commit it.` +
        (isCi(env) ? ' (Goldens are never created in CI.)' : ''),
    );
  }
  const golden = readFileSync(goldenPath, 'utf8');
  if (golden === actual) {
    rmSync(changedPath, { force: true });
    return;
  }
  writeFileSync(changedPath, actual);
  throw new Error(
    `${name}.svg differs from its golden; the new output is in ${changedPath}. ` +
      `Open both to compare; if the change is intended, move the -changed file over the golden and commit it. ` +
      `First difference at ${firstDifference(actual, golden)}`,
  );
}
