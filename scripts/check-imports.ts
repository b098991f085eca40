/**
 * The layering, checked: an import may only run down the stack
 *   core <- etl <- dashboards <- reports <- server
 * (demo may use core and etl, being a writer of the files etl reads), and no module may reach
 * itself through its imports (no circle). Tests, benchmarks and scripts sit above everything.
 * Run by `npm test`; prints every offending import and exits 1.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const LAYERS: Record<string, readonly string[]> = {
  core: [],
  etl: ['core'],
  demo: ['core', 'etl'],
  dashboards: ['core', 'etl'],
  reports: ['core', 'etl', 'dashboards'],
  server: ['core', 'etl', 'dashboards', 'reports', 'demo'],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return filesUnder(p);
    return /\.(ts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

export function checkImports(root = ROOT): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const top of Object.keys(LAYERS)) {
    for (const file of filesUnder(join(root, top)).filter((f) => !f.includes('/assets/'))) {
      const from = relative(root, file);
      const deps: string[] = [];
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = m[1] ?? m[2]!;
        const to = normalize(join(dirname(from), spec));
        const toTop = to.split('/')[0]!;
        deps.push(to);
        if (toTop !== top && !LAYERS[top]!.includes(toTop)) problems.push(`${from} imports ${to}: ${top}/ may not depend on ${toTop}/`);
      }
      graph.set(from, deps);
    }
  }
  // Circles: a depth-first search that reports each back edge once.
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') problems.push(`import circle: ${[...stack.slice(stack.indexOf(d)), d].join(' -> ')}`);
      else if (!state.has(d) && graph.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return problems;
}

if (process.argv[1] && normalize(process.argv[1]) === normalize(new URL(import.meta.url).pathname)) {
  const problems = checkImports();
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`${problems.length} import problem(s): see the layering at the top of scripts/check-imports.ts`);
    process.exit(1);
  }
  console.log('imports: layering holds, no circles');
}
