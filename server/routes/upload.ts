/**
 * Upload in the browser: the manager drops or picks a CSV, the page previews it (papaparse in
 * the browser), the server suggests the matching source profile from the header, an unknown
 * layout can be mapped column by column and saved as a new profile, and the file loads through
 * the same pipeline as the inbox. Works without JavaScript too (a plain multipart form).
 *   GET  /upload                  the page
 *   POST /upload                  multipart (file, source, profile?) -> 303 to the run's page, or JSON
 *   GET  /api/profiles            profiles and each source's canonical fields
 *   POST /api/profiles/suggest    { source?, header: string[], delimiter? } -> profiles ranked by fit;
 *                                 a profile whose columns match but whose delimiter is not the
 *                                 file's does not fit, and says both delimiters
 *   POST /api/profiles            a new profile (JSON) plus `amountSample` (the mapped amount
 *                                 columns' cells of the first preview rows, never stored) and
 *                                 `base` (the profile the form was filled from), saved to
 *                                 data/profiles/ (server/upload/profileToSave.ts)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import { matchColumns } from '../../etl/load/header.ts';
import { DELIMITERS } from '../../etl/load/noMatchHint.ts';
import { parseProfileChecked, SHIPPED_PROFILES_DIR } from '../../etl/profiles/registry.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { SOURCE_NAMES } from '../../etl/sources/contract.ts';
import { INBOX_SOURCES } from '../../etl/inbox.ts';
import { HttpError } from '../../core/errors.ts';
import type { Context } from '../context.ts';
import { detectIfChanged } from '../restatementStep.ts';
import { uploadPage } from '../views/upload.ts';
import { discardingUpload, intoInbox, uploadMiddleware } from '../upload/storage.ts';
import { profileToSave } from '../upload/profileToSave.ts';

const require = createRequire(import.meta.url);
const PAPAPARSE = require.resolve('papaparse/papaparse.min.js');
const UPLOAD_JS = new URL('../assets/upload.js', import.meta.url);

export interface UploadDeps {
  readonly ctx: Context;
  /** The injected clock, for the restatement step after a load. */
  readonly now: () => Date;
}

const UploadFields = z.object({
  source: z.enum(INBOX_SOURCES, { message: `source must be one of ${INBOX_SOURCES.join(', ')}` }),
  profile: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'profile is a profile id, like canonical-billing')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
const SuggestBody = z
  .object({
    source: z.enum(SOURCE_NAMES).optional(),
    header: z.array(z.string().max(200)).min(1).max(500),
    // What papaparse detected in the browser, among the delimiters the load's hint tries.
    delimiter: z.enum(DELIMITERS, { message: 'delimiter must be one of "," ";" "\\t" (tab) "|"' }).default(','),
  })
  .strict();
export function uploadRoutes(deps: UploadDeps): express.Router {
  const { ctx } = deps;
  const r = express.Router();
  const upload = uploadMiddleware(ctx.config.paths.tmp, ctx.config.upload.maxMegabytes * 1024 * 1024);

  r.get('/assets/papaparse.min.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(PAPAPARSE);
  });
  r.get('/assets/upload.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/javascript').sendFile(UPLOAD_JS.pathname);
  });

  r.get('/upload', (_req, res) => {
    res.set('Cache-Control', 'no-store').send(uploadPage(ctx.etl.deps.profiles.all(), ctx.config.upload.maxMegabytes));
  });

  r.post('/upload', upload, discardingUpload(async (req, res) => {
    if (!req.file) throw new HttpError(400, 'Choose a file to upload.');
    const fields = UploadFields.safeParse(req.body);
    if (!fields.success) throw new HttpError(400, 'The upload form is not complete.', fields.error.issues.map((i) => i.message));
    const { source, profile } = fields.data;
    // An unknown profile throws a ProfileError, which carries its 400.
    if (profile && ctx.etl.deps.profiles.get(profile).source !== source) throw new HttpError(400, `Profile ${profile} is not a profile of source ${source}.`);
    const name = intoInbox(ctx.config.paths.inbox, source, req.file.path, req.file.originalname);
    const report = await ctx.etl.loadInboxFile(source, name, profile ? { profileId: profile } : {});
    // A load that changed something: approved packs it restates are recorded now, not when read.
    await detectIfChanged(ctx, deps.now, [report]);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ runId: report.runId, status: report.status, rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded, rowsRejected: report.rowsRejected, fileTotal: report.fileTotal, loadedTotal: report.loadedTotal, message: report.message, href: `/etl/runs/${report.runId}` });
      return;
    }
    res.redirect(303, `/etl/runs/${report.runId}`);
  }));

  r.get('/api/profiles', (_req, res) => {
    res.json({
      profiles: ctx.etl.deps.profiles.all().map((p) => ({ id: p.id, source: p.source, label: p.label })),
      sources: Object.fromEntries(SOURCE_NAMES.map((s) => [s, SOURCES[s].fields.map((f) => ({ name: f.name, type: f.type, required: f.required, doc: f.doc }))])),
    });
  });

  r.post('/api/profiles/suggest', express.json({ limit: '64kb' }), (req, res) => {
    const body = SuggestBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'Send { source?, header: [column names], delimiter? }.', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const { header, delimiter } = body.data;
    const ranked = ctx.etl.deps.profiles
      .all()
      .filter((p) => !body.data.source || p.source === body.data.source)
      .map((p) => ({ profile: p, m: matchColumns(p, header, 1), same: p.dialect.delimiter === delimiter }))
      .sort((a, b) => a.m.missing.length - b.m.missing.length || Number(b.same) - Number(a.same) || b.m.score - a.m.score)
      .map(({ profile, m, same }) => ({
        id: profile.id,
        source: profile.source,
        label: profile.label,
        // The load splits the file at the profile's delimiter: matching columns under another one would be refused.
        fits: m.missing.length === 0 && same,
        matched: m.score,
        missing: m.missing,
        ...(same ? {} : { delimiter: { file: delimiter, profile: profile.dialect.delimiter } }),
        // For a mapping form pre-filled from this profile: canonical field -> the header cell it reads.
        columns: Object.fromEntries([...m.fieldColumns].filter(([, idx]) => idx.length > 0).map(([f, idx]) => [f, header[idx[0]!]!])),
        dateFormats: profile.formats.date,
      }));
    res.json({ suggestions: ranked });
  });

  r.post('/api/profiles', express.json({ limit: '256kb' }), async (req, res) => {
    // A ProfileError (bad JSON, schema, or a pattern DuckDB's engine refuses) is a 400.
    const saved = profileToSave(req.body, ctx.etl.deps.profiles.all());
    const profile = await parseProfileChecked(JSON.stringify(saved), 'the new profile');
    if (existsSync(join(SHIPPED_PROFILES_DIR, `${profile.id}.json`)) || ctx.etl.deps.profiles.all().some((p) => p.id === profile.id)) {
      throw new HttpError(409, `A profile with the id ${profile.id} exists already; choose another id.`);
    }
    writeFileSync(join(ctx.config.paths.profiles, `${profile.id}.json`), JSON.stringify(saved, null, 2) + '\n', { flag: 'wx' });
    ctx.logger.info({ profile: profile.id, source: profile.source }, 'profile saved');
    res.status(201).json({ id: profile.id, source: profile.source });
  });
  return r;
}
