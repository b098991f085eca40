/**
 * Exports of a result table: CSV (formula-safe, RFC 4180, CRLF, optional BOM) and Arrow IPC
 * (explicit types, exact money), sharing one column-type model.
 */
export { toCsv, guardFormula, type CsvOptions } from './csv.ts';
export { toArrowIPC, toArrowTable, MONEY_PRECISION, MONEY_SCALE, type ArrowOptions } from './arrow.ts';
export { fromDecimal128Words, toDecimal128Words } from './decimal128.ts';
export { checkTable, ExportError, type CheckedCell, type CheckedTable } from './cells.ts';
export {
  columnTypes,
  describeColumn,
  inferColumnKind,
  isNumericKind,
  type Cell,
  type ColumnKind,
  type ColumnType,
  type ResultTable,
  type TemporalPrecision,
} from './columns.ts';
