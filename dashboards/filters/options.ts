/**
 * The filter bar's location and provider choices (options.sql): the reference data's, plus any
 * id the facts use that the reference data lacks, listed under its id so it can be filtered.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const SQL = readFileSync(new URL('./options.sql', import.meta.url), 'utf8');

export interface FilterChoice {
  readonly id: string;
  readonly name: string;
}

export interface FilterChoices {
  readonly locations: FilterChoice[];
  readonly providers: FilterChoice[];
}

export async function filterChoices(conn: DuckDBConnection): Promise<FilterChoices> {
  const rows = (await conn.runAndReadAll(SQL)).getRowObjectsJS() as { kind: 'location' | 'provider'; id: string; name: string }[];
  const of = (kind: 'location' | 'provider') => rows.filter((r) => r.kind === kind).map(({ id, name }) => ({ id, name }));
  return { locations: of('location'), providers: of('provider') };
}
