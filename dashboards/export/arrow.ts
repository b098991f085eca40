/**
 * Arrow IPC stream export of a result table, with every column's Arrow type chosen from its
 * column type, never guessed from the values (STYLE.md: DuckDB has no native Arrow output):
 * - money (`_usd`): Decimal(18,2), 128-bit, written from integer cents, so it is exact;
 * - counts (`_n`): Int32, or Int64 when a value does not fit in 32 bits;
 * - percent (fractions) and other quantities: Float64;
 * - days (`date`, `month`, `_date`): Date32 (DateDay); instants (`_at`): Timestamp(ms, UTC);
 * - text: Utf8, dictionary-encoded when values repeat (at most half as many distinct values as
 *   non-null cells), which a reader sees as the same strings.
 * Every field is nullable and carries its kind and unit in metadata (`practiceboard:kind`,
 * `practiceboard:unit`), so a reader formats `charges_usd` as money without re-parsing names.
 */
import {
  DateDay,
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeBuilder,
  makeData,
  tableToIPC,
  type Data,
  type DataType,
} from 'apache-arrow';
import { checkTable, type CheckedCell } from './cells.ts';
import type { ColumnType, ResultTable } from './columns.ts';
import { toDecimal128Words } from './decimal128.ts';

export interface ArrowOptions {
  /** 'auto' (default) dictionary-encodes repetitive text columns; 'never' keeps plain Utf8. */
  readonly dictionary?: 'auto' | 'never';
}

/** DECIMAL(18,2): the warehouse's money type. */
export const MONEY_PRECISION = 18;
export const MONEY_SCALE = 2;

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

function arrowType(type: ColumnType, cells: readonly CheckedCell[], options: ArrowOptions): DataType {
  switch (type.kind) {
    case 'money':
      return new Decimal(MONEY_SCALE, MONEY_PRECISION, 128);
    case 'count':
      return cells.every((c) => c.kind !== 'count' || (c.value >= INT32_MIN && c.value <= INT32_MAX)) ? new Int32() : new Int64();
    case 'percent':
    case 'numeric':
      return new Float64();
    case 'temporal':
      return type.precision === 'instant' ? new TimestampMillisecond('UTC') : new DateDay();
    case 'text': {
      const texts = cells.flatMap((c) => (c.kind === 'text' ? [c.text] : []));
      const repetitive = texts.length > 0 && new Set(texts).size * 2 <= texts.length;
      return options.dictionary !== 'never' && repetitive ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
    }
  }
}

/** The value an apache-arrow builder takes for a checked cell of the given Arrow type. */
function builderValue(cell: CheckedCell, type: DataType): unknown {
  switch (cell.kind) {
    case 'null':
      return null;
    case 'money':
      return toDecimal128Words(cell.cents);
    case 'count':
      return type instanceof Int64 ? cell.value : Number(cell.value);
    case 'number':
      return cell.value;
    case 'day':
      return Date.parse(`${cell.iso}T00:00:00Z`);
    case 'instant':
      return cell.ms;
    case 'text':
      return cell.text;
  }
}

function columnData(type: DataType, cells: readonly CheckedCell[]): Data {
  const builder = makeBuilder({ type, nullValues: [null] });
  for (const cell of cells) builder.append(builderValue(cell, type));
  return builder.finish().flush();
}

function field(type: ColumnType, arrow: DataType): Field {
  const metadata = new Map<string, string>([['practiceboard:kind', type.kind]]);
  if (type.unit) metadata.set('practiceboard:unit', type.unit);
  if (type.precision) metadata.set('practiceboard:precision', type.precision);
  return new Field(type.name, arrow, true, metadata);
}

/** The table as an Arrow Table with explicit types; throws ExportError on a cell of the wrong type. */
export function toArrowTable(table: ResultTable, options: ArrowOptions = {}): Table {
  const checked = checkTable(table);
  const types = checked.types.map((t, c) => arrowType(t, checked.columns[c] as CheckedCell[], options));
  const schema = new Schema(checked.types.map((t, c) => field(t, types[c] as DataType)));
  const children = types.map((t, c) => columnData(t, checked.columns[c] as CheckedCell[]));
  const data = makeData({ type: new Struct(schema.fields), length: checked.rowCount, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

/** The table as Arrow IPC stream bytes (read back with apache-arrow's `tableFromIPC`). */
export function toArrowIPC(table: ResultTable, options: ArrowOptions = {}): Uint8Array {
  return tableToIPC(toArrowTable(table, options), 'stream');
}
