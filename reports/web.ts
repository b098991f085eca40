/**
 * The board pack's pages in PracticeBoard (HTML fragments for the server's layout): the list
 * of months with their status, and a month's pack with a commentary form per section, the
 * "Approve and lock" form and the restatements found since approval. Plain forms: they work
 * without JavaScript.
 */
import { escapeHtml as e, packBodyHtml } from './html.ts';
import { PACK_SECTIONS, type Commentary, type PackModel, type PackSectionId, type PackStatus, type Restatement } from './model.ts';
import { MAX_COMMENTARY_CHARS } from './store/commentary.ts';
import { monthLabel, restatementLine, stampLabel } from './text.ts';

export interface MonthRow {
  readonly month: string;
  readonly approved?: { readonly version: number; readonly approvedAt: string; readonly approvedBy: string };
}

const downloads = (month: string) =>
  `<a href="/reports/${month}.pdf?size=letter">PDF (Letter)</a> · <a href="/reports/${month}.pdf?size=a4">PDF (A4)</a> · <a href="/reports/${month}.html">HTML (offline)</a>`;

export function listHtml(rows: readonly MonthRow[]): string {
  const body = rows
    .map((r) => {
      const status = r.approved ? `Approved${r.approved.version > 1 ? ` (version ${r.approved.version})` : ''} by ${e(r.approved.approvedBy)}, ${e(stampLabel(r.approved.approvedAt))}` : 'Draft';
      return `<tr><th scope="row"><a href="/reports/${r.month}">${e(monthLabel(r.month))}</a></th><td>${r.approved ? 'approved' : 'draft'}</td><td>${status}</td><td>${downloads(r.month)}</td></tr>`;
    })
    .join('');
  return `<h1>Board packs</h1><p class="subtitle">The month-end pack for the board and investors. A draft follows the data; an approved pack is locked as presented.</p>
${rows.length ? `<div class="table-scroll" role="region" aria-label="Board packs" tabindex="0"><table><thead><tr><th scope="col">Month</th><th scope="col">Status</th><th scope="col">Approval</th><th scope="col">Download</th></tr></thead><tbody>${body}</tbody></table></div>` : '<p>No data is loaded yet, so there is no month to report on.</p>'}`;
}

export interface MonthPageInput {
  readonly model: PackModel;
  readonly status: PackStatus;
  /** The commentary the pack shows (the approved one for an approved pack). */
  readonly commentary: Commentary;
  /** The commentary being edited now (for a draft, the same). */
  readonly editing: Commentary;
  readonly restatements: readonly Restatement[];
  /** The hidden CSRF input every POST form carries (markup from the server's views). */
  readonly csrfField: string;
  /**
   * Whether the reader may write commentary and approve (staff). False for the board: no
   * forms at all, and no draft text (a board member reads the approved content only).
   */
  readonly canEdit: boolean;
  /**
   * Draft commentary written from the story (dashboards/bridge), by section: shown in an empty
   * editor of a draft pack, marked as generated, for the manager to edit and save. Never saved
   * by itself, never over saved commentary, never for the board (the route passes none).
   */
  readonly generated?: Commentary;
}

function commentaryForm(month: string, id: PackSectionId, text: string, approved: boolean, csrfField: string, generated = false): string {
  return `<form method="post" action="/reports/${month}/commentary" class="commentary-form" id="c-${id}">${csrfField}
<input type="hidden" name="section" value="${id}">
<label for="t-${id}">Commentary${approved ? ' for a new version (the approved pack keeps its own)' : ''}</label><br>${generated ? `
<p class="note generated" id="g-${id}">Draft generated from the figures (not saved): edit it, then save.</p>` : ''}
<textarea id="t-${id}" name="text" rows="4" cols="90" maxlength="${MAX_COMMENTARY_CHARS}">${e(text)}</textarea><br>
<button type="submit">Save commentary</button></form>`;
}

export function monthHtml(p: MonthPageInput): string {
  const { model, status } = p;
  const month = model.month;
  const approved = status.state === 'approved';
  const approve = !p.canEdit
    ? ''
    : approved
    ? `<form method="post" action="/reports/${month}/approve">${p.csrfField}<p><strong>Approved and locked.</strong> Approving again makes a new version; this one is kept.</p>
<label><input type="checkbox" name="newVersion" value="1" required> Approve again as a new version</label> <button type="submit">Approve new version</button></form>`
    : `<form method="post" action="/reports/${month}/approve">${p.csrfField}<p>Approving locks the pack: its numbers are stored as presented, and later changes to the data show as restatements.</p>
<label><input type="checkbox" name="confirm" value="1" required> I have reviewed this pack; lock it as it stands</label> <button type="submit">Approve and lock</button></form>`;
  const restated = p.restatements.length
    ? `<section class="restatements" aria-labelledby="h-restated"><h2 id="h-restated">Restatements since approval</h2><ul>${p.restatements.map((r) => `<li>${e(restatementLine(r))}</li>`).join('')}</ul></section>`
    : '';
  const body = packBodyHtml(model, {
    commentary: p.commentary,
    status,
    afterCommentary: (id) => {
      if (!p.canEdit || !PACK_SECTIONS.includes(id)) return '';
      const saved = p.editing[id] ?? '';
      const draft = !approved && saved.trim() === '' ? (p.generated?.[id] ?? '') : '';
      return commentaryForm(month, id, draft || saved, approved, p.csrfField, draft !== '');
    },
  });
  return `<p><a href="/reports">All board packs</a> · Download: ${downloads(month)}</p>${restated}${approve ? `<section aria-label="Approval">${approve}</section>` : ''}${body}`;
}
