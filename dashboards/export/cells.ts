/**
 * Validation of a result table against its column types, shared by the CSV and Arrow exports.
 * A numeric column holds only numbers (money only exact decimal text), a temporal column only
 * dates, so no exporter has to trust a cell's text: a column typed as numeric can never carry a
 * formula. Errors name the column, the row and what was expected, never the cell's value.
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { toCents } from '../metrics/money.ts';
import { columnTypes, type Cell, type ColumnType, type ResultTable } from './columns.ts';

/** A cell checked against its column type. Money is integer cents; a day is 'YYYY-MM-DD'. */
export type CheckedCell =
  | { readonly kind: 'null' }
  | { readonly kind: 'money'; readonly cents: bigint }
  | { readonly kind: 'count'; readonly value: bigint }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'day'; readonly iso: string }
  | { readonly kind: 'instant'; readonly ms: number }
  | { readonly kind: 'text'; readonly text: string };

export interface CheckedTable {
  readonly types: readonly ColumnType[];
  /** Column-major: `columns[c][r]` is the cell of row r in column c. */
  readonly columns: readonly (readonly CheckedCell[])[];
  readonly rowCount: number;
}

/** Up to 16 integer digits: DECIMAL(18,2), the warehouse's and the Arrow export's money type. */
const MONEY_TEXT = /^-?\d{1,16}(\.\d{1,2})?$/;
const INTEGER_TEXT = /^-?\d{1,19}$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const NULL: CheckedCell = { kind: 'null' };

export class ExportError extends PracticeBoardError {
  constructor(problem: string) {
    super('EXPORT_INVALID', problem);
  }
}

const typeName = (v: unknown) => (v instanceof Date ? 'a Date' : v === undefined ? 'undefined' : `a ${typeof v}`);

function checkCell(type: ColumnType, value: Cell, row: number): CheckedCell {
  if (value === null) return NULL;
  const bad = (expected: string): never => {
    throw new ExportError(`column ${type.name}, row ${row + 1}: expected ${expected}, got ${typeName(value)}`);
  };
  switch (type.kind) {
    case 'money':
      if (typeof value !== 'string' || !MONEY_TEXT.test(value)) return bad("exact decimal text with at most 16 integer digits and 2 decimals, such as '-12.50'");
      return { kind: 'money', cents: toCents(value) };
    case 'count': {
      const v =
        typeof value === 'bigint' ? value
        : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value)
        : typeof value === 'string' && INTEGER_TEXT.test(value) ? BigInt(value)
        : undefined;
      // Int64 is the widest count the Arrow export can carry; a wider one would wrap silently.
      return v !== undefined && BigInt.asIntN(64, v) === v ? { kind: 'count', value: v } : bad('a 64-bit integer (number, bigint or integer text)');
    }
    case 'percent':
    case 'numeric': {
      const n =
        typeof value === 'number' ? value
        : typeof value === 'bigint' && BigInt(Number(value)) === value ? Number(value)
        : typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value)
        : Number.NaN;
      return Number.isFinite(n) ? { kind: 'number', value: n } : bad('a finite number (or numeric text)');
    }
    case 'temporal':
      return type.precision === 'instant' ? checkInstant(value, bad) : checkDay(value, bad);
    case 'text':
      return { kind: 'text', text: value instanceof Date ? checkInstantDate(value, bad) : String(value) };
  }
}

function checkDay(value: Cell, bad: (expected: string) => never): CheckedCell {
  const expected = "a calendar date: 'YYYY-MM-DD' or a Date at midnight UTC";
  const iso = value instanceof Date ? checkInstantDate(value, bad) : typeof value === 'string' ? value : bad(expected);
  if (value instanceof Date) {
    if (!iso.endsWith('T00:00:00.000Z')) return bad(expected);
    return { kind: 'day', iso: iso.slice(0, 10) };
  }
  // Round trip through Date.UTC so 2025-02-30 is refused rather than rolled into March.
  if (!ISO_DAY.test(iso) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) return bad(expected);
  return { kind: 'day', iso };
}

function checkInstant(value: Cell, bad: (expected: string) => never): CheckedCell {
  const expected = 'a Date or ISO timestamp text with a zone (Z or +hh:mm)';
  if (value instanceof Date) return { kind: 'instant', ms: Date.parse(checkInstantDate(value, bad)) };
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value)) return bad(expected);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? { kind: 'instant', ms } : bad(expected);
}

function checkInstantDate(value: Date, bad: (expected: string) => never): string {
  return Number.isFinite(value.getTime()) ? value.toISOString() : bad('a valid Date');
}

/** The table checked column by column; throws ExportError at the first bad cell or shape. */
export function checkTable(table: ResultTable): CheckedTable {
  const types = columnTypes(table);
  const seen = new Set<string>();
  for (const name of table.columns) {
    if (name === '') throw new ExportError('a column has an empty name');
    if (seen.has(name)) throw new ExportError(`column ${name} appears twice`);
    seen.add(name);
  }
  table.rows.forEach((row, r) => {
    if (row.length !== types.length) throw new ExportError(`row ${r + 1} has ${row.length} cells for ${types.length} columns`);
  });
  const columns = types.map((type, c) => table.rows.map((row, r) => checkCell(type, row[c] as Cell, r)));
  return { types, columns, rowCount: table.rows.length };
}
