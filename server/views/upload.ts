/**
 * The upload page: drop or pick a CSV, preview it in the browser, choose the source and a
 * profile (suggested from the header), map an unknown layout column by column. Works without
 * JavaScript as a plain multipart form whose action carries the CSRF token.
 */
import type { Profile } from '../../etl/profiles/schema.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { SOURCE_NAMES } from '../../etl/sources/contract.ts';
import { csrfAction, csrfInput, html } from './html.ts';
import { layout } from './layout.ts';
import { REMITTANCE_SOURCE } from '../../etl/remittance/loadRemittance.ts';

export function uploadPage(profiles: readonly Profile[], limitMegabytes: number): string {
  const sources = [
    ...SOURCE_NAMES.map((s) => html`<option value="${s}">${SOURCES[s].label}</option>`),
    html`<option value="${REMITTANCE_SOURCE}">Remittances, X12 835 (${REMITTANCE_SOURCE})</option>`,
  ];
  const options = profiles.map((p) => html`<option value="${p.id}">${p.label} (${p.id})</option>`);
  return layout(
    'Upload',
    html`<h1>Upload an export</h1>
<p>Drop a CSV export (or an X12 835 remittance file: .835, .edi, .txt, .dat) here or choose one. It is previewed in your browser, matched to a source profile, and loaded through the same checks as the inbox: every row is loaded or rejected with its line and reason. Files up to ${limitMegabytes} MB.</p>
<form id="upload-form" method="post" action="${csrfAction('/upload')}" enctype="multipart/form-data">${csrfInput()}
  <div id="drop" class="drop"><label>File <input id="file" type="file" name="file" accept=".csv,.txt,text/csv,.835,.edi,.dat" required></label></div>
  <label>Source <select id="source" name="source" required>${sources}</select></label>
  <label>Profile <select id="profile" name="profile"><option value="">Choose by header (suggested)</option>${options}</select></label>
  <button type="submit">Load the file</button>
  <progress id="progress" max="100" value="0" hidden aria-label="Upload progress"></progress>
</form>
<section id="preview" aria-live="polite"></section>
<section id="mapping" hidden aria-labelledby="mapping-h"><h2 id="mapping-h">Map the columns to a new profile</h2><div id="mapping-fields"></div>
  <label>Profile id <input id="new-id" pattern="[a-z0-9][a-z0-9-]*" placeholder="my-vendor-billing"></label>
  <label>Label <input id="new-label" placeholder="My vendor billing export"></label>
  <button type="button" id="save-profile">Save as a new profile</button><p id="save-result" role="status"></p></section>
<script src="/assets/papaparse.min.js"></script><script src="/assets/upload.js"></script>`,
    { active: '/upload' },
  );
}
