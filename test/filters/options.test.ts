// The filter bar lists the ids the facts use even when the reference data lacks them (issue 9):
// hand-built tables in a fresh in-memory DuckDB, expected lists written by hand.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { filterChoices } from '../../dashboards/filters/options.ts';

describe('filter choices', () => {
  it('lists the reference data and every id the facts use that it lacks, under its own id', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`
      CREATE TABLE dim_location (location_id VARCHAR, location_name VARCHAR);
      CREATE TABLE dim_provider (provider_id VARCHAR, provider_name VARCHAR);
      CREATE TABLE rollup_claim (claim_id VARCHAR, location_id VARCHAR, provider_id VARCHAR);
      CREATE TABLE rollup_appt_month (location_id VARCHAR, provider_id VARCHAR);
      CREATE TABLE rollup_payroll_month (location_id VARCHAR);
      INSERT INTO dim_location VALUES ('MAIN', 'Main Street');
      INSERT INTO dim_provider VALUES ('P1', 'Dr Lee');
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
        { id: 'P1', name: 'Dr Lee' },
        { id: 'Lee, Ana MD', name: 'Lee, Ana MD' },
      ],
    });
    c.closeSync();
    db.closeSync();
  });
});
