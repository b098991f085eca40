#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds): compiles the TypeScript sources to dist/
// with tsconfig.build.json (relative .ts imports rewritten to .js), copies every other source
// file (SQL, JSON profiles, browser assets) beside the compiled code, where the modules find
// them through import.meta.url, and stamps the build for launch.mjs.
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { ROOT, SOURCE_DIRS, STAMP } from './launch.mjs';

const t0 = Date.now();
const dist = join(ROOT, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
let assets = 0;
for (const d of SOURCE_DIRS) {
  for (const f of readdirSync(join(ROOT, d), { recursive: true, withFileTypes: true })) {
    if (!f.isFile() || f.name.endsWith('.ts') || f.name.endsWith('.md')) continue;
    const from = join(f.parentPath ?? f.path, f.name);
    cpSync(from, join(dist, relative(ROOT, from)));
    assets++;
  }
}
writeFileSync(STAMP, new Date().toISOString() + '\n');
console.log(`Built dist/ (${assets} assets copied) in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
