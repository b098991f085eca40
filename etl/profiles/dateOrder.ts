/**
 * A profile's date formats may not disagree about the order of day and month. Formats are tried
 * in order and the first that parses wins, so a list holding both `%m/%d/%Y` and `%d/%m/%Y` would
 * read 03/04/2026 as March 4 and 13/04/2026 as April 13, in the same file, without a word: two
 * formats that differ only by where the day and the month stand are refused together.
 */
import type { Profile } from './schema.ts';

/** The format with its day and month codes (`%d`, `%-d`, `%m`, `%-m`) made one placeholder. */
const shape = (format: string): string => format.replace(/%-?[dm]/g, '%?');
/** The order in which the format writes day and month: "dm", "md", or less when one is absent. */
const order = (format: string): string => [...format.matchAll(/%-?([dm])/g)].map((m) => m[1]).join('');

/** The first pair of `formats` that only a day-month order tells apart, if any. */
function orderClash(formats: readonly string[]): [string, string] | undefined {
  for (let i = 0; i < formats.length; i++) {
    for (let j = i + 1; j < formats.length; j++) {
      const a = formats[i]!;
      const b = formats[j]!;
      if (shape(a) === shape(b) && order(a) !== order(b)) return [a, b];
    }
  }
  return undefined;
}

/** One problem per format list (the profile's date and timestamp formats, each column's own) whose day and month orders clash. */
export function dateOrderProblems(profile: Profile): string[] {
  const lists: [string, readonly string[]][] = [
    ['formats.date', profile.formats.date],
    ['formats.timestamp', profile.formats.timestamp],
    ...Object.entries(profile.columns).flatMap(([field, m]): [string, readonly string[]][] => (typeof m === 'object' && m.formats ? [[`columns.${field}.formats`, m.formats]] : [])),
  ];
  return lists.flatMap(([where, formats]) => {
    const clash = orderClash(formats);
    return clash
      ? [`${where}: "${clash[0]}" and "${clash[1]}" differ only in the order of day and month, so a date such as 03/04/2026 would be read by whichever comes first; keep the one the export writes`]
      : [];
  });
}
