import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../dashboards/charts/render.ts';
import { xmlProblems } from './wellFormed.ts';

const DATA = [
  { name: 'a', value: 3 },
  { name: 'b', value: 5 },
  { name: 'c', value: 10 / 3 },
];
const SPEC: Plot.PlotOptions = { marks: [Plot.barY(DATA, { x: 'name', y: 'value', clip: true, title: (d: { name: string }) => `bar <${d.name}> & more` })] };
const FRAME = { id: 'probe', title: 'Charges & "payments" <by> class', description: 'A test chart.', width: 400, height: 220 };

describe('renderChart', () => {
  it('(the well-formedness check catches what linkedom would print)', () => {
    expect(xmlProblems('<svg><a href="?a=1&b=2"/></svg>')).toEqual(['bare & at 18']);
    expect(xmlProblems('<svg aria-label="<b>"></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
  });

  it('returns one standalone, well-formed SVG with fixed size, title and description first', () => {
    const svg = renderChart(SPEC, FRAME);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/^<svg [^>]*\swidth="400" height="220" viewBox="0 0 400 220"/);
    expect(svg).toMatch(/^<svg [^>]*>\s*<title>Charges &amp; "payments" &lt;by&gt; class<\/title><desc>A test chart\.<\/desc>/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Charges &amp; &quot;payments&quot; &lt;by&gt; class"');
    expect(svg).toContain('aria-description="A test chart."');
    expect(svg).toContain(`font-family="Arial, 'Liberation Sans', Helvetica, sans-serif"`);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('draws the title as a visible heading unless told not to', () => {
    expect(renderChart(SPEC, FRAME)).toMatch(/<text [^>]*font-weight="bold"[^>]*>Charges &amp;/);
    expect(renderChart(SPEC, { ...FRAME, heading: false })).not.toContain('font-weight="bold"');
  });

  it('puts a native <title> tooltip on each mark from the title channel', () => {
    const titles = renderChart(SPEC, FRAME).match(/<rect [^>]*><title>bar &lt;\w&gt; &amp; more<\/title><\/rect>/g);
    expect(titles).toHaveLength(3);
  });

  it('is deterministic: ids re-indexed under the chart id, geometry rounded', () => {
    const first = renderChart(SPEC, FRAME);
    // Plot numbers clip paths from a process-wide counter: a second render would differ without re-indexing.
    expect(renderChart(SPEC, FRAME)).toBe(first);
    expect(first).toContain('<clipPath id="probe-1">');
    expect(first).toContain('clip-path="url(#probe-1)"');
    expect(first).not.toMatch(/plot-clip/);
    expect(first).not.toMatch(/class="plot-[0-9a-f]{6}/);
    const geometry = [...first.matchAll(/\s(?:d|x|y|width|height|transform)="([^"]*)"/g)].map((m) => m[1]);
    expect(geometry.filter((v) => /\.\d{3}/.test(v ?? ''))).toEqual([]);
  });

  it('draws the legend inside the SVG and makes room for it', () => {
    const svg = renderChart(SPEC, { ...FRAME, legend: [{ label: 'Actual', color: '#0072B2' }, { label: 'Prior year', color: '#E69F00', shape: 'dashed' }] });
    expect(svg).toMatch(/<g aria-label="legend"[^>]*><rect [^>]*fill="#0072B2"\/><text [^>]*>Actual<\/text><line [^>]*stroke-dasharray/);
    expect(svg).toContain('<g transform="translate(0,45)">');
  });

  it('refuses a chart Plot warns about, a Plot legend, a bad id and a frame too small', () => {
    const dates = [{ month: new Date('2025-01-01'), v: 1 }];
    expect(() => renderChart({ marks: [Plot.barY(dates, { x: 'month', y: 'v' })] }, FRAME)).toThrow(/Plot warned: .*dates/);
    expect(() => renderChart({ color: { legend: true }, marks: [Plot.barY(DATA, { x: 'name', y: 'value', fill: 'name' })] }, FRAME)).toThrow(/frame\.legend/);
    expect(() => renderChart(SPEC, { ...FRAME, id: 'Bad id' })).toThrow(/chart id/);
    expect(() => renderChart(SPEC, { ...FRAME, height: 30 })).toThrow(/no room/);
  });
});

describe('accessibility roles', () => {
  it('makes a chart with drill-down links a group (its links stay reachable) and one without an image', async () => {
    const { barChart } = await import('../../dashboards/charts/barChart.ts');
    const rows = [{ payer_class: 'commercial', charges_usd: '10.00' }, { payer_class: 'medicare', charges_usd: '5.00' }];
    const linked = barChart({ id: 'a11y-linked', title: 'Linked', rows, category: 'payer_class', value: 'charges_usd', href: (r) => `?payerClass=${String(r.payer_class)}` });
    const plain = barChart({ id: 'a11y-plain', title: 'Plain', rows, category: 'payer_class', value: 'charges_usd' });
    expect(linked).toMatch(/^<svg[^>]* role="group"/);
    expect(plain).toMatch(/^<svg[^>]* role="img"/);
    // Plot's labelled mark groups carry a role, so their aria-label is valid.
    for (const svg of [linked, plain]) expect(svg).not.toMatch(/<g (?![^>]*role=)[^>]*aria-label=/);
  });
});
