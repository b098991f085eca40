/**
 * The two helpers for SQL text built from trusted configuration (profiles, the source
 * contract). Values that come from files are never put into SQL text: they are read by
 * DuckDB itself or bound as parameters.
 */

/** A SQL string literal. Only for profile/contract text (formats, reasons), never file data. */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** A SQL identifier from the contract or generated names; refuses anything unusual. */
export function sqlIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}
