/**
 * The days of a period that payroll covers, defined once (payroll-days.sql) and spliced as a CTE
 * into the queries that divide by it (the payroll and provider FTE inputs, payroll by job class).
 * A SQL fragment rather than a DuckDB macro: a macro made by a migration would be created before
 * the rollup tables it reads exist.
 *
 * Example: withPayrollDays('WITH period AS (...), {{payroll_days}} SELECT ... FROM payroll_days')
 */
import { readFileSync } from 'node:fs';
import { fillTemplate } from './breakdowns/template.ts';

const PAYROLL_DAYS = readFileSync(new URL('./payroll-days.sql', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('--'))
  .join('\n')
  .trim();

/** `sql` with its `{{payroll_days}}` placeholder filled (the query must define a `period` CTE before it). */
export const withPayrollDays = (sql: string): string => (sql.includes('{{payroll_days}}') ? fillTemplate(sql, { payroll_days: PAYROLL_DAYS }) : sql);
