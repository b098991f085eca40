/**
 * How current the data is, said once and compactly for the top of a page: one line with the
 * date the data runs through and when it last loaded (in the practice's time zone, labelled),
 * the stale sources named, and each source's span for a details list.
 *
 * Example: { summary: 'Data through 31 Oct 2026; last loaded 1 Nov 2026, 02:00 EDT',
 *            stale: ['Payroll: data ends 45 days ago'], sources: [...] }
 */
import { humanize } from '../charts/format.ts';
import type { SourceFreshness } from '../freshness.ts';
import type { PresentedFreshness } from './model.ts';
import { presentDate, presentInstant } from './time.ts';

/** A load time as the warehouse keeps it ('2026-11-01 06:00', UTC) in the practice's zone, labelled. */
export const loadedAtLabel = (utc: string, timezone: string): string => presentInstant(utc, timezone);

export function presentFreshness(fresh: readonly SourceFreshness[], timezone: string): PresentedFreshness {
  const loaded = fresh.filter((f) => f.lastDate);
  // The date every loaded source reaches: the earliest of their last dates.
  const through = loaded.map((f) => f.lastDate!).sort()[0];
  const lastLoad = fresh.map((f) => f.lastLoadedAt).filter((t): t is string => !!t).sort().at(-1);
  const summary = through
    ? `Data through ${presentDate(through)}${lastLoad ? `; last loaded ${loadedAtLabel(lastLoad, timezone)}` : ''}`
    : 'No data loaded yet';
  const stale = fresh.filter((f) => f.stale).map((f) => `${humanize(f.source)}: ${f.lastDate ? `data ends ${f.ageDays} days ago` : 'no data loaded'}`);
  const sources = fresh.map((f) => ({
    source: f.source,
    text: `${humanize(f.source)}: ${f.firstDate ? `${presentDate(f.firstDate)} to ${presentDate(f.lastDate ?? '\u2014')}` : 'no data loaded'}${f.lastLoadedAt ? `, last loaded ${loadedAtLabel(f.lastLoadedAt, timezone)}` : ''}`,
    stale: f.stale,
  }));
  return { summary, stale, sources };
}
