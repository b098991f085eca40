/**
 * The board pack in the web app. Parameters are validated with zod at the edge (400 naming
 * the bad value). Handlers are small so a sign-in/role guard and CSRF middleware can be put in
 * front of the router; the acting user is the signed-in `res.locals.auth`.
 *   GET  /reports                      months with their status (draft/approved) and links; for the
 *                                      board, the latest approved pack's reading view (where it lands)
 *   GET  /reports/:month               the pack with commentary forms and "Approve and lock" (reads only;
 *                                      streamed: a progress note first); for the board, the approved
 *                                      pack's reading view
 *   GET  /reports/:month.pdf?size=     the approved PDF, else a fresh draft marked DRAFT
 *   GET  /reports/:month.html          the pack as one offline HTML file
 *   POST /reports/:month/commentary    save a section's commentary (form: section, text)
 *   POST /reports/:month/approve       approve and lock (form: newVersion=1 to re-approve, with
 *                                      supersedes=N, the version shown, which it replaces: required)
 * A draft's model (and its PDFs) is built once per data version, month and audience and shared
 * by the page, the PDF and the offline HTML (server/cache/packCache.ts); the restatements a
 * page shows are the ones detection recorded (reading never rebuilds an approved pack).
 */
import { audit } from '../audit/index.ts';
import { mayViewUnapprovedPacks } from '../auth/index.ts';
import { KeyedMutex } from '../auth/inFlight.ts';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { CurrentPack } from '../../reports/deliver.ts';
import { renderPackHtml } from '../../reports/html.ts';
import { PACK_SECTIONS, type PackStatus } from '../../reports/model.ts';
import { packMonths } from '../../reports/months.ts';
import { renderPackPdf } from '../../reports/pdf/render.ts';
import { approvePack, carriedRestatements, commentaryMap, getApprovedPack, getCommentary, listApproved, MAX_COMMENTARY_CHARS, recordedRestatements, saveCommentary } from '../../reports/store.ts';
import { monthLabel } from '../../reports/text.ts';
import { listHtml, monthHtml, streamedPackPage } from '../views/packPages.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { layout } from '../views/layout.ts';
import { HttpError } from '../../core/errors.ts';
import { READING_CSS, readingEmpty, readingView } from '../views/packReading.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Restatement } from '../../reports/model.ts';
import { PackCache, type PackAudience } from '../cache/packCache.ts';
import { inSnapshot } from '../../dashboards/pages/index.ts';
import type { SafeHtml } from '../views/html.ts';
import { packListCache, type PackListView } from '../cache/packList.ts';
import type { WriteVersion } from '../cache/writeVersion.ts';
import { routeTiming } from '../timing.ts';

