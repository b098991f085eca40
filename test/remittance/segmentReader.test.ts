/**
 * The segment reader streams: whatever the chunking of the bytes (down to one byte at a time),
 * it yields the same segments, with their positions and each interchange's own separators.
 */
import { describe, expect, it } from 'vitest';
import { readSegments, type Segment } from '../../etl/remittance/segmentReader.ts';
import { scenarioFile } from './scenarios.ts';
import { interchange } from './x12.ts';

async function all(chunks: string[]): Promise<Segment[]> {
  const out: Segment[] = [];
  async function* gen(): AsyncGenerator<Buffer> {
    for (const c of chunks) yield Buffer.from(c, 'latin1');
  }
  for await (const s of readSegments(gen())) out.push(s);
  return out;
}

const split = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('readSegments', () => {
  it('yields the same segments whatever the chunk size', async () => {
    const text = scenarioFile({ newline: '\n' }) + interchange('000000102', [{ control: '0009', body: ['BPR*I*0*C*NON************20240110'] }], { element: '|', component: '>', segment: '\n' });
    const whole = await all([text]);
    expect(whole).toHaveLength(56 + 7); // ISA..IEA of the scenario (56, counted in malformed.test.ts) + ISA GS ST BPR SE GE IEA
    expect(whole.map((s) => s.position)).toEqual(whole.map((_, i) => i + 1));
    for (const size of [1, 7, 105, 106, 107, 4096]) {
      const parts = await all(split(text, size));
      expect(parts.map((s) => [s.tag, s.elements.join('\u0001'), s.position])).toEqual(whole.map((s) => [s.tag, s.elements.join('\u0001'), s.position]));
    }
    const second = whole.filter((s) => s.tag === 'BPR').at(-1)!;
    expect(second.separators).toEqual({ element: '|', component: '>', repetition: '^', segment: '\n' });
    expect(whole[0]!.separators).toEqual({ element: '*', component: ':', repetition: '^', segment: '~' });
  });

  it('has no repetition separator in a 4010 interchange (ISA11 is U)', async () => {
    const [first] = await all([interchange('000000001', [], { version: '4010' })]);
    expect(first!.separators.repetition).toBeNull();
  });
});
