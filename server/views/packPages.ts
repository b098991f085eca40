/**
 * The board pack's staff pages (fragments for the layout): the list of months with their
 * status, and a month's pack with a commentary form per section, the "Approve and lock" form
 * (with its confirmation) and the restatements found since approval. Plain forms: they work
 * without JavaScript. Written with the escaping `html` template; forms take their CSRF field
 * from the request context. The pack itself is reports/html.ts's `packBodyHtml`. Times are in
 * the practice's zone, labelled, whatever zone a stored pack was built in.
 */
import { packBodyHtml } from '../../reports/html.ts';
import { PACK_SECTIONS, type Commentary, type PackModel, type PackSectionId, type PackStatus, type Restatement } from '../../reports/model.ts';
import { MAX_COMMENTARY_CHARS } from '../../reports/store/commentary.ts';
import { monthLabel, restatementLine, stampLabel } from '../../reports/text.ts';
import { csrfInput, html, type SafeHtml } from './html.ts';
import { scrollTable, streamedLayout } from './layout.ts';

export interface MonthRow {
  readonly month: string;
  readonly approved?: { readonly version: number; readonly approvedAt: string; readonly approvedBy: string };
}

const downloads = (month: string): SafeHtml =>
  html`<a href="${`/reports/${month}.pdf?size=letter`}">PDF (Letter)</a> · <a href="${`/reports/${month}.pdf?size=a4`}">PDF (A4)</a> · <a href="${`/reports/${month}.html`}">HTML (offline)</a>`;

/** `timezone`: the practice's IANA zone, in which approval times are shown, labelled. */
export function listHtml(rows: readonly MonthRow[], timezone: string): SafeHtml {
  const body = rows.map((r) => {
    const status = r.approved ? `Approved${r.approved.version > 1 ? ` (version ${r.approved.version})` : ''} by ${r.approved.approvedBy}, ${stampLabel(r.approved.approvedAt, timezone)}` : 'Draft';
    return html`<tr><th scope="row"><a href="${`/reports/${r.month}`}">${monthLabel(r.month)}</a></th><td>${r.approved ? 'approved' : 'draft'}</td><td>${status}</td><td>${downloads(r.month)}</td></tr>`;
  });
  return html`<h1>Board packs</h1><p class="subtitle">The month-end pack for the board and investors. A draft follows the data; an approved pack is locked as presented.</p>
${rows.length ? scrollTable('Board packs', html`<table><thead><tr><th scope="col">Month</th><th scope="col">Status</th><th scope="col">Approval</th><th scope="col">Download</th></tr></thead><tbody>${body}</tbody></table>`) : html`<p>No data is loaded yet, so there is no month to report on.</p>`}`;
}

export interface MonthPageInput {
  readonly model: PackModel;
  readonly status: PackStatus;
  /** The commentary the pack shows (the approved one for an approved pack). */
  readonly commentary: Commentary;
  /** The commentary being edited now (for a draft, the same). */
  readonly editing: Commentary;
  readonly restatements: readonly Restatement[];
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
  /** The practice's IANA zone: the page shows every time in it, labelled. */
  readonly timezone: string;
}

function commentaryForm(month: string, id: PackSectionId, text: string, approved: boolean, generated = false): SafeHtml {
  return html`<form method="post" action="${`/reports/${month}/commentary`}" class="commentary-form" id="${`c-${id}`}">${csrfInput()}
<input type="hidden" name="section" value="${id}">
<label for="${`t-${id}`}">Commentary${approved ? ' for a new version (the approved pack keeps its own)' : ''}</label><br>${generated ? html`
<p class="note generated" id="${`g-${id}`}">Draft generated from the figures (not saved): edit it, then save.</p>` : ''}
<textarea id="${`t-${id}`}" name="text" rows="4" cols="90" maxlength="${String(MAX_COMMENTARY_CHARS)}">${text}</textarea><br>
<button type="submit">Save commentary</button></form>`;
}

/** `version`: the approved version shown, which a new version replaces (null for a draft). */
function approveForm(month: string, version: number | null): SafeHtml {
  const action = `/reports/${month}/approve`;
  return version !== null
    ? html`<form method="post" action="${action}">${csrfInput()}<input type="hidden" name="supersedes" value="${String(version)}"><p><strong>Approved and locked.</strong> Approving again makes a new version; this one is kept.</p>
<label><input type="checkbox" name="newVersion" value="1" required> Approve again as a new version</label> <button type="submit">Approve new version</button></form>`
    : html`<form method="post" action="${action}">${csrfInput()}<p>Approving locks the pack: its numbers are stored as presented, and later changes to the data show as restatements.</p>
<label><input type="checkbox" name="confirm" value="1" required> I have reviewed this pack; lock it as it stands</label> <button type="submit">Approve and lock</button></form>`;
}

export function monthHtml(p: MonthPageInput): SafeHtml {
  const { status } = p;
  const model = { ...p.model, timezone: p.timezone };
  const month = model.month;
  const approved = status.state === 'approved';
  const restated = p.restatements.length
    ? html`<section class="restatements" aria-labelledby="h-restated"><h2 id="h-restated">Restatements since approval</h2><ul>${p.restatements.map((r) => html`<li>${restatementLine(r, p.timezone)}</li>`)}</ul></section>`
    : '';
  const body = packBodyHtml(model, {
    commentary: p.commentary,
    status,
    afterCommentary: (id) => {
      if (!p.canEdit || !PACK_SECTIONS.includes(id)) return '';
      const saved = p.editing[id] ?? '';
      const draft = !approved && saved.trim() === '' ? (p.generated?.[id] ?? '') : '';
      return commentaryForm(month, id, draft || saved, approved, draft !== '');
    },
  });
  return html`<p><a href="/reports">All board packs</a> · Download: ${downloads(month)}</p>${restated}${p.canEdit ? html`<section aria-label="Approval">${approveForm(month, status.state === 'approved' ? status.version : null)}</section>` : ''}${body}`;
}

/**
 * A pack page sent in two parts: `top` (the layout, the navigation and a "preparing" note) at
 * once, the pack and `bottom` (a style that hides the note, then the layout's end) when built.
 */
export function streamedPackPage(title: string): { readonly top: string; readonly bottom: string } {
  const { top, bottom } = streamedLayout(title, { active: '/reports' });
  return {
    top: top + html`<p class="note" id="pack-preparing" role="status">Preparing the pack from the data as it is now; a draft can take several seconds\u2026</p>`.text,
    bottom: `<style>#pack-preparing{display:none}</style>${bottom}`,
  };
}
