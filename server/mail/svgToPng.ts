/**
 * A chart's SVG as a PNG, without a browser: resvg (its native binary ships inside the npm
 * package). The same SVG the dashboards and the board pack draw, on a white background (a
 * transparent PNG turns black in some mail clients' dark mode), at twice its size so it stays
 * sharp on high-density screens. Text uses the machine's fonts; the charts ask for Arial and
 * fall back to Liberation Sans, its metric twin.
 */
import { Resvg } from '@resvg/resvg-js';

export interface PngImage {
  readonly png: Buffer;
  /** Size in CSS pixels (the SVG's own); the PNG has `scale` times as many. */
  readonly width: number;
  readonly height: number;
}

export interface SvgToPngOptions {
  /** Device pixels per CSS pixel. Example: 2. */
  readonly scale?: number;
  /** Extra font files (.ttf/.otf) for machines without Arial or Liberation Sans. */
  readonly fontFiles?: readonly string[];
}

export function svgToPng(svg: string, opts: SvgToPngOptions = {}): PngImage {
  const scale = opts.scale ?? 2;
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', ...(opts.fontFiles ? { fontFiles: [...opts.fontFiles] } : {}) },
  });
  const { width, height } = resvg;
  return { png: resvg.render().asPng(), width: Math.round(width), height: Math.round(height) };
}
