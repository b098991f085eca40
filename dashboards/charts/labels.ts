/**
 * Display labels that tell apart things sharing a name. Charts and tables key on ids, but a
 * person reads names, and two locations (providers, payers) may share one: every label that
 * occurs more than once is followed by its id, so each label is unique and still readable.
 * Labels that are already unique are left exactly as they are.
 *
 * Example: distinctLabels([{ key: 'L1', label: 'Main' }, { key: 'L2', label: 'Main' }, { key: 'L3', label: 'East' }])
 *   -> ['Main (L1)', 'Main (L2)', 'East'].
 */
export interface Labelled {
  /** The id; unique among the items (null for at most one "none" item). */
  readonly key: string | null;
  readonly label: string;
}

export function distinctLabels(items: readonly Labelled[]): string[] {
  const count = new Map<string, number>();
  for (const it of items) count.set(it.label, (count.get(it.label) ?? 0) + 1);
  const first = items.map((it) => ((count.get(it.label) ?? 0) > 1 && it.key !== null && it.key !== it.label ? `${it.label} (${it.key})` : it.label));
  // A suffixed label may itself meet another item's name ("Main (L1)" named so in the data): fall back to the position.
  const seen = new Map<string, number>();
  for (const l of first) seen.set(l, (seen.get(l) ?? 0) + 1);
  return first.map((l, i) => ((seen.get(l) ?? 0) > 1 ? `${l} #${i + 1}` : l));
}
