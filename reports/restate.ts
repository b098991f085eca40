/**
 * The numbers a pack presents, by a stable key, and the difference between two packs of the
 * same month. Numbers are compared as presented (their display text), so a change the reader
 * could not see is no restatement and every change the reader could see is one. A tile that
 * appears on two dashboards is one number; a row that appeared or vanished shows as a number
 * that was or is now missing.
 */
import { MISSING } from '../dashboards/charts/format.ts';
import type { PackModel } from './model.ts';
import { cellText, columnLabel, isNumericColumn } from './text.ts';

export interface Presented {
  readonly label: string;
  readonly text: string;
}

export interface NumberChange {
  readonly key: string;
  readonly label: string;
  readonly old: string;
  readonly new: string;
}

const MONTH_KEY = /^\d{4}-\d{2}-01$/;

export function presentedNumbers(model: PackModel): Map<string, Presented> {
  const out = new Map<string, Presented>();
  for (const page of model.pages) {
    for (const t of page.tiles) {
      out.set(`tile/${t.metricId}`, { label: t.label, text: t.value.text });
      for (const c of t.comparisons) out.set(`tile/${t.metricId}/${c.key}`, { label: `${t.label} (${c.label.toLowerCase()})`, text: c.value.text });
    }
    for (const s of page.sections) {
      s.table.rows.forEach((row, r) => {
        const rowKey = s.table.rowKeys[r] ?? `row ${r + 1}`;
        const rowLabel = MONTH_KEY.test(rowKey) ? cellText('month', rowKey) : rowKey;
        s.table.columns.forEach((column, c) => {
          if (!isNumericColumn(column)) return;
          out.set(`${page.id}/${s.id}/${rowKey}/${column}`, { label: `${s.title}: ${rowLabel}, ${columnLabel(column).toLowerCase()}`, text: cellText(column, row[c] ?? null) });
        });
      });
    }
  }
  return out;
}

/** Every presented number of `before` that `after` presents differently, in `before`'s order. */
export function diffPresented(before: PackModel, after: PackModel): NumberChange[] {
  const a = presentedNumbers(before);
  const b = presentedNumbers(after);
  const changes: NumberChange[] = [];
  for (const [key, old] of a) {
    const now = b.get(key);
    if (!now && old.text === MISSING) continue;
    if (!now || now.text !== old.text) changes.push({ key, label: old.label, old: old.text, new: now?.text ?? MISSING });
  }
  for (const [key, now] of b) if (!a.has(key) && now.text !== MISSING) changes.push({ key, label: now.label, old: MISSING, new: now.text });
  return changes;
}
