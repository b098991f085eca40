/**
 * What one 835 transaction says, as read: the payment header, the claims with their service
 * lines, adjustments and remark codes, and the provider-level adjustments. Money is integer
 * cents (exact); dates are ISO text (YYYY-MM-DD). No patient name or member id is ever put
 * here: the reader skips NM1 segments entirely.
 */

export interface Adjustment {
  readonly position: number;
  readonly group: string;
  readonly carc: string;
  readonly amountCents: number;
  readonly quantity: string | null;
}

export interface Remark {
  readonly rarc: string;
  /** Where the code was given: LQ (service line), MOA (outpatient claim), MIA (inpatient claim). */
  readonly from: 'LQ' | 'MOA' | 'MIA';
}

export interface ServiceLine {
  readonly position: number;
  readonly qualifier: string;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly revenueCode: string | null;
  readonly chargeCents: number;
  readonly paidCents: number;
  readonly units: string;
  serviceDate: string | null;
  serviceDateTo: string | null;
  allowedCents: number | null;
  controlNumber: string | null;
  readonly adjustments: Adjustment[];
  readonly remarks: Remark[];
}

export interface ClaimPayment {
  readonly position: number;
  /** CLP01: the practice's own claim id (the ledger's claim_id). */
  readonly claimId: string;
  readonly statusCode: string;
  readonly chargeCents: number;
  readonly paidCents: number;
  readonly patientRespCents: number | null;
  readonly filingIndicator: string | null;
  readonly payerClaimControl: string | null;
  statementFrom: string | null;
  statementTo: string | null;
  receivedDate: string | null;
  interestCents: number | null;
  promptPayCents: number | null;
  readonly adjustments: Adjustment[];
  readonly remarks: Remark[];
  readonly lines: ServiceLine[];
}

export interface ProviderAdjustment {
  readonly position: number;
  readonly providerId: string;
  readonly fiscalDate: string | null;
  readonly reason: string;
  readonly reference: string | null;
  readonly amountCents: number;
}

export interface Remittance {
  readonly position: number;
  readonly isaControl: string;
  readonly gsControl: string;
  readonly stControl: string;
  /** Implementation guide: 005010X221A1, 004010X091A1, ... (ST03, else GS08). */
  readonly version: string;
  handling: string;
  totalPaidCents: number;
  creditDebit: string | null;
  paymentMethod: string | null;
  paymentDate: string | null;
  traceNumber: string | null;
  traceOriginator: string | null;
  payerName: string | null;
  payerId: string | null;
  payeeName: string | null;
  payeeId: string | null;
  productionDate: string | null;
  readonly claims: ClaimPayment[];
  readonly plb: ProviderAdjustment[];
}

/** CLP02 claim status codes (X12 835, 5010 and 4010). */
export const CLAIM_STATUS: Readonly<Record<string, string>> = {
  '1': 'processed_primary',
  '2': 'processed_secondary',
  '3': 'processed_tertiary',
  '4': 'denied',
  '19': 'processed_primary_forwarded',
  '20': 'processed_secondary_forwarded',
  '21': 'processed_tertiary_forwarded',
  '22': 'reversal',
  '23': 'not_our_claim_forwarded',
  '25': 'predetermination',
};

export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