export interface ReportDeps {
  readonly pool: ConnectionPool;
  /** Today's date (ISO) from the injected clock. */
  readonly today: () => string;
  readonly now: () => Date;
  readonly practiceName: string;
  /** Draft pack models per data version (server/cache/packCache.ts); one per router by default. */
  readonly packs?: PackCache;
  /** The practice's IANA time zone: the pack pages and packs show times in it (default UTC, labelled so). */
  readonly timezone?: string;
  /**
   * The data's version known in the process (the context's `writes`, moved by loads and
   * approvals alike): the cached list is then served without a connection. Without it the
   * version is read by a statement (packListVersion.sql).
   */
  readonly version?: WriteVersion;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const shown = (v: unknown) => JSON.stringify(String(v).slice(0, 40));
const monthParam = z.string().regex(MONTH, { error: (i) => `${shown(i.input)} is not a month; use YYYY-MM, e.g. 2026-10` });
const fileParam = z.string().regex(/^[^.]+(\.(pdf|html))?$/, { error: (i) => `${shown(i.input)} is not a pack address; use /reports/YYYY-MM, YYYY-MM.html or YYYY-MM.pdf` });
const sizeQuery = z.enum(['letter', 'a4'], { error: (i) => `size ${shown(i.input)} is not a page size; use letter or a4` }).default('letter');
const commentaryForm = z.object({
  section: z.enum(PACK_SECTIONS, { error: (i) => `section ${shown(i.input)} is not a pack section; use one of ${PACK_SECTIONS.join(', ')}` }),
  text: z.string().max(MAX_COMMENTARY_CHARS, { error: `commentary is longer than ${MAX_COMMENTARY_CHARS} characters` }).default(''),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, `The ${what} is not valid`, r.error.issues.map((i) => i.message));
  return r.data;
}

/** The signed-in user who acts: their display name on the pack, their id in the audit log. */
const actor = (res: Response): string => res.locals.auth?.displayName ?? 'manager';
const actorId = (res: Response): string => res.locals.auth?.userId ?? 'anonymous';

export function reportRoutes(deps: ReportDeps): express.Router {
  const r = express.Router();
  /**
   * A month's approvals and commentary saves run one after another (in this process, the only
   * one holding the warehouse): side by side, two saves of a section's commentary conflicted in
   * DuckDB (a server error), and an approval takes the commentary saved before it.
   */
  const monthWrites = new KeyedMutex();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const timezone = deps.timezone ?? 'UTC';
  const packs = deps.packs ?? new PackCache();
  /** Staff read drafts; the board reads approved packs only: a draft built for one is never served to the other. */
  const audience = (res: Response): PackAudience => (mayViewUnapprovedPacks(res) ? 'staff' : 'board');
  const packKey = (month: string, who: PackAudience) => ({ month, audience: who, today: deps.today(), practiceName: deps.practiceName, timezone });
  /**
   * The month's pack: as approved (stored), else the draft from the pack cache with the
   * restatements of earlier approved months that detection recorded. Reads only.
   */
  const current = async (conn: DuckDBConnection, month: string, who: PackAudience): Promise<CurrentPack> => {
    const approved = await getApprovedPack(conn, month);
    if (approved) {
      const status: PackStatus = { state: 'approved', approvedAt: approved.approvedAt, approvedBy: approved.approvedBy, version: approved.version };
      return { model: approved.model, commentary: approved.commentary, status, approved };
    }
    const model = await packs.model(conn, packKey(month, who), deps.now());
    const restatements = await carriedRestatements(conn, month);
    return { model: { ...model, restatements }, commentary: commentaryMap(await getCommentary(conn, month)), status: { state: 'draft' }, approved: null };
  };
  /** A pack month: well formed and not after the current month. */
  const monthOf = (value: unknown): string => {
    const month = parse(monthParam, value, 'month');
    const current = deps.today().slice(0, 7);
    if (month > current) throw new HttpError(400, 'The month is not valid', [`${month} is in the future; use ${current} or earlier`]);
    return month;
  };

  /**
   * The board's reading view of an approved month (null when it is not approved), with the
   * last meeting's pack and the restatements recorded since: of this pack, of the last
   * meeting's pack and those this pack carries.
   */
  const reading = async (conn: DuckDBConnection, month: string) => {
    const pack = await getApprovedPack(conn, month);
    if (!pack) return null;
    const months = (await listApproved(conn)).map((a) => a.month).sort().reverse();
    const prevMonth = months.find((m) => m < month);
    const previous = prevMonth ? await getApprovedPack(conn, prevMonth) : null;
    const own = await recordedRestatements(conn, month);
    const seen = new Set<string>();
    const restatements = [...own, ...(prevMonth ? await recordedRestatements(conn, prevMonth) : []), ...pack.model.restatements].filter((x: Restatement) => {
      const key = `${x.month}|${x.key}|${x.new}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    const status = { state: 'approved' as const, approvedAt: pack.approvedAt, approvedBy: pack.approvedBy, version: pack.version };
    return readingView({ model: pack.model, commentary: pack.commentary, status, previous, restatements, months, timezone });
  };

  // The list and the board's landing view, per version of the data and the approvals and per
  // role (server/cache/packList.ts): built on the first view after a change, then kept.
  const listCache = packListCache<SafeHtml>();
  const boardLanding = async (conn: DuckDBConnection): Promise<PackListView<SafeHtml>> => {
    // A board member lands here: the latest approved pack, to read.
    const latest = (await listApproved(conn)).map((a) => a.month).sort().at(-1);
    const body = (latest ? await reading(conn, latest) : null) ?? readingEmpty();
    return { title: latest ? `Board pack, ${monthLabel(latest)}` : 'Board pack', body, text: body.text, styles: READING_CSS };
  };
  const packList = async (conn: DuckDBConnection): Promise<PackListView<SafeHtml>> => {
    const approved = await listApproved(conn);
    const byMonth = new Map(approved.map((a) => [a.month, a]));
    const rows = (await packMonths(conn, deps.today(), [...byMonth.keys()])).map((month) => ({ month, ...(byMonth.has(month) ? { approved: byMonth.get(month)! } : {}) }));
    const body = listHtml(rows, timezone);
    return { title: 'Board packs', body, text: body.text };
  };

  r.get('/reports', async (_req: Request, res: Response) => {
    const timing = routeTiming(res);
    // Admins and managers see every month; the board approved packs only, as its landing view.
    const board = !mayViewUnapprovedPacks(res);
    const key = { page: 'reports', role: String(res.locals.auth?.role ?? 'none'), today: deps.today(), filters: null };
    const build = (conn: DuckDBConnection) => timing.code(() => (board ? boardLanding(conn) : packList(conn)));
    const known = deps.version?.current();
    // With the version known in the process, a kept view needs no connection; a miss is built
    // in a snapshot begun after the version was read (it shows at least that version's data).
    const view =
      (known === undefined ? undefined : listCache.peek(known, key)) ??
      (await deps.pool.use(async (raw) => {
        const conn = timing.connection(raw);
        if (known !== undefined) return listCache.serve(known, key, () => inSnapshot(conn, () => build(conn)));
        const hit = listCache.peek(await listCache.version(conn), key);
        return hit ?? inSnapshot(conn, () => listCache.get(conn, key, () => build(conn)));
      }));
    const page = await timing.time('html', () => layout(view.title, view.body, { active: '/reports', ...(view.styles ? { styles: view.styles } : {}) }));
    res.set({ 'Cache-Control': 'no-store', 'Server-Timing': timing.header() }).type('html').send(page);
  });

  r.get('/reports/:file', async (req: Request, res: Response) => {
    const file = parse(fileParam, req.params.file, 'pack address');
    const [rawMonth, format] = file.split('.') as [string, 'pdf' | 'html' | undefined];
    const month = monthOf(rawMonth);
    res.set('Cache-Control', 'no-store');
    if (format === 'pdf') {
      const size = parse(sizeQuery, req.query.size, 'page size');
      const who = audience(res);
      const { pack, pdf } = await deps.pool.use(async (conn) => {
        const pack = await current(conn, month, who);
        if (pack.approved && pack.approved.pageSize === size) return { pack, pdf: pack.approved.pdf };
        const render = () => renderPackPdf(pack.model, { pageSize: size, commentary: pack.commentary, status: pack.status });
        if (pack.approved) return { pack, pdf: await render() };
        // A draft renders once per model and what else the PDF shows.
        const variant = { size, commentary: pack.commentary, status: pack.status, restatements: pack.model.restatements };
        return { pack, pdf: await packs.pdf(conn, packKey(month, who), deps.now(), variant, render) };
      });
      const name = `board-pack-${month}${pack.status.state === 'draft' ? '-DRAFT' : ''}.pdf`;
      res.type('application/pdf').set('Content-Disposition', `inline; filename="${name}"`).send(pdf);
      return;
    }
    if (format === 'html') {
      const pack = await deps.pool.use((conn) => current(conn, month, audience(res)));
      const name = `board-pack-${month}${pack.status.state === 'draft' ? '-DRAFT' : ''}` + '.html';
      res.type('html').attachment(name).send(renderPackHtml(pack.model, { commentary: pack.commentary, status: pack.status }));
      return;
    }
    if (!mayViewUnapprovedPacks(res)) {
      // The board reads approved packs only (the access policy has checked this one is).
      const body = await deps.pool.use((conn) => reading(conn, month));
      if (!body) throw new HttpError(404, `No approved board pack for ${monthLabel(month)}`);
      res.type('html').send(layout(`Board pack, ${monthLabel(month)}`, body, { active: '/reports', styles: READING_CSS }));
      return;
    }
    // A draft is built from the data once per load (seconds for a year of a practice's data;
    // then kept, or warmed after the load): the layout, navigation and a "preparing" note go out
    // first, so the reader sees progress when it is built now; the pack follows in the same
    // response, with a style that hides the note. Works without JS.
    const { top, bottom } = streamedPackPage(`Board pack, ${monthLabel(month)}`);
    res.type('html').write(top);
    // Reading a pack never writes nor rebuilds an approved one: the restatements shown are those
    // detection recorded (it runs after every load that changed something, and nightly).
    const page = await deps.pool.use(async (conn) => {
      const pack = await current(conn, month, audience(res));
      // The board reads approved content only: no draft commentary, no forms (issue 11 item 5).
      const canEdit = mayViewUnapprovedPacks(res);
      const editing = canEdit ? commentaryMap(await getCommentary(conn, month)) : {};
      const restatements = pack.approved ? await recordedRestatements(conn, month) : [];
      // A draft's empty editors start from the story's draft commentary (staff only; never saved by itself).
      const draft = pack.model.story?.draft ?? {};
      const generated = canEdit && pack.status.state === 'draft' ? Object.fromEntries(Object.entries(draft).map(([k, lines]) => [k, (lines ?? []).join(' ')])) : {};
      return monthHtml({ model: pack.model, status: pack.status, commentary: pack.commentary, editing, restatements, canEdit, generated, timezone }).text;
    });
    res.end(page + bottom);
  });

  r.post('/reports/:month/commentary', form, async (req: Request, res: Response) => {
    const month = monthOf(req.params.month);
    const body = parse(commentaryForm, req.body ?? {}, 'commentary form');
    await monthWrites.run(month, () =>
      deps.pool.use(async (conn) => {
        await saveCommentary(conn, { month, sectionId: body.section, text: body.text, author: actor(res), at: deps.now() });
        await audit(conn, { actor: actorId(res), action: 'report.commentary', target: month, ip: req.ip ?? null, details: { section: body.section }, at: deps.now() });
      }),
    );
    res.redirect(303, `/reports/${month}#c-${body.section}`);
  });

  r.post('/reports/:month/approve', form, async (req: Request, res: Response) => {
    const month = monthOf(req.params.month);
    const body = (req.body ?? {}) as { newVersion?: unknown; confirm?: unknown; supersedes?: unknown };
    const newVersion = body.newVersion === '1';
    // Locking is not undone: the form's box (or, for a new version, its own box) must be ticked.
    if (!newVersion && body.confirm !== '1') throw new HttpError(400, 'The pack was not approved', ['Tick "I have reviewed this pack; lock it as it stands" to approve and lock it']);
    const supersedes = typeof body.supersedes === 'string' && /^[1-9][0-9]{0,5}$/.test(body.supersedes) ? Number(body.supersedes) : undefined;
    // A new version replaces the version its sender read, named by the page's form: without it,
    // every repeat of the request (a second click, a resent form, a script) made another version.
    if (newVersion && supersedes === undefined) throw new HttpError(400, 'No new version was approved', ['The request did not say which approved version it replaces: reload the pack, read it, and approve again from its page']);
    // One approval of a month at a time: each reads the approved version, builds the pack (seconds)
    // and stores the next version. Side by side, two found none and both stored version 1 (a
    // server error for one); now the second finds the first's: locked, or, for a new version,
    // superseded (PackLockedError, PackSupersededError: 409 through the one error handler).
    await monthWrites.run(month, () =>
      deps.pool.use(async (conn) => {
        await approvePack(conn, month, actor(res), deps.now, { practiceName: deps.practiceName, newVersion, ...(supersedes === undefined ? {} : { supersedes }), today: deps.today(), timezone });
        await audit(conn, { actor: actorId(res), action: 'report.approve', target: month, ip: req.ip ?? null, details: { newVersion }, at: deps.now() });
      }),
    );
    res.redirect(303, `/reports/${month}`);
  });
  return r;
}
