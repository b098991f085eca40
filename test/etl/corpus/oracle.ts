/**
 * What must become of every physical line of a corpus file, decided from its bytes without
 * parsing CSV: lines are split at LF, CRLF or a lone CR; a line that is exactly a valid row the
 * generator wrote (and ends with a line end) must load at that line with its amount; an empty
 * line is skipped; every other line must be rejected at that line.
 */
import type { CorpusCase, ValidRow } from './generate.ts';

export type Expected = { readonly line: number } & ({ readonly kind: 'loaded'; readonly row: ValidRow } | { readonly kind: 'rejected' } | { readonly kind: 'blank' });

export function expectedLines(c: CorpusCase): Expected[] {
  let text = c.text ?? c.bytes.toString('latin1');
  if (c.text === undefined) text = text.replace(/^\xEF\xBB\xBF/, '');
  const parts = text.split(/\r\n|\n|\r/);
  const terminated = /[\r\n]$/.test(text);
  if (terminated) parts.pop();
  const out: Expected[] = [];
  parts.forEach((p, i) => {
    const line = i + 1;
    if (line === 1) return; // the header
    const utf8 = c.text === undefined ? Buffer.from(p, 'latin1').toString('utf8') : p;
    const valid = c.valid.get(utf8);
    const lastUnterminated = !terminated && i === parts.length - 1;
    if (p === '') out.push({ line, kind: 'blank' });
    else if (valid && !lastUnterminated && Buffer.from(utf8, 'utf8').equals(Buffer.from(p, c.text === undefined ? 'latin1' : 'utf8'))) out.push({ line, kind: 'loaded', row: valid });
    else out.push({ line, kind: 'rejected' });
  });
  return out;
}
