/**
 * Restatements: a number an approved pack presented that the warehouse now gives otherwise
 * (a later load changed it). Each is recorded once, with when it was first detected
 * (report_restatement, migration 004), so the pack's page and the next month's pack say so:
 * never a silent change. An approved pack is compared again only after a new load.
 * Detection (`findRestatements`, `checkRestatements`, `detectRestatements`) is an explicit step
 * that writes: after a load that changed something, nightly, or when a pack is built to be sent
 * or approved. Reading (`recordedRestatements`, `carriedRestatements`, `earlierRestatements` in
 * 'read' mode) never writes and never rebuilds a pack: it shows what detection recorded, which
 * the load's own step has done before anyone reads the pack.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import { monthStart } from '../../dashboards/metrics/period.ts';
import type { PackModel, Restatement } from '../model.ts';
import { diffPresented, type NumberChange } from '../restate.ts';
import { etlRunCount, getApprovedPack, listApproved, markChecked, toDbTimestamp } from './packs.ts';

const INSERT_SQL = `
INSERT OR IGNORE INTO report_restatement (month, version, item_key, label, old_text, new_text, detected_at)
VALUES ($month, $version, $item_key, $label, $old_text, $new_text, $detected_at::TIMESTAMP)`;

const ISO = "strftime(detected_at, '%Y-%m-%dT%H:%M:%S.%gZ')";

const FOR_PACK_SQL = `
SELECT item_key, label, old_text, new_text, ${ISO} AS detected_at FROM report_restatement
WHERE month = $month AND version = $version ORDER BY detected_at, item_key`;

/** For each key the latest finding, of the latest version of each month before $before. */
const EARLIER_SQL = `
WITH latest AS (SELECT month, max(version) AS version FROM report_pack WHERE month < $before GROUP BY month)
SELECT r.month, r.item_key, arg_max(r.label, r.detected_at) AS label, arg_max(r.old_text, r.detected_at) AS old_text,
       arg_max(r.new_text, r.detected_at) AS new_text, strftime(max(r.detected_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS detected_at
FROM report_restatement r JOIN latest l USING (month, version)
WHERE r.detected_at > $after::TIMESTAMP
GROUP BY r.month, r.item_key
ORDER BY r.month, max(r.detected_at), r.item_key`;

type Row = Record<string, unknown>;
const toRestatement = (month: string, r: Row): Restatement => ({
  month: String(r.month ?? month),
  key: String(r.item_key),
  label: String(r.label),
  old: String(r.old_text),
  new: String(r.new_text),
  detectedAt: String(r.detected_at),
});

/**
 * Compares the approved pack of `month` (its latest version) with `current`, the pack the
 * warehouse gives now, records what changed (detected at `current.generatedAt`) and returns
 * the numbers that differ now, each with when that difference was first detected. None when
 * the month has no approved pack.
 */
export async function findRestatements(conn: DuckDBConnection, month: string, current: PackModel): Promise<Restatement[]> {
  const pack = await getApprovedPack(conn, month);
  if (!pack) return [];
  const runs = await etlRunCount(conn);
  const changes = diffPresented(pack.model, current);
  for (const c of changes) {
    await conn.run(INSERT_SQL, { month, version: pack.version, item_key: c.key, label: c.label, old_text: c.old, new_text: c.new, detected_at: toDbTimestamp(current.generatedAt) });
  }
  await markChecked(conn, month, pack.version, runs);
  return withFirstDetection(conn, month, pack.version, changes, current.generatedAt);
}

/** The changes, each with when it was first recorded (else `at`). Reads only. */
async function withFirstDetection(conn: DuckDBConnection, month: string, version: number, changes: readonly NumberChange[], at: string): Promise<Restatement[]> {
  const recorded = (await conn.runAndReadAll(FOR_PACK_SQL, { month, version })).getRowObjectsJS();
  const first = new Map<string, string>();
  for (const r of recorded) {
    const k = `${String(r.item_key)}\u0000${String(r.old_text)}\u0000${String(r.new_text)}`;
    if (!first.has(k)) first.set(k, String(r.detected_at));
  }
  return changes.map((c) => ({ month, key: c.key, label: c.label, old: c.old, new: c.new, detectedAt: first.get(`${c.key}\u0000${c.old}\u0000${c.new}`) ?? at }));
}

