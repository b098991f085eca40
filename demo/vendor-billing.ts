/**
 * A slice of the demo ledger as another billing system ("Acme Practice Manager") exports it,
 * to exercise the profile etl/profiles/acme-pm-billing.json: UTF-8 with a byte-order mark,
 * CRLF line endings, two report-title lines above the header, the vendor's own column names
 * and codes, US dates, currency text with parentheses for negatives, a memo column with commas,
 * quotes and an embedded line break, PHI columns (obviously fake values) that must never be
 * stored, a trailing comma on every line (an empty last column) and a final Total row.
 * The rows are the canonical rows' transactions, so a load can be checked against them.
 */
import type { LedgerRow, TxnType } from './claims.ts';
import { usDate } from './calendar.ts';
import { csvLine } from './csv.ts';
import { currencyText } from './money.ts';
import type { PayerClass } from './payers.ts';
import { transactionId } from './practice-ledger.ts';
import { writeLines } from './sink.ts';

export const ACME_TXN_TYPE: Readonly<Record<TxnType, string>> = { charge: 'CHG', payment: 'PMT', adjustment: 'ADJ', refund: 'REF', transfer: 'TRF' };
export const ACME_PAYER_CLASS: Readonly<Record<PayerClass, string>> = {
  commercial: 'COM',
  medicare: 'MCR',
  medicaid: 'MCD',
  self_pay: 'SP',
  workers_comp: 'WC',
  other: 'OTH',
};
export const ACME_PAYMENT_SOURCE = { insurance: 'INS', patient: 'PAT' } as const;

export const ACME_BILLING_HEADER = [
  'Txn #', 'Claim No', 'Line', 'Pt Acct', 'Patient Name', 'DOB', 'SSN', 'Rendering Prov', 'Facility', 'Ins Plan',
  'Fin Class', 'CPT', 'Units', 'DOS', 'Posted', 'Type', 'Amount', 'Pay Src', 'Grp', 'Reason', 'Memo', '',
] as const;
const AMOUNT_COLUMN = ACME_BILLING_HEADER.indexOf('Amount');

/** A memo as billers type them: commas, a quoted word, a line break in denial notes. */
function memo(row: LedgerRow): string {
  switch (row.type) {
    case 'adjustment':
      if (row.carc === '') return 'Patient balance write-off, per policy';
      if (row.carc === '45' || row.carc === '253') return '';
      return row.cents < 0 ? 'Denial reversed, claim reprocessed' : `Denied ${row.group}-${row.carc}\nWorked by billing; appeal if eligible`;
    case 'payment':
      if (row.source === 'insurance') return '';
      return row.postDay === row.claim.serviceDay ? 'Copay, front desk' : 'Statement pmt "online"';
    case 'refund':
      return 'Refund issued, check mailed';
    default:
      return '';
  }
}

export interface VendorFile {
  readonly path: string;
  readonly rows: number;
  readonly amountTotalCents: bigint;
}

export interface BillingSlice {
  /** Consecutive ledger rows in posting order; the first has transaction number `firstTransaction`. */
  readonly rows: readonly LedgerRow[];
  readonly firstTransaction: number;
  /** The posting dates the report covers, for its title. */
  readonly fromDay: number;
  readonly toDay: number;
}

/** Write a slice of the ledger as the Acme export. */
export async function writeAcmeBilling(path: string, practiceName: string, slice: BillingSlice): Promise<VendorFile> {
  const { rows, firstTransaction, fromDay, toDay } = slice;
  let total = 0;
  function* lines(): Generator<string> {
    yield `\uFEFFAcme Practice Manager - Transaction Detail Report\r\n`;
    yield `${practiceName}; posted ${usDate(fromDay)} to ${usDate(toDay)}\r\n`;
    yield csvLine(ACME_BILLING_HEADER, '\r\n');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const { claim, line } = row;
      total += row.cents;
      yield csvLine(
        [
          transactionId(firstTransaction + i), claim.id, String(line.n), claim.patient.id, `TEST, PATIENT ${claim.patient.id.slice(-4)}`, '01/01/1900',
          '000-00-0000', claim.providerId, claim.locationId, claim.payer.id, ACME_PAYER_CLASS[claim.payer.payerClass], line.code,
          String(line.units), usDate(claim.serviceDay), usDate(row.postDay), ACME_TXN_TYPE[row.type], currencyText(row.cents),
          row.source === '' ? '' : ACME_PAYMENT_SOURCE[row.source], row.group, row.carc, memo(row), '',
        ],
        '\r\n',
      );
    }
    const totalRow: string[] = ACME_BILLING_HEADER.map(() => '');
    totalRow[0] = 'Total';
    totalRow[AMOUNT_COLUMN] = currencyText(total);
    yield csvLine(totalRow, '\r\n');
  }
  await writeLines(path, lines());
  return { path, rows: rows.length, amountTotalCents: BigInt(total) };
}
