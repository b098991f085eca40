/**
 * Small-cell suppression of a table for board-facing outputs (rules.ts says which cells).
 * Guarantees, for the table returned:
 * - every counted cell from 1 to 10 is the SUPPRESSED marker (primary suppression);
 * - no counted group (a column's data cells, with its total row if any; a row's counted
 *   cells, with its total column if any) has exactly one suppressed cell while any other cell
 *   of it is shown: a second cell, the smallest non-zero one (else a zero, else the total), is
 *   suppressed too (complementary suppression), repeated until no group changes;
 * - in a row with a suppressed counted cell, rates (`_pct`, `_ratio`) and variances are
 *   suppressed (they are computed from the hidden count);
 * - zero is shown, the input is not modified, and the marker does not say why a cell is
 *   hidden (telling a primary from a complementary cell would give bounds away).
 */
import { unitOf } from '../charts/format.ts';
import { isActualCountColumn, isCountedColumn, isSmall, MEASURE_COLUMNS, numeric } from './rules.ts';

export interface Suppressed {
  readonly suppressed: true;
}
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true });
export const SUPPRESSED_TEXT = 'suppressed';
export type Cell = string | number | null | Suppressed;

export const isSuppressed = (c: unknown): c is Suppressed => typeof c === 'object' && c !== null && (c as Suppressed).suppressed === true;

export interface TableIn {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface SuppressedCell {
  readonly row: number;
  readonly column: number;
  readonly reason: 'small' | 'complementary' | 'derived';
}

export interface SuppressResult {
  readonly columns: readonly string[];
  readonly rows: Cell[][];
  /** Which cells were hidden and why: for tests and audit, never for the reader. */
  readonly suppressed: readonly SuppressedCell[];
}

const TOTAL_LABEL = /^(total|all|grand total)$/i;
const isTotalColumn = (name: string) => isCountedColumn(name) && /(^total_|_total_n$)/.test(name);
const isDerived = (name: string) => ['pct', 'ratio'].includes(unitOf(name)) || name.startsWith('variance');

type Pos = readonly [row: number, col: number];

/** Which cells count patients (rules.ts): counted columns, and actual counts of counted measures. */
function countedCells(t: TableIn): boolean[][] {
  const measure = t.columns.findIndex((c) => MEASURE_COLUMNS.has(c));
  return t.rows.map((row) =>
    t.columns.map((c) => isCountedColumn(c) || (measure >= 0 && isCountedColumn(String(row[measure] ?? '')) && isActualCountColumn(c))),
  );
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isSuppressed(v)) return SUPPRESSED;
  return String(v);
}

export function suppressTable(t: TableIn): SuppressResult {
  const rows: Cell[][] = t.rows.map((r) => t.columns.map((_, i) => cellOf(r[i])));
  const counted = countedCells(t);
  const out: SuppressedCell[] = [];
  const hide = ([r, c]: Pos, reason: SuppressedCell['reason']) => {
    if (isSuppressed(rows[r]![c])) return false;
    rows[r]![c] = SUPPRESSED;
    out.push({ row: r, column: c, reason });
    return true;
  };
  rows.forEach((row, r) => row.forEach((v, c) => counted[r]![c] && isSmall(v) && hide([r, c], 'small')));

  const totalRow = rows.findIndex((row) => typeof row[0] === 'string' && TOTAL_LABEL.test(row[0].trim()));
  const totalCol = t.columns.findIndex(isTotalColumn);
  const groups: { cells: Pos[]; total?: Pos }[] = [];
  t.columns.forEach((_, c) => {
    const cells = rows.map((_, r) => [r, c] as const).filter(([r]) => r !== totalRow && counted[r]![c]);
    if (cells.length > 0) groups.push({ cells, ...(totalRow >= 0 && counted[totalRow]![c] ? { total: [totalRow, c] as const } : {}) });
  });
  if (totalCol >= 0) {
    rows.forEach((_, r) => {
      const cells = t.columns.map((_, c) => [r, c] as const).filter(([, c]) => c !== totalCol && counted[r]![c]);
      if (cells.length > 0) groups.push({ cells, total: [r, totalCol] });
    });
  }
  const value = ([r, c]: Pos) => numeric(rows[r]![c]) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      if (g.cells.filter(([r, c]) => isSuppressed(rows[r]![c])).length !== 1) continue;
      const shown = g.cells.filter(([r, c]) => !isSuppressed(rows[r]![c]) && rows[r]![c] !== null);
      const pick = [...shown].sort((a, b) => (value(a) > 0 ? 0 : 1) - (value(b) > 0 ? 0 : 1) || value(a) - value(b))[0] ?? g.total;
      if (pick && hide(pick, 'complementary')) changed = true;
    }
  }

  rows.forEach((row, r) => {
    if (!row.some((v, c) => counted[r]![c] && isSuppressed(v))) return;
    t.columns.forEach((name, c) => !counted[r]![c] && isDerived(name) && row[c] !== null && hide([r, c], 'derived'));
  });
  return { columns: t.columns, rows, suppressed: out };
}
