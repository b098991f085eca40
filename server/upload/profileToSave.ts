/**
 * The profile the upload page's mapping form saves (POST /api/profiles), before it is checked
 * and written:
 * - `amountSample` (the mapped amount columns' cells of the first preview rows) is read and never
 *   stored: when its amounts are written with a decimal comma, `formats.number` says so, by the
 *   rule the load's NO_MATCHING_PROFILE hint uses (etl/load/noMatchHint.ts `decimalCommaRule`).
 * - `base` (the profile the form was filled from, when the file's columns are that profile's
 *   but its delimiter is not) makes the new profile a copy of it, as the load's hint says to
 *   write one: its value maps, signs, never-stored columns, trailer rule, quote, encoding and
 *   formats are kept, a column mapping the form left as it was keeps its own settings (several
 *   columns, per-field date formats, a constant), and the form gives the id, the label, the
 *   delimiter, any column it changed and the date format. Without it, the form is the profile.
 */
import { z } from 'zod';
import { HttpError } from '../../core/errors.ts';
import { mappingColumns, normalizeHeader } from '../../etl/load/header.ts';
import { amountFields, decimalCommaRule } from '../../etl/load/noMatchHint.ts';
import type { Profile } from '../../etl/profiles/schema.ts';

/** Preview rows looked at for a decimal comma: as many as the load's hint looks at. */
const SAMPLE_ROWS = 5;
const AmountSample = z.record(z.string(), z.array(z.string().max(40)).max(SAMPLE_ROWS)).default({});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decimal-comma number format the sample shows, if it shows one. */
function sampledNumber(amountSample: unknown, source: string): { decimal: ','; thousands: '.' | '' } | undefined {
  const sample = AmountSample.safeParse(amountSample);
  if (!sample.success) throw new HttpError(400, 'amountSample is { field: [up to 5 cells] } of the mapped amount columns.', sample.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const numeric = amountFields(source);
  const columns = Object.entries(sample.data).filter(([f]) => numeric.has(f));
  const rows = Math.max(0, ...columns.map(([, cells]) => cells.length));
  const records = Array.from({ length: rows }, (_, r) => columns.filter(([, cells]) => r < cells.length).map(([f, cells]) => [f, cells[r]!] as const));
  const dc = decimalCommaRule(records);
  return dc ? { decimal: ',', thousands: dc.thousands } : undefined;
}

/** The base's mappings, with the form's column wherever the form chose another one. */
function mergedColumns(base: Profile, form: Json): Json {
  const out: Json = {};
  for (const [field, mapping] of Object.entries(base.columns)) {
    const chosen = form[field];
    if (chosen === undefined) {
      // A constant has no column to choose; a column the form left out is not in the file.
      if (mappingColumns(mapping).length === 0) out[field] = mapping;
      continue;
    }
    const same = typeof chosen === 'string' && mappingColumns(mapping).some((c) => normalizeHeader(c) === normalizeHeader(chosen));
    out[field] = same ? mapping : chosen;
  }
  for (const [field, chosen] of Object.entries(form)) if (!(field in base.columns)) out[field] = chosen;
  return out;
}

function copyOf(base: Profile, form: Json): Json {
  const dialect = isObject(form.dialect) ? form.dialect : {};
  const formats = isObject(form.formats) ? form.formats : {};
  const dates = Array.isArray(formats.date) ? (formats.date as unknown[]) : [];
  // The form offers one date format; when it is the base's first, the base's whole list stays.
  const date = dates.length === 0 || dates[0] === base.formats.date[0] ? base.formats.date : dates;
  // The base's description is about its own export; the copy reads another delimiter.
  const rest: Json = { ...base };
  delete rest.description;
  return {
    ...rest,
    id: form.id,
    label: form.label,
    dialect: { ...base.dialect, ...(dialect.delimiter !== undefined ? { delimiter: dialect.delimiter } : {}) },
    formats: { ...base.formats, date, ...(formats.number !== undefined ? { number: formats.number } : {}) },
    columns: mergedColumns(base, isObject(form.columns) ? form.columns : {}),
  };
}

export function profileToSave(body: unknown, profiles: readonly Profile[]): Json {
  if (!isObject(body)) return body as Json;
  const { amountSample, base: baseId, ...form } = body;
  let profile: Json = form;
  if (baseId !== undefined) {
    const base = profiles.find((p) => p.id === baseId);
    if (!base) throw new HttpError(400, `base: no profile has the id ${String(baseId)}.`);
    if (base.source !== form.source) throw new HttpError(400, `base: ${base.id} is a profile of source ${base.source}, not ${String(form.source)}.`);
    profile = copyOf(base, form);
  }
  const number = sampledNumber(amountSample, String(profile.source));
  const formats = isObject(profile.formats) ? profile.formats : {};
  // A decimal comma seen in the file wins over a copied point; a number format the form sent itself is kept.
  if (!number || (isObject(form.formats) && form.formats.number !== undefined)) return profile;
  return { ...profile, formats: { ...formats, number: { ...(isObject(formats.number) ? formats.number : {}), ...number } } };
}
