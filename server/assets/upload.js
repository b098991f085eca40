// The upload page's browser side: preview with papaparse, profile suggestion from the header,
// column-by-column mapping saved as a new profile, and an upload with a progress bar. The page
// works without this script (a plain form post); this only adds to it. What it sends about the
// file: the header cells and the delimiter papaparse detected (to suggest a profile), and, when a
// profile is saved, the mapped amount columns' cells of the first five preview rows (the server
// decides the number format from them and stores only that) and the profile the form was filled
// from (the new one is a copy of it). Never names, ids or whole rows.
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('upload-form');
  const fileInput = $('file');
  const source = $('source');
  const profile = $('profile');
  const preview = $('preview');
  const mapping = $('mapping');
  const progress = $('progress');
  const csrf = () => (form.querySelector('input[name="_csrf"]') || {}).value || '';
  let header = [];
  let rows = []; // the preview's data rows (after the header): they stay in the browser
  let delimiter = ',';
  let base; // the profile the mapping form was filled from: the saved profile is a copy of it
  let catalog = null;

  const el = (tag, attrs = {}, text) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const post = (url, body) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf(), accept: 'application/json' }, body: JSON.stringify(body) });

  // The header is the first row with at least half as many filled cells as the widest row:
  // report titles above it have one or two.
  function findHeader(rows) {
    const width = Math.max(...rows.map((r) => r.filter((c) => String(c).trim() !== '').length));
    return Math.max(0, rows.findIndex((r) => r.filter((c) => String(c).trim() !== '').length >= width / 2));
  }

  function showPreview(rows, at) {
    preview.replaceChildren(el('h2', {}, 'Preview'));
    const table = el('table');
    table.append(el('caption', {}, `Header on line ${at + 1}; first rows of the file`));
    const head = el('tr');
    header.forEach((h) => head.append(el('th', { scope: 'col' }, h)));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    rows.slice(at + 1, at + 11).forEach((r) => {
      const tr = el('tr');
      r.forEach((c) => tr.append(el('td', {}, c)));
      body.append(tr);
    });
    table.append(body);
    preview.append(table, el('p', { id: 'suggestion', role: 'status' }, 'Matching the columns to a profile...'));
  }

  async function suggest() {
    const res = await post('/api/profiles/suggest', { source: source.value, header, delimiter });
    const note = $('suggestion');
    if (!res.ok) {
      const out = await res.json().catch(() => ({}));
      note.textContent = `Could not match the columns to a profile. ${out.error || ''} ${(out.details || []).join(' ')}`.trim();
      return;
    }
    const { suggestions } = await res.json();
    const best = suggestions[0];
    base = undefined;
    if (best && best.fits) {
      profile.value = best.id;
      note.textContent = `Suggested profile: ${best.label} (${best.id}), ${best.matched} columns matched.`;
      mapping.hidden = true;
    } else if (best && best.missing.length === 0 && best.delimiter) {
      // The columns are the profile's, but the load splits the file at the profile's delimiter and would refuse it.
      profile.value = '';
      note.textContent =
        `The columns match profile ${best.label} (${best.id}), but the file uses ${NAMES[best.delimiter.file] || best.delimiter.file} between fields ` +
        `where ${best.id} expects ${NAMES[best.delimiter.profile] || best.delimiter.profile}, so ${best.id} cannot read it. ` +
        `Save a new profile below: it is filled in from ${best.id}'s columns, with the file's ${NAMES[best.delimiter.file] || best.delimiter.file}.`;
      base = best.id;
      await showMapping(best);
    } else {
      profile.value = '';
      note.textContent = best
        ? `No profile of this source fits: the closest, ${best.id}, lacks ${best.missing.join(', ')}. Map the columns below.`
        : 'No profile fits. Map the columns below.';
      await showMapping();
    }
  }

  const NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'pipes' };

  // The mapping form: each canonical field's column, pre-filled from `from` (a suggestion's
  // columns and date formats) when given, else by matching the field's name.
  async function showMapping(from) {
    if (!catalog) catalog = await (await fetch('/api/profiles', { headers: { accept: 'application/json' } })).json();
    const box = $('mapping-fields');
    box.replaceChildren();
    for (const f of catalog.sources[source.value]) {
      const label = el('label', {}, `${f.name}${f.required ? ' (required)' : ''} `);
      const select = el('select', { 'data-field': f.name });
      select.append(el('option', { value: '' }, '(not in the file)'));
      header.forEach((h) => {
        const o = el('option', { value: h }, h);
        if (from ? from.columns[f.name] === h : h.trim().toLowerCase().replace(/[\s_]+/g, ' ') === f.name.replace(/_/g, ' ')) o.selected = true;
        select.append(o);
      });
      label.append(select);
      box.append(label);
    }
    const dates = el('label', {}, 'Date format ');
    const fmt = el('select', { id: 'date-format' });
    const formats = ['%Y-%m-%d', '%m/%d/%Y', '%d/%m/%Y', '%m/%d/%y'];
    if (from && from.dateFormats.length && !formats.includes(from.dateFormats[0])) formats.unshift(from.dateFormats[0]);
    formats.forEach((d) => fmt.append(el('option', { value: d }, d)));
    if (from && from.dateFormats.length) fmt.value = from.dateFormats[0];
    dates.append(fmt);
    box.append(dates);
    mapping.hidden = false;
  }

  $('save-profile').addEventListener('click', async () => {
    const columns = {};
    document.querySelectorAll('#mapping-fields select[data-field]').forEach((s) => {
      if (s.value) columns[s.getAttribute('data-field')] = s.value;
    });
    // The mapped amount columns' cells of the first five preview rows: the server decides the number format from them.
    const amountSample = {};
    const amounts = new Set(catalog.sources[source.value].filter((f) => f.type === 'money' || f.type === 'decimal').map((f) => f.name));
    for (const [field, column] of Object.entries(columns)) {
      const at = header.indexOf(column);
      if (amounts.has(field) && at >= 0) amountSample[field] = rows.slice(0, 5).map((r) => String(r[at] ?? ''));
    }
    const body = { id: $('new-id').value, label: $('new-label').value || $('new-id').value, source: source.value, dialect: { delimiter, skipRows: 'auto' }, formats: { date: [$('date-format').value] }, columns, amountSample, ...(base ? { base } : {}) };
    const res = await post('/api/profiles', body);
    const out = await res.json();
    if (res.ok) {
      profile.append(el('option', { value: out.id }, out.id));
      profile.value = out.id;
      $('save-result').textContent = `Saved profile ${out.id}.`;
    } else $('save-result').textContent = `${out.error} ${(out.details || []).join(' ')}`;
  });

  function readFile(f) {
    if (!f) return;
    // An X12 835 remittance is not a CSV: no preview and no profile; it loads as the remittance source.
    if (/\.(835|edi|dat)$/i.test(f.name)) {
      source.value = 'remittance';
      header = [];
      rows = [];
      preview.replaceChildren(el('p', {}, 'An X12 835 remittance file: it loads as the remittance source, without a column mapping.'));
      return;
    }
    window.Papa.parse(f, {
      preview: 40,
      skipEmptyLines: 'greedy',
      complete: (r) => {
        const at = findHeader(r.data);
        header = (r.data[at] || []).map(String);
        rows = r.data.slice(at + 1);
        delimiter = r.meta.delimiter || ',';
        showPreview(r.data, at);
        suggest();
      },
    });
  }

  fileInput.addEventListener('change', () => readFile(fileInput.files[0]));
  source.addEventListener('change', () => header.length && suggest());
  const drop = $('drop');
  drop.addEventListener('dragover', (ev) => ev.preventDefault());
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    if (ev.dataTransfer.files.length) {
      fileInput.files = ev.dataTransfer.files;
      readFile(fileInput.files[0]);
    }
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('accept', 'application/json');
    progress.hidden = false;
    xhr.upload.onprogress = (p) => {
      if (p.lengthComputable) progress.value = Math.round((p.loaded / p.total) * 100);
    };
    xhr.onload = () => {
      let out = {};
      try {
        out = JSON.parse(xhr.responseText);
      } catch {
        out = { error: 'The server answered in an unexpected way.' };
      }
      if (xhr.status < 300 && out.href) window.location.assign(out.href);
      else preview.replaceChildren(el('p', { class: 'errors', role: 'alert' }, `${out.error || 'Upload failed.'} ${(out.details || []).join(' ')}`));
    };
    xhr.send(new FormData(form));
  });
})();
