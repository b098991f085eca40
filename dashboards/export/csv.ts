/**
 * CSV export of a result table: RFC 4180 quoting (papaparse), CRLF line ends, an optional UTF-8
 * byte-order mark for Excel, and no formula injection. Guarantees:
 * - every text cell (and header) that a spreadsheet would read as a formula, i.e. one starting
 *   with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP "CSV injection"), is prefixed with
 *   a single quote, so it opens as text;
 * - numeric columns are never prefixed: the decision is made by the column's type, and
 *   `checkTable` has already refused anything in a numeric column that is not a number, so
 *   `-12.50` in `amount_usd` stays a number and cannot be a formula;
 * - money is written exactly, with two decimals ('-12.50'); days as 'YYYY-MM-DD', instants as
 *   ISO UTC timestamps; null as an empty field.
 */
import Papa from 'papaparse';
import { centsToText } from '../metrics/money.ts';
import { checkTable, type CheckedCell } from './cells.ts';
import type { ResultTable } from './columns.ts';

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte-order mark, so Excel opens non-ASCII text (a provider named
   * "Núñez") correctly. Example: `toCsv(table, { bom: true })` for a download. Default false.
   */
  readonly bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` made safe to open in a spreadsheet: a leading formula character gets a `'` before it. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(cell: CheckedCell): string {
  switch (cell.kind) {
    case 'null':
      return '';
    case 'money':
      return centsToText(cell.cents);
    case 'count':
      return cell.value.toString();
    case 'number':
      // String() is the shortest text that reads back as the same double.
      return String(cell.value);
    case 'day':
      return cell.iso;
    case 'instant':
      return new Date(cell.ms).toISOString();
    case 'text':
      return guardFormula(cell.text);
  }
}

/** The table as CSV text: a header row, then one CRLF-terminated line per row. */
export function toCsv(table: ResultTable, options: CsvOptions = {}): string {
  const checked = checkTable(table);
  const data = Array.from({ length: checked.rowCount }, (_, r) => checked.columns.map((col) => cellText(col[r] as CheckedCell)));
  const body = Papa.unparse(
    { fields: checked.types.map((t) => guardFormula(t.name)), data },
    // escapeFormulae is off: papaparse would also prefix money text such as "-12.50".
    // A lone empty field is quoted, or a one-column row of null would be a blank line.
    { quotes: checked.types.length === 1 ? (v: unknown) => v === '' : false, quoteChar: '"', escapeChar: '"', delimiter: ',', newline: '\r\n', header: true, escapeFormulae: false },
  );
  // papaparse ends a header-only body with a newline and a body with rows without one.
  return `${options.bom ? '\uFEFF' : ''}${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
}
