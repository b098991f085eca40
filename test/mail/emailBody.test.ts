/**
 * The email body from plain data: the headline table, escaping, and one inline PNG per chart
 * at twice the SVG's size.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { svgToPng } from '../../server/mail/svgToPng.ts';
import { PNG_SIGNATURE, pngSize } from './helpers.ts';

const SVG = readFileSync(new URL('../golden/bar-chart-ar-aging.svg', import.meta.url), 'utf8');

describe('renderEmailBody', () => {
  it('renders the headline table with numbers right-aligned and a dash for a missing value', () => {
    const body = renderEmailBody(
      { title: 'Collections as of 2026-11-16', priorLabel: 'Last week', rows: [{ label: 'Days in A/R', value: '34.2', prior: '35.0', target: null, status: 'warn' }] },
      [],
    );
    expect(body.inlineImages).toEqual([]);
    expect(body.html).toContain('<th style="padding:4px 10px;border-bottom:1px solid #d0d7de;text-align:right;font-variant-numeric:tabular-nums;text-align:right">Last week</th>');
    expect(body.html).toMatch(/<td[^>]*>Days in A\/R<\/td><td[^>]*text-align:right[^>]*>34\.2<\/td><td[^>]*>35\.0<\/td><td[^>]*>\u2014<\/td>/);
    expect(body.html).toContain('>watch</span>');
    expect(body.text).toBe('Collections as of 2026-11-16\n\n- Days in A/R: 34.2 (Last week: 35.0; Target: \u2014; watch)\n');
  });

  it('escapes every text it is given', () => {
    const body = renderEmailBody({ title: 'Pack <b>&</b>', rows: [{ label: '<script>x</script>', value: '"1"' }] }, [{ id: 'a"b', title: 'T<">', svg: SVG }]);
    expect(body.html).not.toContain('<script>');
    expect(body.html).toContain('Pack &lt;b&gt;&amp;&lt;/b&gt;');
    expect(body.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(body.html).toContain('alt="T&lt;&quot;&gt;"');
    expect(body.inlineImages[0]!.cid).toBe('01-a-b@practiceboard');
  });

  it('turns each chart into a PNG referenced by its content id', () => {
    const body = renderEmailBody({ title: 't', rows: [] }, [
      { id: 'aging', title: 'A/R by age', svg: SVG },
      { id: 'aging', title: 'A/R by age again', svg: SVG },
    ]);
    expect(body.inlineImages.map((i) => [i.cid, i.filename, i.contentType])).toEqual([
      ['01-aging@practiceboard', '01-aging.png', 'image/png'],
      ['02-aging@practiceboard', '02-aging.png', 'image/png'],
    ]);
    for (const img of body.inlineImages) {
      expect(img.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(body.html).toContain(`src="cid:${img.cid}" width="640" height="300"`);
    }
  });
});

describe('svgToPng', () => {
  it('renders at the requested scale on white', () => {
    const one = svgToPng(SVG, { scale: 1 });
    expect(one).toMatchObject({ width: 640, height: 300 });
    expect(pngSize(one.png)).toEqual({ width: 640, height: 300 });
    expect(pngSize(svgToPng(SVG).png)).toEqual({ width: 1280, height: 600 });
  });
});
