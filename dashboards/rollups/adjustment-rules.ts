/**
 * The house rules that classify adjustments, as X12 'GROUP-CARC' pairs. The rollups apply
 * them when they are built, so changing a rule takes effect at the next rebuild.
 * - contractual: the contractual (non-denial) set, CO-45 and CO-253 (house rule, configurable).
 * - patientShare: deductible, coinsurance, copay (PR-1, PR-2, PR-3).
 * A denial is an adjustment whose CARC is outside both sets; an adjustment without a CARC
 * (an internal write-off: small balance, bad debt) is never a denial.
 */
import { z } from 'zod';

export interface AdjustmentRules {
  /** e.g. ['CO-45', 'CO-253'] */
  readonly contractual: readonly string[];
  /** e.g. ['PR-1', 'PR-2', 'PR-3'] */
  readonly patientShare: readonly string[];
}

export const DEFAULT_ADJUSTMENT_RULES: AdjustmentRules = Object.freeze({
  contractual: Object.freeze(['CO-45', 'CO-253']),
  patientShare: Object.freeze(['PR-1', 'PR-2', 'PR-3']),
});

const pair = z.string().regex(/^(CO|PR|OA|PI|CR)-[A-Z0-9]{1,4}$/, "must be 'GROUP-CARC', e.g. 'CO-45'");
export const adjustmentRulesSchema = z.object({
  contractual: z.array(pair).min(1),
  patientShare: z.array(pair),
});

/** The pairs that are not denials: the contractual set plus the patient share. */
export function nonDenialPairs(rules: AdjustmentRules): string[] {
  return [...new Set([...rules.contractual, ...rules.patientShare])];
}
