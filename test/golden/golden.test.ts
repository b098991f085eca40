import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectGolden, normalizeSvg } from './golden.ts';

const SVG = '<svg width="10.123456" id="plot-clip-7"><g clip-path="url(#plot-clip-7)"><rect x="1.0049999" y="2"><title>$1,234.567</title></rect></g><text><tspan>Jan</tspan><tspan>2024</tspan></text></svg>';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'golden-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('normalizeSvg', () => {
  it('re-indexes ids with their references, rounds geometry only, puts one element per line', () => {
    expect(normalizeSvg(SVG)).toBe(
      [
        '<svg width="10.12" id="id-1">',
        '<g clip-path="url(#id-1)">',
        '<rect x="1" y="2">',
        '<title>$1,234.567</title>',
        '</rect>',
        '</g>',
        '<text><tspan>Jan</tspan><tspan>2024</tspan></text>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });
  it('maps two renders that differ only in ids and float noise to the same text', () => {
    expect(normalizeSvg(SVG.replaceAll('plot-clip-7', 'plot-clip-8').replace('10.123456', '10.1200001'))).toBe(normalizeSvg(SVG));
  });
});

describe('expectGolden', () => {
  it('passes on a match and removes a stale -changed copy', () => {
    writeFileSync(join(dir, 'chart.svg'), normalizeSvg(SVG));
    writeFileSync(join(dir, 'chart-changed.svg'), 'stale');
    expectGolden('chart', SVG, { dir, env: {} });
    expect(existsSync(join(dir, 'chart-changed.svg'))).toBe(false);
  });

  it('fails on a mismatch, writes the -changed copy, and leaves the golden alone', () => {
    writeFileSync(join(dir, 'chart.svg'), normalizeSvg(SVG));
    const changed = SVG.replace('y="2"', 'y="3"');
    expect(() => expectGolden('chart', changed, { dir, env: {} })).toThrow(/chart\.svg differs from its golden; the new output is in .*chart-changed\.svg/);
    expect(() => expectGolden('chart', changed, { dir, env: {} })).toThrow('line 3, column 16:\n  golden: "<rect x=\\"1\\" y=\\"2\\">"\n  actual: "<rect x=\\"1\\" y=\\"3\\">"');
    expect(readFileSync(join(dir, 'chart-changed.svg'), 'utf8')).toBe(normalizeSvg(changed));
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(normalizeSvg(SVG));
  });

  it('does not accept a mismatch even with UPDATE_GOLDEN=1', () => {
    writeFileSync(join(dir, 'chart.svg'), normalizeSvg(SVG));
    expect(() => expectGolden('chart', SVG.replace('y="2"', 'y="3"'), { dir, env: { UPDATE_GOLDEN: '1' } })).toThrow(/differs/);
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(normalizeSvg(SVG));
  });

  it('fails on a missing golden and says how to create it', () => {
    expect(() => expectGolden('chart', SVG, { dir, env: {} })).toThrow(/does not exist\. To create it, run the test outside CI with UPDATE_GOLDEN=1/);
    expect(existsSync(join(dir, 'chart.svg'))).toBe(false);
  });

  it('never creates a golden in CI, even with UPDATE_GOLDEN=1', () => {
    expect(() => expectGolden('chart', SVG, { dir, env: { UPDATE_GOLDEN: '1', CI: 'true' } })).toThrow(/never created in CI/);
    expect(existsSync(join(dir, 'chart.svg'))).toBe(false);
  });

  it('creates a missing golden with UPDATE_GOLDEN=1 outside CI', () => {
    expectGolden('chart', SVG, { dir, env: { UPDATE_GOLDEN: '1', CI: 'false' } });
    expect(readFileSync(join(dir, 'chart.svg'), 'utf8')).toBe(normalizeSvg(SVG));
  });

  it('rejects names that are not slugs or that end in -changed', () => {
    expect(() => expectGolden('../escape', SVG, { dir, env: {} })).toThrow(/golden name/);
    expect(() => expectGolden('chart-changed', SVG, { dir, env: {} })).toThrow(/golden name/);
  });
});
