/**
 * The body of a report email from plain data: a headline table (label, value, prior, target)
 * and charts given as SVG strings, each turned into a PNG and embedded as an inline (CID)
 * image, so the email reads the same with remote images blocked. Styles are inline (mail
 * clients drop <style>), numbers right-aligned, every text escaped by the `html` tagged template
 * (server/views/html.ts). A plain-text part carries
 * the same table for clients that show no HTML. Values arrive already formatted (e.g. from
 * dashboards/charts/format.ts), so the email shows exactly what the pack or the page shows.
 */
import { html, type SafeHtml } from '../views/html.ts';
import { svgToPng, type SvgToPngOptions } from './svgToPng.ts';

export interface HeadlineRow {
  readonly label: string;
  /** Formatted value. Example: '$1,234.50' or '96.2%'. */
  readonly value: string;
  readonly prior?: string | null;
  readonly target?: string | null;
  readonly status?: 'good' | 'warn' | 'bad' | null;
}

export interface Headlines {
  /** Example: 'Board pack, October 2026'. */
  readonly title: string;
  /** Example: 'Practice-wide, compared with September 2026'. */
  readonly subtitle?: string;
  /** Heading of the prior column. Default 'Prior'. */
  readonly priorLabel?: string;
  /** Heading of the target column. Default 'Target'. */
  readonly targetLabel?: string;
  readonly rows: readonly HeadlineRow[];
  /** A closing line. Example: 'The full board pack is attached as a PDF.' */
  readonly note?: string;
}

export interface ChartSvg {
  /** Unique among the email's charts; names the image. Example: 'collections-trend'. */
  readonly id: string;
  readonly title: string;
  readonly svg: string;
}

export interface InlineImage {
  readonly cid: string;
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: 'image/png';
}

export interface EmailBody {
  readonly html: string;
  readonly text: string;
  readonly inlineImages: InlineImage[];
}

const STATUS_WORD = { good: 'on target', warn: 'watch', bad: 'off target' } as const;
const STATUS_COLOR = { good: '#1a7f37', warn: '#9a6700', bad: '#cf222e' } as const;
const CELL = 'padding:4px 10px;border-bottom:1px solid #d0d7de;';
const NUM = `${CELL}text-align:right;font-variant-numeric:tabular-nums;`;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '\u2014' : v);

function tableHtml(h: Headlines): SafeHtml {
  const head = ['Measure', 'Value', h.priorLabel ?? 'Prior', h.targetLabel ?? 'Target', 'Status'].map((t, i) => {
    const left = i === 0 || i === 4;
    return html`<th style="${left ? CELL : NUM}text-align:${left ? 'left' : 'right'}">${t}</th>`;
  });
  const rows = h.rows.map((r) => {
    const status = r.status ? html`<span style="color:${STATUS_COLOR[r.status]};font-weight:600">${STATUS_WORD[r.status]}</span>` : '';
    return html`<tr><td style="${CELL}">${r.label}</td><td style="${NUM}font-weight:600">${r.value}</td><td style="${NUM}">${dash(r.prior)}</td><td style="${NUM}">${dash(r.target)}</td><td style="${CELL}">${status}</td></tr>`;
  });
  return html`<table role="table" style="border-collapse:collapse;font-size:14px;margin:8px 0 16px"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function textPart(h: Headlines, charts: readonly ChartSvg[]): string {
  const lines = [h.title, ...(h.subtitle ? [h.subtitle] : []), ''];
  for (const r of h.rows) {
    const extra = [`${h.priorLabel ?? 'Prior'}: ${dash(r.prior)}`, `${h.targetLabel ?? 'Target'}: ${dash(r.target)}`, ...(r.status ? [STATUS_WORD[r.status]] : [])];
    lines.push(`- ${r.label}: ${r.value} (${extra.join('; ')})`);
  }
  if (charts.length) lines.push('', `Charts (in the HTML version): ${charts.map((c) => c.title).join('; ')}`);
  if (h.note) lines.push('', h.note);
  return `${lines.join('\n')}\n`;
}

export function renderEmailBody(headlines: Headlines, charts: readonly ChartSvg[], opts: SvgToPngOptions = {}): EmailBody {
  const inlineImages: InlineImage[] = [];
  const figures = charts.map((c, i) => {
    const image = svgToPng(c.svg, opts);
    const name = `${String(i + 1).padStart(2, '0')}-${slug(c.id)}`;
    const cid = `${name}@practiceboard`;
    inlineImages.push({ cid, filename: `${name}.png`, content: image.png, contentType: 'image/png' });
    return html`<figure style="margin:12px 0"><img src="cid:${cid}" width="${image.width}" height="${image.height}" alt="${c.title}" style="display:block;max-width:100%;height:auto;border:0"></figure>`;
  });
  const page = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headlines.title}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,'Liberation Sans',Helvetica,sans-serif;color:#1b1f24;line-height:1.4">
<h1 style="font-size:20px;margin:0 0 4px">${headlines.title}</h1>
${headlines.subtitle ? html`<p style="margin:0 0 8px;color:#57606a">${headlines.subtitle}</p>` : ''}
${tableHtml(headlines)}
${figures.map((f, i) => (i === 0 ? f : html`\n${f}`))}
${headlines.note ? html`<p style="color:#57606a;font-size:13px">${headlines.note}</p>` : ''}
<p style="color:#57606a;font-size:12px">Confidential. Aggregate figures only; sent by PracticeBoard.</p>
</body></html>`;
  return { html: page.text, text: textPart(headlines, charts), inlineImages };
}
