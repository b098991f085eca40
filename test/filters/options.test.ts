// The filter bar lists the ids the facts use even when the reference data lacks them (issue 9):
// hand-built tables in a fresh in-memory DuckDB, expected lists written by hand.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { filterChoices, providersAt } from '../../dashboards/filters/options.ts';

describe('filter choices', () => {
  it('lists the reference data and every id the facts use that it lacks, under its own id', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`
      CREATE TABLE dim_location (location_id VARCHAR, location_name VARCHAR);
      CREATE TABLE dim_provider (provider_id VARCHAR, provider_name VARCHAR, location_id VARCHAR);
      CREATE TABLE rollup_claim (claim_id VARCHAR, location_id VARCHAR, provider_id VARCHAR);
      CREATE TABLE rollup_appt_month (location_id VARCHAR, provider_id VARCHAR);
      CREATE TABLE rollup_payroll_month (location_id VARCHAR);
      INSERT INTO dim_location VALUES ('MAIN', 'Main Street');
      INSERT INTO dim_provider VALUES ('P1', 'Dr Lee', 'MAIN'), ('P2', 'Dr Ode', NULL);
      -- Billing names a location the roster lacks; appointments a provider; payroll one more location.
      INSERT INTO rollup_claim VALUES ('C1', 'MAIN', 'P1'), ('C2', 'Harbor View, Suite 200', 'P1');
      INSERT INTO rollup_appt_month VALUES ('MAIN', 'Lee, Ana MD'), (NULL, NULL);
      INSERT INTO rollup_payroll_month VALUES ('SANTA LUZIA');
    `);
    expect(await filterChoices(c)).toEqual({
      locations: [
        { id: 'Harbor View, Suite 200', name: 'Harbor View, Suite 200' },
        { id: 'MAIN', name: 'Main Street' },
        { id: 'SANTA LUZIA', name: 'SANTA LUZIA' },
      ],
      providers: [
        { id: 'P1', name: 'Dr Lee', locations: ['Harbor View, Suite 200', 'MAIN'] },
        { id: 'P2', name: 'Dr Ode', locations: [] },
        { id: 'Lee, Ana MD', name: 'Lee, Ana MD', locations: ['MAIN'] },
      ],
    });
    c.closeSync();
    db.closeSync();
  });

  it('offers under a chosen location the providers who work there, and the one already chosen', () => {
    const providers = [
      { id: 'P1', name: 'Dr Lee', locations: ['MAIN', 'NORTH'] },
      { id: 'P2', name: 'Dr Ode', locations: ['NORTH'] },
      { id: 'P3', name: 'Dr Abe', locations: [] },
    ];
    expect(providersAt(providers, 'MAIN').map((p) => p.id)).toEqual(['P1']);
    expect(providersAt(providers, 'NORTH').map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(providersAt(providers, 'MAIN', 'P2').map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(providersAt(providers, undefined).map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
  });
});
