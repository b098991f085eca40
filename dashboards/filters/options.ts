/**
 * The filter bar's location and provider choices (options.sql): the reference data's, plus any
 * id the facts use that the reference data lacks, listed under its own id so it can be filtered.
 * Each provider carries the locations it works at (roster and facts), so the provider list can
 * follow the chosen location (`providersAt`).
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const SQL = readFileSync(new URL('./options.sql', import.meta.url), 'utf8');

export interface FilterChoice {
  readonly id: string;
  readonly name: string;
}

export interface ProviderChoice extends FilterChoice {
  /** The location ids the provider works at; empty when neither roster nor facts say. */
  readonly locations: readonly string[];
}

export interface FilterChoices {
  readonly locations: FilterChoice[];
  readonly providers: ProviderChoice[];
}

export async function filterChoices(conn: DuckDBConnection): Promise<FilterChoices> {
  const rows = (await conn.runAndReadAll(SQL)).getRowObjectsJS() as { kind: 'location' | 'provider'; id: string; name: string; locations: string[] | null }[];
  return {
    locations: rows.filter((r) => r.kind === 'location').map(({ id, name }) => ({ id, name })),
    providers: rows.filter((r) => r.kind === 'provider').map(({ id, name, locations }) => ({ id, name, locations: locations ?? [] })),
  };
}

/**
 * The providers to offer under a chosen location: those who work there, and the provider
 * already chosen (so a filter in the address always shows). All providers with no location.
 * Example: providersAt(choices, 'MAIN', 'P9') lists MAIN's providers and P9.
 */
export function providersAt(providers: readonly ProviderChoice[], location: string | undefined, chosen?: string): ProviderChoice[] {
  if (location === undefined) return [...providers];
  return providers.filter((p) => p.locations.includes(location) || p.id === chosen);
}
