#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds): compiles the TypeScript sources to dist/,
// one JavaScript module per source module, relative `.ts` imports rewritten to `.js`; copies
// every other source file (SQL, JSON profiles, browser assets) beside the compiled code, where
// the modules find them through import.meta.url; and stamps the build for launch.mjs.
//
// esbuild strips the types (the sources are written for it: `isolatedModules` and
// `verbatimModuleSyntax` in tsconfig.json); the types are checked by `npm test` (`tsc`, in
// scripts/checks.mjs), not here. Measured on this machine: 0.6 to 1.2 s against 8.6 to 19 s for
// `tsc -p tsconfig.build.json`, which `npm ci` paid on every install (docs/benchmarks.md).
import console from 'node:console';
import process from 'node:process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { ROOT, SOURCE_DIRS, STAMP } from './launch.mjs';

const t0 = Date.now();
const dist = join(ROOT, 'dist');
rmSync(dist, { recursive: true, force: true });

const modules = [];
let assets = 0;
for (const d of SOURCE_DIRS) {
  for (const f of readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true })) {
    if (!f.isFile() || f.name.endsWith('.md') || f.name.endsWith('.d.ts')) continue;
    const from = join(f.parentPath ?? f.path, f.name);
    if (f.name.endsWith('.ts')) modules.push(from);
    else {
      cpSync(from, join(dist, relative(ROOT, from)));
      assets++;
    }
  }
}

/**
 * Every import stays an import (nothing is bundled): a relative one to the compiled module
 * beside it (`./x.ts` becomes `./x.js`), a package one as written.
 */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const relativeTs = /^\.\.?\//.test(args.path) && args.path.endsWith('.ts');
      return { path: relativeTs ? args.path.slice(0, -3) + '.js' : args.path, external: true };
    });
  },
};

const result = await build({
  entryPoints: modules,
  outdir: dist,
  outbase: ROOT,
  bundle: true,
  plugins: [keepImports],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(ROOT, 'tsconfig.build.json'),
  sourcemap: false,
  logLevel: 'warning',
});
if (result.errors.length > 0) process.exit(1);
writeFileSync(STAMP, new Date().toISOString() + '\n');
console.log(`Built dist/ (${modules.length} modules, ${assets} assets copied) in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
