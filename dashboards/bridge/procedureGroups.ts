/**
 * Procedure groups as data (procedure-groups.json beside this module): CPT/HCPCS code ranges,
 * inclusive, compared as text of the same length. The first group holding a code wins; any
 * other code is the 'other' group; no code at all is Unassigned (the bridge's own driver).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const code = z.string().regex(/^[0-9A-Z]{5}$/, 'a 5-character procedure code');
const schema = z.object({
  groups: z.array(z.object({ id: z.string().regex(/^[a-z_]+$/), label: z.string().min(1), ranges: z.array(z.tuple([code, code])).min(1) })).min(1),
  other: z.object({ id: z.string().regex(/^[a-z_]+$/), label: z.string().min(1) }),
});

export type ProcedureGroups = z.infer<typeof schema>;

export const PROCEDURE_GROUPS: ProcedureGroups = schema.parse(JSON.parse(readFileSync(new URL('./procedure-groups.json', import.meta.url), 'utf8')));

/** The group of a procedure code: `procedureGroup('99213')` -> { id: 'em_established', ... }; null for no code. */
export function procedureGroup(procedureCode: string | null, groups: ProcedureGroups = PROCEDURE_GROUPS): { readonly id: string; readonly label: string } | null {
  if (procedureCode === null || procedureCode.trim() === '') return null;
  const c = procedureCode.trim().toUpperCase();
  for (const g of groups.groups) {
    if (g.ranges.some(([lo, hi]) => c.length === lo.length && c >= lo && c <= hi)) return { id: g.id, label: g.label };
  }
  return groups.other;
}
