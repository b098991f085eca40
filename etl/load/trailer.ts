/**
 * Trailer rows: a report's "Total" line at the end of a file. A row is a trailer when it is
 * not valid data, is among the last `maxRows` rows, ANY of its cells matches the profile's
 * pattern (real exports write "TOTAL" in the amount's neighbour after a run of blank cells), and
 * each cell of the source's natural key is blank or matches it too (a summary names no record).
 * The pattern runs in DuckDB's regular-expression engine (RE2), case-insensitively, bound as
 * the parameter `$trailer_re`; profiles/engineCheck.ts checks it against that engine.
 *
 * Control totals and `signs`: the file total and a trailer's total are the amounts as the file
 * writes them; the loaded total is the amounts as stored, with the types the profile's `signs`
 * names turned. `asWrittenSql` turns them back, so a load also reports its loaded rows' total as
 * written (which ties to the file total when nothing is rejected), and `signsExplained` states
 * the difference between the two loaded totals: twice the turned amounts.
 */
import type { SourceSpec } from '../sources/contract.ts';
import type { Profile } from '../profiles/schema.ts';
import { centsText, parseAmountCents } from './amountText.ts';
import { sqlIdent, sqlString } from './sqlText.ts';

/** A pattern that matches nothing, for profiles without a trailer. */
export const NO_TRAILER = '$^';

/** SQL: does any of `cells` match `$trailer_re`. */
export function trailerMatchSql(cells: readonly string[], keyCells: readonly number[] = []): string {
  if (cells.length === 0) return 'false';
  const matches = (c: string) => `coalesce(regexp_matches(${c}, $trailer_re, 'i'), false)`;
  // A summary row names no record: each cell of the source's natural key is blank or is the
  // summary's own label. A data row that fails a check and holds the word elsewhere ("Total
  // Health Care" as its payer) keeps its key, and is rejected at its line, not counted apart.
  const keyed = keyCells.filter((i) => i < cells.length).map((i) => `(nullif(trim(${cells[i]}), '') IS NULL OR ${matches(cells[i]!)})`);
  return `(${cells.map(matches).join(' OR ')})${keyed.map((k) => ` AND ${k}`).join('')}`;
}

/** The file's columns that hold the source's natural key (transaction_id; employee_id and the period). */
export const keyCellsOf = (spec: Pick<SourceSpec, 'naturalKey'>, columns: ReadonlyMap<string, readonly number[]>): number[] =>
  spec.naturalKey.flatMap((k) => columns.get(k) ?? []);

/** The bound value of `$trailer_re` for a profile. */
export const trailerPattern = (profile: Profile): string => profile.dialect.trailer?.pattern ?? NO_TRAILER;

/** The last record number that cannot be a trailer (records after it may be). */
export const lastNonTrailerOrd = (profile: Profile, stagedRows: number): number =>
  profile.dialect.trailer ? stagedRows - profile.dialect.trailer.maxRows : stagedRows;

/** The types a profile's `signs` writes negative (their amounts load turned). */
export const turnedTypes = (profile: Profile): string[] =>
  Object.entries(profile.signs)
    .filter(([, dir]) => dir === 'negative')
    .map(([type]) => type);

/**
 * SQL over the staged rows (rows_v): the control-total column as the file writes it, i.e. with
 * the sign of the turned types turned back. The column itself when the profile turns nothing.
 */
export function asWrittenSql(spec: SourceSpec, profile: Profile, ctrl: string): string {
  const by = spec.signedBy;
  const turned = turnedTypes(profile);
  if (!by || !spec.controlTotal || turned.length === 0 || !by.amounts.includes(spec.controlTotal)) return ctrl;
  const typeCol = spec.fields.find((f) => f.name === by.field)?.column ?? by.field;
  return `(CASE WHEN ${sqlIdent(typeCol)} IN (${turned.map(sqlString).join(', ')}) THEN -(${ctrl}) ELSE ${ctrl} END)`;
}

/**
 * Why the loaded total differs from the loaded rows' total as written, or undefined when they
 * are equal. Example: signsExplained(p, '2555.00', '2081.60') =
 * 'loaded total 2555.00 = 2081.60 as written + 2 x 236.70 (refund, adjustment written negative, loaded turned by the profile\'s signs)'.
 */
export function signsExplained(profile: Profile, loaded: string | null, asWritten: string | null): string | undefined {
  if (loaded === null || asWritten === null || loaded === asWritten) return undefined;
  const plain = { currencySymbol: '', thousands: '', decimal: '.', parenNegative: false };
  const diff = (parseAmountCents(loaded, plain) ?? 0n) - (parseAmountCents(asWritten, plain) ?? 0n);
  const half = diff / 2n;
  const sign = diff < 0n ? '-' : '+';
  const abs = half < 0n ? -half : half;
  return `loaded total ${loaded} = ${asWritten} as written ${sign} 2 x ${centsText(abs)} (${turnedTypes(profile).join(', ')} written negative, loaded turned by the profile's signs)`;
}
