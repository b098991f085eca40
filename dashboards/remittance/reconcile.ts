/**
 * Reconciliation of the 835 remittances with the billing ledger: claims matched by claim id
 * (CLP01 = the ledger's claim_id), unmatched (on an 835, not in the ledger) and differences
 * (the 835s say the claim was paid X in all, the ledger posted Y in insurance payments less
 * refunds), by payer; and the 835 payments by payer and month beside the ledger's insurance
 * payments. Aggregates only; the claim-level list is for one run's page (admin).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { periodParams, rows, sqlFile, type PeriodParams, type Row } from './query.ts';

const RECONCILE = sqlFile('reconcile');
const PAYMENTS_BY_MONTH = sqlFile('payments-by-month');
const RUN_CLAIMS = sqlFile('run-claims');
const RUN_SUMMARY = sqlFile('run-summary');

/** By payer, then a total row whose payer is null. */
export const reconciliationByPayer = (conn: DuckDBConnection, p: PeriodParams): Promise<Row[]> => rows(conn, RECONCILE, periodParams(p));

export const paymentsByPayerMonth = (conn: DuckDBConnection, p: PeriodParams): Promise<Row[]> => rows(conn, PAYMENTS_BY_MONTH, periodParams(p));

/** The claims of a run's file that the ledger lacks or whose paid amounts differ (at most 500). */
export const runClaimFindings = (conn: DuckDBConnection, runId: string): Promise<Row[]> => rows(conn, RUN_CLAIMS, { run_id: runId });

/** The transactions a run loaded, with their control totals. */
export const runTransactions = (conn: DuckDBConnection, runId: string): Promise<Row[]> => rows(conn, RUN_SUMMARY, { run_id: runId });
