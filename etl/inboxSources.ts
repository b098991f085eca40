/**
 * The inbox's folders and their load order, apart from the load path itself (inbox.ts), so
 * that what only names a source (the command line's `--source` choices, its help) does not
 * load the loader. One list: inbox.ts re-exports it, the X12 835 loader takes its folder name
 * from here.
 */
import { SOURCE_NAMES, type SourceName } from './sources/contract.ts';

/** The inbox folder of the payers' X12 835 remittance files (etl/remittance/). */
export const REMITTANCE_SOURCE = 'remittance';

/** A folder of the inbox: a CSV source, or the X12 835 remittances (etl/remittance/). */
export type InboxSource = SourceName | typeof REMITTANCE_SOURCE;
export const INBOX_SOURCES: readonly InboxSource[] = [...SOURCE_NAMES, REMITTANCE_SOURCE];

/** Load order: dimensions and reference data before the facts that refer to them; remittances after the ledger they are matched to. */
export const LOAD_ORDER: readonly InboxSource[] = ['locations', 'payers', 'providers', 'rvus', 'budget', 'fee_schedule', 'billing', REMITTANCE_SOURCE, 'appointments', 'payroll'];
