/**
 * The numbers a pack presents, by a stable key, and the difference between two packs of the
 * same month. Numbers are compared as presented (their display text), so a change the reader
 * could not see is no restatement and every change the reader could see is one. A tile that
 * appears on two dashboards is one number; a row that appeared or vanished shows as a number
 * that was or is now missing. The story's top drivers of each headline's move are presented
 * numbers too: each is compared with the same driver (dimension and id) in the pack the data
 * gives now, wherever it ranks there.
 */
import { MISSING } from '../dashboards/charts/format.ts';
import type { BridgeDriver } from '../dashboards/bridge/types.ts';
import type { PackModel } from './model.ts';
import { driverText } from './story.ts';
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

/**
 * The story's drivers by key (`story/<measure>/<dimension>/<id>`), as the pack words them: the
 * top three of each headline's move (`all`: every driver of every dimension, and the top, to find
 * a presented one wherever it ranks now).
 */
export function storyDrivers(model: PackModel, all = false): Map<string, Presented> {
  const out = new Map<string, Presented>();
  const story = model.story;
  if (!story) return out;
  for (const b of story.bridges) {
    if (b.comparison !== story.comparison) continue;
    const drivers: readonly BridgeDriver[] = all ? [...b.byDimension.flatMap((d) => d.drivers), ...b.top] : b.top.slice(0, 3);
    for (const d of drivers) {
      const t = driverText(d);
      out.set(`story/${b.metricId}/${d.dimension}/${d.key}`, { label: `${b.label}, a driver of its move against ${b.comparisonLabel}: ${t.label}`, text: t.text });
    }
  }
  return out;
}

/** Each number of `a` that `b` presents otherwise (or not at all, unless it was missing already). */
function changedFrom(a: ReadonlyMap<string, Presented>, b: ReadonlyMap<string, Presented>): NumberChange[] {
  const changes: NumberChange[] = [];
  for (const [key, old] of a) {
    const now = b.get(key);
    if (!now && old.text === MISSING) continue;
    if (!now || now.text !== old.text) changes.push({ key, label: old.label, old: old.text, new: now?.text ?? MISSING });
  }
  return changes;
}

/** Every presented number of `before` that `after` presents differently, in `before`'s order. */
export function diffPresented(before: PackModel, after: PackModel): NumberChange[] {
  const a = presentedNumbers(before);
  const b = presentedNumbers(after);
  const changes = changedFrom(a, b);
  for (const [key, now] of b) if (!a.has(key) && now.text !== MISSING) changes.push({ key, label: now.label, old: MISSING, new: now.text });
  // The drivers the approved pack named, each found wherever it ranks now. A pack built without
  // its story (before this was compared) has none, and then nothing is compared.
  if (after.story) changes.push(...changedFrom(storyDrivers(before), storyDrivers(after, true)));
  return changes;
}
