/**
 * Analytics over the 835 remittances, for a period of payment dates and an optional payer
 * class: denial rate and top denial reasons (CARC and RARC with their shipped descriptions),
 * reversals and provider-level adjustments kept apart, payer payment velocity, and lines paid
 * below the fee schedule. The denial rule takes the house adjustment rules (contractual and
 * patient-share pairs are not denials), as the ledger's denial metrics do.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { DEFAULT_ADJUSTMENT_RULES, nonDenialPairs, type AdjustmentRules } from '../rollups/adjustment-rules.ts';
import { periodParams, sqlFile, type PeriodParams, type Row } from './query.ts';

const DENIALS = sqlFile('denials');
const DENIAL_REASONS = sqlFile('denial-reasons');
const REVERSALS = sqlFile('reversals');
const VELOCITY = sqlFile('velocity');
const UNDERPAYMENT = sqlFile('underpayment');

async function run(conn: DuckDBConnection, sql: string, p: PeriodParams, rules?: AdjustmentRules): Promise<Row[]> {
  const params = periodParams(p);
  if (!rules) return (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as Row[];
  const reader = await conn.runAndReadAll(sql, { ...params, non_denial: listValue(nonDenialPairs(rules)) }, { non_denial: LIST(VARCHAR) });
  return reader.getRowObjectsJson() as Row[];
}

/** By payer, then a total row whose payer is null. */
export const remitDenialRates = (conn: DuckDBConnection, p: PeriodParams, rules = DEFAULT_ADJUSTMENT_RULES): Promise<Row[]> => run(conn, DENIALS, p, rules);

/** The top 10 CARC (with denied dollars) then the top 10 RARC on denied claims. */
export const remitDenialReasons = (conn: DuckDBConnection, p: PeriodParams, rules = DEFAULT_ADJUSTMENT_RULES): Promise<Row[]> => run(conn, DENIAL_REASONS, p, rules);

export const remitReversals = (conn: DuckDBConnection, p: PeriodParams): Promise<Row[]> => run(conn, REVERSALS, p);

/** By payer, then a total row whose payer is null. */
export const payerVelocity = (conn: DuckDBConnection, p: PeriodParams): Promise<Row[]> => run(conn, VELOCITY, p);

export const underpayments = (conn: DuckDBConnection, p: PeriodParams): Promise<Row[]> => run(conn, UNDERPAYMENT, p);
