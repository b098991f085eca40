/**
 * The pack's story of a month: the bridge of every headline measure against the prior month
 * for an audience, the anomalies worth a look and the draft commentary written from them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceFreshness } from '../freshness.ts';
import { monthEnd, monthStart } from '../metrics/period.ts';
import { findAnomalies } from './anomalies.ts';
import { bridgeFor } from './build.ts';
import { draftCommentary } from './draft.ts';
import { BRIDGE_MEASURES } from './measures.ts';
import type { Audience, Bridge, PackStory } from './types.ts';

/**
 * `partial`: measures whose data covers the month only in part (their headline shows no change:
 * dashboards/present/tiles.ts); they get no bridge, so the story names no driver of a move that
 * is a load still to come.
 */
export async function buildStory(conn: DuckDBConnection, month: string, audience: Audience, fresh: readonly SourceFreshness[], partial: ReadonlySet<string> = new Set()): Promise<PackStory> {
  const from = `${month}-01`;
  const base = { from: monthStart(from, -1), to: monthEnd(from, -1) };
  const bridges: Bridge[] = [];
  for (const m of BRIDGE_MEASURES) {
    if (partial.has(m.id)) continue;
    bridges.push(await bridgeFor(conn, { metricId: m.id, from, to: monthEnd(from), comparison: 'prior', base, audience }));
  }
  const anomalies = await findAnomalies(conn, month, fresh);
  return { comparison: 'prior', bridges, anomalies, draft: draftCommentary({ bridges, anomalies }) };
}
