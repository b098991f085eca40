/**
 * A dashboard chart in the PDF as vector graphics: the very SVG the dashboard shows, drawn by
 * svg-to-pdfkit with the pack's embedded fonts (its labels stay selectable text), scaled to
 * the text width and kept whole on one page.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import { svgFont } from './fonts.ts';
import type { PackPdf } from './frame.ts';

/** The SVG's own size from its width/height attributes (or viewBox). */
export function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1] ?? NaN);
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(open);
  const width = Number.isFinite(attr('width')) ? attr('width') : Number(box?.[1] ?? 640);
  const height = Number.isFinite(attr('height')) ? attr('height') : Number(box?.[2] ?? 300);
  return { width, height };
}

/** Height the chart will take at the text width, capped at `maxHeight`. */
export function chartHeight(pdf: PackPdf, svg: string, maxHeight = 230): number {
  const s = svgSize(svg);
  return Math.min(maxHeight, (pdf.width * s.height) / s.width);
}

export function drawChart(pdf: PackPdf, svg: string, maxHeight = 230): void {
  const s = svgSize(svg);
  const height = chartHeight(pdf, svg, maxHeight);
  const width = Math.min(pdf.width, (height * s.width) / s.height);
  pdf.ensure(height + 6);
  SVGtoPDF(pdf.doc, svg, pdf.left, pdf.y, { width, height, preserveAspectRatio: 'xMinYMin meet', fontCallback: svgFont, warningCallback: pdf.warn });
  pdf.y = pdf.y + height;
  pdf.gap(8);
}
