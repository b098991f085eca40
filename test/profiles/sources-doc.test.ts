/**
 * docs/sources.md documents the source contract for people; etl/sources/catalog.ts is the same
 * contract for the code. These tests fail when the two drift: a field missing from the doc's
 * table, a documented field the catalog lacks, or a different type, required flag or list of
 * allowed values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { SOURCE_NAMES, type SourceName } from '../../etl/sources/contract.ts';

const DOC = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');

interface DocRow {
  readonly name: string;
  readonly type: string;
  readonly required: string;
  readonly values: readonly string[];
}

/** The text of the `## ... (`source`)` section, up to the next `## ` heading. */
function section(source: SourceName): string {
  const parts = DOC.split(/^## /m);
  const found = parts.filter((p) => (p.split('\n', 1)[0] ?? '').includes(`(\`${source}\`)`));
  if (found.length !== 1) throw new Error(`docs/sources.md: expected one section headed (\`${source}\`), found ${found.length}`);
  return found[0]!;
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

const unquote = (s: string): string => s.replace(/^`|`$/g, '');

/** Rows of the section's field table (the table whose header starts with `column`). */
function fieldTable(source: SourceName): DocRow[] {
  const lines = section(source).split('\n');
  const start = lines.findIndex((l) => /^\|\s*column\s*\|/.test(l));
  if (start < 0) throw new Error(`docs/sources.md: no field table in the ${source} section`);
  expect(cells(lines[start]!)).toEqual(['column', 'type', 'required', 'allowed values', 'meaning']);
  const rows: DocRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [name = '', type = '', required = '', values = ''] = cells(line);
    rows.push({
      name: unquote(name),
      type,
      required,
      values: values === '' ? [] : values.split(',').map((v) => unquote(v.trim())),
    });
  }
  return rows;
}

describe('docs/sources.md matches etl/sources/catalog.ts', () => {
  it('has one section per canonical source', () => {
    for (const source of SOURCE_NAMES) expect(() => section(source)).not.toThrow();
  });

  for (const source of SOURCE_NAMES) {
    describe(source, () => {
      const spec = SOURCES[source];

      it('documents exactly the catalog fields, in catalog order', () => {
        expect(fieldTable(source).map((r) => r.name)).toEqual(spec.fields.map((f) => f.name));
      });

      it('gives every field the catalog type, required flag and allowed values', () => {
        const byName = new Map(fieldTable(source).map((r) => [r.name, r]));
        for (const f of spec.fields) {
          const row = byName.get(f.name);
          expect(row, `${source}.${f.name} is missing from docs/sources.md`).toBeDefined();
          expect({ field: f.name, type: row?.type, required: row?.required, values: row?.values }).toEqual({
            field: f.name,
            type: f.type,
            required: f.required ? 'yes' : 'no',
            values: [...(f.values ?? [])],
          });
        }
      });

      it('states the natural key', () => {
        const keyLine = section(source)
          .split('\n')
          .find((l) => l.startsWith('- Natural key:'));
        expect(keyLine, `${source}: no "- Natural key:" line`).toBeDefined();
        // The key is listed before the first full stop; the replacement rule follows it.
        const keyPart = (keyLine ?? '').split('. ', 1)[0] ?? '';
        const documented = [...keyPart.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
        expect(documented).toEqual([...spec.naturalKey]);
      });

      it('lists every warning rule with its reason', () => {
        const text = section(source);
        for (const w of spec.warnings ?? []) expect(text).toContain(`- \`${w.column}\`: ${w.reason}`);
        if ((spec.warnings ?? []).length > 0) expect(text).toContain('Warning rules');
      });

      it('states the replacement rule', () => {
        const text = section(source).replace(/\s+/g, ' ');
        expect(text).toContain('the last file loaded wins; rows not in the new file are kept');
      });
    });
  }
});