const hasFailedSection = (model: Pick<PackModel, 'pages'>): boolean => model.pages.some((p) => p.sections.some((s) => s.failed !== undefined));

/** What has been recorded for the latest approved version of `month`. */
export async function recordedRestatements(conn: DuckDBConnection, month: string): Promise<Restatement[]> {
  const pack = (await listApproved(conn)).find((p) => p.month === month);
  if (!pack) return [];
  return (await conn.runAndReadAll(FOR_PACK_SQL, { month, version: pack.version })).getRowObjectsJS().map((r) => toRestatement(month, r));
}

/**
 * Compares `month`'s approved pack with the data again when a load happened since the last
 * comparison; `rebuild` gives the pack the warehouse gives now.
 */
export async function checkRestatements(conn: DuckDBConnection, month: string, rebuild: () => Promise<PackModel>): Promise<void> {
  const pack = await getApprovedPack(conn, month);
  if (!pack || pack.checkedRunsN >= (await etlRunCount(conn))) return;
  const current = await rebuild();
  // Never record a section that could not be computed as restated, nor mark the month checked:
  // the step fails (and is logged), and runs again after the next load or nightly.
  if (hasFailedSection(current)) {
    throw new PracticeBoardError('RESTATEMENT_CHECK_INCOMPLETE', `the ${month} pack could not be compared with the data: a section could not be computed`);
  }
  await findRestatements(conn, month, current);
}

/**
 * The explicit detection step: every approved month of the `lookback` months before `before`
 * (default: all) is compared with the data where a load happened since its last comparison,
 * and what changed is recorded. `rebuild(month)` gives the pack the warehouse gives now.
 */
export async function detectRestatements(conn: DuckDBConnection, rebuild: (month: string) => Promise<PackModel>, opts: { before?: string; lookback?: number } = {}): Promise<void> {
  let months = (await listApproved(conn)).map((p) => p.month);
  if (opts.before) {
    const since = monthStart(`${opts.before}-01`, -(opts.lookback ?? 12)).slice(0, 7);
    months = months.filter((m) => m < opts.before! && m >= since);
  }
  for (const m of months) await checkRestatements(conn, m, () => rebuild(m));
}

/**
 * The restatements the pack of `month` must carry: changes to earlier approved months recorded
 * since the approval of the nearest earlier approved month (older ones were carried by that
 * pack). Reads only what detection recorded.
 */
export async function carriedRestatements(conn: DuckDBConnection, month: string): Promise<Restatement[]> {
  const earlier = (await listApproved(conn)).filter((p) => p.month < month);
  const after = earlier.at(-1)?.approvedAt ?? '1970-01-01T00:00:00.000Z';
  return (await conn.runAndReadAll(EARLIER_SQL, { before: month, after: toDbTimestamp(after) })).getRowObjectsJS().map((r) => toRestatement(month, r));
}

/**
 * The restatements the pack of `month` carries (`carriedRestatements`). 'detect' first runs the
 * detection step over the approved months of the `lookback` months before it (writes;
 * `rebuild(month)` gives the pack the warehouse gives now); 'read' only reads what is recorded.
 */
export async function earlierRestatements(
  conn: DuckDBConnection,
  month: string,
  rebuild: (month: string) => Promise<PackModel>,
  opts: { mode: 'detect' | 'read'; at: string; lookback?: number },
): Promise<Restatement[]> {
  if (opts.mode === 'detect') await detectRestatements(conn, rebuild, { before: month, lookback: opts.lookback ?? 12 });
  return carriedRestatements(conn, month);
}
