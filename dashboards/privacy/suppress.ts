/**
 * Small-cell suppression of a table for board-facing outputs (rules.ts says which cells).
 * Guarantees, for the table returned:
 * - every counted cell from 1 to 10 is the SUPPRESSED marker (primary suppression);
 * - no counted group (a column's data cells, with its total row if any; a row's counted
 *   cells, with its total column if any) has exactly one suppressed cell while any other cell
 *   of it is shown: a second cell, the smallest non-zero one (else a zero, else the total), is
 *   suppressed too (complementary suppression), repeated until no group changes;
 * - a row's counted cells that a section declares to add up (`sums`: a total column and its
 *   parts, such as claims on the 835s = matched + unmatched) form a group of that row too;
 * - in a row with a suppressed counted cell, rates (`_pct`, `_ratio`) and variances are
 *   suppressed (they are computed from the hidden count);
 * - a share of a count (a `_rate_pct` column not of money) times a counted cell of its row is the
 *   count it was computed from when that cell is its denominator (9.7% of 93 claims adjudicated
 *   is 9 denied): where that product is 1 to 10, the share is suppressed, and the products of a
 *   column form a group like a counted column (the table may have no column of the numerators);
 * - zero is shown, the input is not modified, and the marker does not say why a cell is
 *   hidden (telling a primary from a complementary cell would give bounds away).
 */
import { unitOf } from '../charts/format.ts';
import { isActualCountColumn, isCountedColumn, isSmall, MEASURE_COLUMNS, numeric, SMALL_MAX, SMALL_MIN } from './rules.ts';

export interface Suppressed {
  readonly suppressed: true;
}
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true });
export const SUPPRESSED_TEXT = 'suppressed';
export type Cell = string | number | null | Suppressed;

export const isSuppressed = (c: unknown): c is Suppressed => typeof c === 'object' && c !== null && (c as Suppressed).suppressed === true;

/** Counted columns of a row that add up: `total` = the sum of `parts`. */
export interface RowSum {
  readonly total: string;
  readonly parts: readonly string[];
}

export interface TableIn {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** Additive relations between the row's counted columns that the names cannot tell. */
  readonly sums?: readonly RowSum[];
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

/** A total row's label: `Total`, `All`, `Grand total`, or `All` and lower-case words (`All payers`; not a payer named `All Nations`). */
const isTotalLabel = (label: string) => /^(total|all|grand total)$/i.test(label) || /^All( [a-z]+)+$/.test(label);
const isTotalColumn = (name: string) => isCountedColumn(name) && /(^total_|_total_n$)/.test(name);
const isDerived = (name: string) => ['pct', 'ratio'].includes(unitOf(name)) || name.startsWith('variance');
/**
 * A share whose numerator may be a count: a rate in percent not of money (`denial_rate_pct`; not
 * `denial_rate_usd_pct`, nor shares of money or hours such as `ar_over_90_pct`, `overtime_pct`).
 */
const isCountShare = (name: string) => {
  const words = name.split('_');
  return unitOf(name) === 'pct' && words.includes('rate') && !words.some((w) => ['usd', 'cost', 'collection', 'collections', 'charges', 'payments'].includes(w));
};

type Pos = readonly [row: number, col: number];

/** The complementary cell's order: the smallest non-zero value first, then zeros. */
const complementOrder = (a: number, b: number): number => (a > 0 ? 0 : 1) - (b > 0 ? 0 : 1) || a - b;

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

  const totalRow = rows.findIndex((row) => typeof row[0] === 'string' && isTotalLabel(row[0].trim()));
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
  for (const sum of t.sums ?? []) {
    const total = t.columns.indexOf(sum.total);
    const parts = sum.parts.map((p) => t.columns.indexOf(p));
    if (total < 0 || parts.some((c) => c < 0)) throw new Error(`suppressTable: a declared sum names a column the table lacks (${sum.total} = ${sum.parts.join(' + ')})`);
    rows.forEach((_, r) => groups.push({ cells: parts.map((c) => [r, c] as const), total: [r, total] }));
  }
  const value = ([r, c]: Pos) => numeric(rows[r]![c]) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      if (g.cells.filter(([r, c]) => isSuppressed(rows[r]![c])).length !== 1) continue;
      const shown = g.cells.filter(([r, c]) => !isSuppressed(rows[r]![c]) && rows[r]![c] !== null);
      const pick = [...shown].sort((a, b) => complementOrder(value(a), value(b)))[0] ?? g.total;
      if (pick && hide(pick, 'complementary')) changed = true;
    }
  }

  rows.forEach((row, r) => {
    if (!row.some((v, c) => counted[r]![c] && isSuppressed(v))) return;
    t.columns.forEach((name, c) => !counted[r]![c] && isDerived(name) && row[c] !== null && hide([r, c], 'derived'));
  });
  impliedCounts(t, rows, counted, totalRow, hide);
  return { columns: t.columns, rows, suppressed: out };
}

/**
 * Shares of a count against the counted cells of their rows: each pair (share column, counted
 * column) is a column of implied counts (share x count), hidden where the share or the count
 * is. An implied count from 1 to 10 hides its share; then no such column (with its total row's
 * product, if any) may have exactly one hidden product while another is shown: the share of the
 * smallest non-zero product (else a zero, else the total's) is hidden too. Hiding a share hides
 * its products in every pair, so this repeats until nothing changes.
 */
function impliedCounts(t: TableIn, rows: Cell[][], counted: boolean[][], totalRow: number, hide: (p: Pos, reason: SuppressedCell['reason']) => boolean): void {
  const shares = t.columns.map((c, i) => [c, i] as const).filter(([c]) => isCountShare(c)).map(([, i]) => i);
  const counts = t.columns.map((_, c) => c).filter((c) => rows.some((_, r) => counted[r]![c]));
  if (shares.length === 0 || counts.length === 0) return;
  /** The product in row r, or 'hidden', or null when either cell has no number. */
  const product = (r: number, share: number, count: number): number | 'hidden' | null => {
    if (!counted[r]![count]) return null;
    if (isSuppressed(rows[r]![share]) || isSuppressed(rows[r]![count])) return 'hidden';
    const a = numeric(rows[r]![share]);
    const b = numeric(rows[r]![count]);
    return a === null || b === null ? null : a * b;
  };
  const small = (v: number) => Math.round(v) >= SMALL_MIN && Math.round(v) <= SMALL_MAX;
  for (let changed = true; changed; ) {
    changed = false;
    for (const share of shares) {
      for (const count of counts) {
        rows.forEach((_, r) => {
          const v = product(r, share, count);
          if (typeof v === 'number' && small(v) && hide([r, share], 'derived')) changed = true;
        });
        const data = rows.map((_, r) => r).filter((r) => r !== totalRow);
        const values = data.map((r) => [r, product(r, share, count)] as const).filter(([, v]) => v !== null);
        if (values.filter(([, v]) => v === 'hidden').length !== 1) continue;
        const shown = values.filter((e): e is readonly [number, number] => typeof e[1] === 'number');
        const pick = [...shown].sort((a, b) => complementOrder(a[1], b[1]))[0]?.[0] ?? (totalRow >= 0 && typeof product(totalRow, share, count) === 'number' ? totalRow : undefined);
        if (pick !== undefined && hide([pick, share], 'complementary')) changed = true;
      }
    }
  }
}
