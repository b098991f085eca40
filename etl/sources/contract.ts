/**
 * The canonical contract of every source: the fields a profile maps a file's columns to,
 * their types, which are required, the natural key that makes a re-export replace rather
 * than duplicate, and the warehouse table the rows merge into. docs/sources.md documents
 * the same contract for people; test/sources-doc.test.ts keeps the two in step.
 */

export type FieldType =
  | 'id' // text kept as-is (leading zeros kept), trimmed
  | 'text'
  | 'enum' // text that must be one of `values` after the profile's value map
  | 'int'
  | 'decimal' // exact decimal (hours, FTE, RVU)
  | 'money' // exact decimal, 2 places, currency text accepted per the profile
  | 'date'
  | 'timestamp'
  | 'patient'; // patient identifier: replaced by a keyed hash at load, never stored

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** Allowed canonical values, for enums. */
  readonly values?: readonly string[];
  /** Warehouse column; defaults to `name`. */
  readonly column?: string;
  /** SQL type of the warehouse column for decimals. */
  readonly sqlType?: string;
  /** Canonical value used when the file leaves an optional field blank. */
  readonly default?: string;
  /** Dates only: store the first day of the date's month. */
  readonly truncateToMonth?: boolean;
  /**
   * Dates only: a value after the day of the load (on the practice's clock) is impossible (a
   * posting date is never in the future), so a load warns with the count: a mistyped year. It
   * still loads (a warning, not a reject), and the report says so.
   */
  readonly notAfterLoad?: boolean;
  /**
   * Ids only: the source whose natural key this field names (billing's `provider_id` names a
   * provider of the roster). A load warns, with counts, about ids that reference data lacks;
   * `except` lists canonical values that name no row (budget's `ALL`).
   */
  readonly references?: { readonly source: SourceName; readonly except?: readonly string[] };
  readonly doc: string;
}

export interface SourceSpec {
  readonly source: SourceName;
  readonly table: string;
  readonly label: string;
  readonly fields: readonly FieldSpec[];
  readonly naturalKey: readonly string[];
  /** The money field summed for the file's control total. */
  readonly controlTotal?: string;
  /** The date field whose range is the file's coverage. */
  readonly coverageDate?: string;
  /** Warehouse columns computed from the typed row (SQL), overriding or adding to the fields. */
  readonly derived?: Readonly<Record<string, string>>;
  /** Whether the table has a primary key on the natural key (dimensions): merge by upsert. */
  readonly upsert?: boolean;
  /** Extra row-level rules, as SQL over the typed fields, each with its reason: a row breaking one is rejected. */
  readonly rules?: readonly RowRule[];
  /** Rules that only warn: a row breaking one loads, and the load report counts it per rule. */
  readonly warnings?: readonly RowRule[];
  /**
   * The enum field whose value says which way a row's money fields point (billing: `txn_type`)
   * and those money fields; a profile's `signs` turns the sign of types its export writes negative.
   */
  readonly signedBy?: { readonly field: string; readonly amounts: readonly string[] };
}

export interface RowRule {
  /** SQL over the typed fields (warehouse column names). */
  readonly when: string;
  readonly column: string;
  readonly reason: string;
}

export const SOURCE_NAMES = [
  'billing',
  'payroll',
  'appointments',
  'providers',
  'payers',
  'locations',
  'budget',
  'rvus',
  'fee_schedule',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const TXN_TYPES = ['charge', 'payment', 'adjustment', 'refund', 'transfer'] as const;
export const PAYER_CLASSES = ['commercial', 'medicare', 'medicaid', 'self_pay', 'workers_comp', 'other'] as const;
export const JOB_CLASSES = ['provider', 'clinical', 'front_office', 'business_ops', 'ancillary'] as const;
export const ADJ_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
/** FHIR Appointment.status values. */
export const APPT_STATUSES = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
  // PracticeBoard extension: a cancellation the source system itself marks as late.
  // Stored as status 'cancelled' with late_cancel = true.
  'cancelled-late',
] as const;
