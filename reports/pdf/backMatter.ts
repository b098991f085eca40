/**
 * The pack's closing pages and notices: restatements of earlier approved packs, the data
 * completeness notes (what each source covers, loads and rejected rows, the suppression
 * rule) and the appendix of metric definitions, all from the model.
 */
import { humanize } from '../../dashboards/charts/format.ts';
import { METRIC_GROUPS } from '../../dashboards/metrics/index.ts';
import type { PackModel } from '../model.ts';
import { cellText, loadTime, monthCoverage, packZone, restatementLine } from '../text.ts';
import { FONT } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';
import { drawTable } from './table.ts';

/** Shown in full up to this many; the rest are counted (the pack's web page lists all). */
const MAX_RESTATEMENTS = 40;

export function restatements(pdf: PackPdf, model: PackModel): void {
  if (model.restatements.length === 0) return;
  pdf.heading('Restatements of earlier approved packs', 2, 40);
  pdf.paragraph('A later data load changed numbers that an approved pack presented. The approved pack stays as it was; the changes are listed here.', { size: 8.5, color: COLOR.muted });
  for (const r of model.restatements.slice(0, MAX_RESTATEMENTS)) pdf.paragraph(restatementLine(r, packZone(model)), { size: 8.5, gapAfter: 2 });
  const more = model.restatements.length - MAX_RESTATEMENTS;
  if (more > 0) pdf.paragraph(`and ${more} more, listed on the pack's page in PracticeBoard.`, { size: 8.5, font: FONT.italic });
  pdf.gap(8);
}

export function completeness(pdf: PackPdf, model: PackModel): void {
  const c = model.completeness;
  pdf.heading('Data completeness', 1);
  pdf.paragraph(
    `${c.loads.length} load${c.loads.length === 1 ? '' : 's'} touched ${model.monthLabel}; ${c.rowsRejected} row${c.rowsRejected === 1 ? ' was' : 's were'} rejected and ${c.filesRejected} file${c.filesRejected === 1 ? ' was' : 's were'} rejected whole. Rejected rows are not in any number of this pack.`,
  );
  drawTable(pdf, {
    caption: `What each source covers. ${loadTime(model).label}.`,
    continued: 'What each source covers',
    columns: [{ label: 'Source', align: 'left' }, { label: 'First date', align: 'left' }, { label: 'Last date', align: 'left' }, { label: `Data in ${model.monthLabel}`, align: 'left' }, { label: 'Last loaded', align: 'left' }],
    rows: c.sources.map((s) => [humanize(s.source), s.firstDate ?? '—', s.lastDate ?? '—', monthCoverage(s, model.period), s.lastLoadedAt ? loadTime(model).at(s.lastLoadedAt) : 'never']),
  });
  if (c.loads.length > 0) {
    drawTable(pdf, {
      caption: `Loads touching ${model.monthLabel}. ${loadTime(model).label}.`,
      continued: `Loads touching ${model.monthLabel}`,
      columns: [{ label: 'Started', align: 'left' }, { label: 'Source', align: 'left' }, { label: 'File', align: 'left' }, { label: 'Status', align: 'left' }, { label: 'Rows read', align: 'right' }, { label: 'Loaded', align: 'right' }, { label: 'Rejected', align: 'right' }],
      rows: c.loads.map((l) => [loadTime(model).at(l.startedAt), humanize(l.source), l.fileName, l.errorCode ? `${l.status} (${l.errorCode})` : l.status, cellText('rows_n', l.rowsRead), cellText('rows_n', l.rowsLoaded), cellText('rows_n', l.rowsRejected)]),
    });
  }
  pdf.heading('Small numbers', 3, 30);
  pdf.paragraph(`${model.suppression.rule} In this pack ${model.suppression.cells} table cell${model.suppression.cells === 1 ? '' : 's'} and ${model.suppression.tiles} headline value${model.suppression.tiles === 1 ? ' is' : 's are'} suppressed. The pack shows no patient-level rows.`, { size: 8.5 });
}


export function definitions(pdf: PackPdf, model: PackModel, title = 'Appendix: metric definitions'): void {
  pdf.heading(title, 1);
  pdf.paragraph('Every number in this pack comes from one catalog of metrics, defined once as below and used by the dashboards alike.', { size: 8.5, color: COLOR.muted });
  for (const [group, title] of METRIC_GROUPS) {
    const defs = model.definitions.filter((d) => d.group === group);
    if (defs.length === 0) continue;
    pdf.heading(title, 2, 50);
    for (const d of defs) {
      const facts = `Formula: ${d.formula}. Target: ${d.target}; ${d.direction}. Standard: ${d.standard}.`;
      const h = pdf.textHeight(d.label, FONT.semibold, 9) + pdf.textHeight(d.definition, FONT.regular, 8.5) + pdf.textHeight(facts, FONT.regular, 7.5) + 12;
      pdf.ensure(Math.min(h, 160));
      pdf.doc.font(FONT.semibold).fontSize(9).fillColor(COLOR.ink).text(d.label, pdf.left, pdf.y, { width: pdf.width });
      pdf.gap(1);
      pdf.paragraph(d.definition, { size: 8.5, gapAfter: 1 });
      pdf.paragraph(facts, { size: 7.5, color: COLOR.muted, gapAfter: 7 });
    }
  }
}
