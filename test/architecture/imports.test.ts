// The layering check itself: it passes on this repository, and it catches an upward import and
// a circle in a small tree built for the purpose.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports } from '../../scripts/check-imports.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pb-imports-'));
  roots.push(root);
  for (const top of ['core', 'etl', 'demo', 'dashboards', 'reports', 'server']) mkdirSync(join(root, top), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('import layering', () => {
  it('holds for this repository', () => {
    expect(checkImports()).toEqual([]);
  });

  it('reports an import that runs back up', () => {
    const root = tree({ 'dashboards/a.ts': "import { b } from '../reports/b.ts';\n", 'reports/b.ts': 'export const b = 1;\n' });
    expect(checkImports(root)).toEqual(['dashboards/a.ts imports reports/b.ts: dashboards/ may not depend on reports/']);
  });

  it('reports a circle inside one layer', () => {
    const root = tree({ 'server/a.ts': "import { b } from './b.ts';\n", 'server/b.ts': "export { a } from './a.ts';\n" });
    expect(checkImports(root)).toEqual(['import circle: server/a.ts -> server/b.ts -> server/a.ts']);
  });

  it('accepts imports that run down', () => {
    const root = tree({ 'server/a.ts': "import type { X } from '../core/x.ts';\n", 'core/x.ts': 'export type X = 1;\n' });
    expect(checkImports(root)).toEqual([]);
  });
});
