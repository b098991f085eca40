/**
 * Why the demo practice's claims are denied: realistic claim adjustment reason codes (X12
 * CARC) with how often each occurs and how often the practice gets it overturned on appeal or
 * resubmission. CO-97 (bundled) applies to the add-on lines of a claim, never to a lone line.
 * Every code here is seeded in ref_carc by migration 003.
 */
import { Weighted, type Rng } from './random.ts';

export interface DenialReason {
  readonly group: 'CO' | 'PI';
  readonly carc: string;
  /** Share of these denials later overturned and paid. */
  readonly overturnRate: number;
  /** Denies the claim's add-on lines only. */
  readonly lineLevel: boolean;
}

const reason = (group: 'CO' | 'PI', carc: string, overturnRate: number, lineLevel = false): DenialReason => ({
  group,
  carc,
  overturnRate,
  lineLevel,
});

const CLAIM_DENIALS = new Weighted([
  [reason('CO', '16', 0.97), 22], // missing information
  [reason('CO', '18', 0.97), 7], // duplicate (the original is paid)
  [reason('CO', '22', 0.92), 8], // coordination of benefits
  [reason('CO', '27', 0.7), 6], // coverage terminated
  [reason('CO', '29', 0.05), 3], // timely filing
  [reason('CO', '50', 0.7), 8], // not medically necessary
  [reason('CO', '96', 0.1), 5], // non-covered
  [reason('CO', '197', 0.9), 7], // no authorization
  [reason('CO', '4', 0.97), 7], // modifier
  [reason('CO', '11', 0.92), 6], // diagnosis inconsistent with procedure
  [reason('CO', '167', 0.7), 4], // diagnosis not covered
  [reason('CO', '109', 0.9), 3], // not this payer
  [reason('PI', '204', 0.1), 3], // not covered under the benefit plan
] as const);

const BUNDLED = reason('CO', '97', 0.4, true);

/** A denial reason for a claim with `lineCount` lines. */
export function pickDenial(rng: Rng, lineCount: number): DenialReason {
  if (lineCount > 1 && rng.chance(0.25)) return BUNDLED;
  return CLAIM_DENIALS.pick(rng);
}

