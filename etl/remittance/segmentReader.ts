/**
 * Reads X12 segments from a stream of bytes, whatever separators each interchange declares.
 * Guarantees:
 * - the element separator, component separator, repetition separator (5010 and later) and
 *   segment terminator are taken from each ISA (fixed-length, 106 characters), so a file that
 *   concatenates interchanges with different separators reads each one right;
 * - line breaks between segments are allowed and ignored (and a line break may itself be the
 *   segment terminator);
 * - every segment carries its 1-based position in the file, the number reject reasons cite;
 * - a file that ends inside a segment, or whose ISA is malformed, raises a SegmentError
 *   naming the position and rule, never quoting the data; memory holds one chunk at a time.
 *
 * Why not node-x12 (evaluated, v1.7.1): its stream parser takes the separators from the first
 * ISA only (a second interchange with other separators was silently lost in our test), drops
 * a truncated final segment without a diagnostic, loses a first chunk shorter than 113
 * characters, adds one diagnostic per chunk to an unbounded array, and gives no segment
 * position in the file. Reading segments is the small part; see docs/remittances.md.
 */

export interface Separators {
  readonly element: string;
  readonly component: string;
  /** ISA11 is the repetition separator from version 00402 on; in 4010 files it is 'U'. */
  readonly repetition: string | null;
  readonly segment: string;
}

export interface Segment {
  readonly tag: string;
  /** Elements after the tag: elements[0] is element 01. */
  readonly elements: readonly string[];
  /** 1-based position of the segment in the file. */
  readonly position: number;
  readonly separators: Separators;
}

export class SegmentError extends Error {
  constructor(
    readonly position: number,
    readonly element: string | null,
    readonly reason: string,
  ) {
    super(`segment ${position}: ${reason}`);
  }
}

const ISA_LENGTH = 106;
/** Offsets of the element separators inside the fixed-length ISA segment. */
const ISA_SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];
const TAG = /^[A-Z][A-Z0-9]{1,2}$/;

function readIsa(text: string, position: number): Separators {
  const element = text[3]!;
  if (ISA_SEPARATOR_OFFSETS.some((o) => text[o] !== element)) {
    throw new SegmentError(position, 'ISA', 'the ISA is not the fixed 106 characters with one element separator, so its separators cannot be read');
  }
  const segment = text[105]!;
  const component = text[104]!;
  if (/[A-Za-z0-9 ]/.test(segment) || segment === element || component === element) {
    throw new SegmentError(position, 'ISA16', 'the separators the ISA declares are not distinct punctuation');
  }
  const version = text.slice(84, 89);
  const repetition = version >= '00402' ? text[82]! : null;
  return { element, component, repetition, segment };
}

/**
 * Yields the segments of `chunks` (bytes read as Latin-1, of which the X12 character sets are a
 * subset), in batches: all the segments completed by one chunk at a time, so a large file costs
 * one await per chunk rather than per segment.
 */
export async function* readSegmentBatches(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Segment[]> {
  let buf = '';
  let sep: Separators | null = null;
  let position = 0;
  for await (const chunk of chunks) {
    buf += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const batch: Segment[] = [];
    let at = 0;
    for (;;) {
      if (sep === null) {
        while (at < buf.length && /\s/.test(buf[at]!)) at++;
        if (buf.length - at < ISA_LENGTH) break;
        if (!buf.startsWith('ISA', at)) throw new SegmentError(position + 1, null, 'expected an ISA segment (interchange header) here');
        sep = readIsa(buf.slice(at, at + ISA_LENGTH), position + 1);
      }
      const end = buf.indexOf(sep.segment, at);
      if (end < 0) break;
      let start = at;
      at = end + 1;
      while (start < end && (buf.charCodeAt(start) === 10 || buf.charCodeAt(start) === 13)) start++;
      let stop = end;
      if (sep.segment === '\n' && stop > start && buf.charCodeAt(stop - 1) === 13) stop--;
      if (stop === start) continue;
      const parts = buf.slice(start, stop).split(sep.element);
      const tag = parts[0]!;
      position++;
      if (!TAG.test(tag)) {
        yield batch; // the segments before the bad one are whole: hand them over first
        throw new SegmentError(position, null, 'the segment tag is not a valid X12 tag; the file does not use the separators its ISA declares');
      }
      batch.push({ tag, elements: parts.slice(1), position, separators: sep });
      if (tag === 'IEA') sep = null;
    }
    buf = buf.slice(at);
    if (batch.length > 0) yield batch;
  }
  if (buf.trim() !== '') {
    throw new SegmentError(position + 1, null, sep === null ? 'the file ends inside an ISA segment' : 'the file ends in the middle of a segment (no segment terminator)');
  }
}

/** The same segments one at a time. */
export async function* readSegments(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Segment> {
  for await (const batch of readSegmentBatches(chunks)) yield* batch;
}
