/**
 * The manager's commentary of a month's pack, one text per pack section, with who wrote it
 * and when (report_commentary, migration 004). Saving an empty text removes it. Commentary
 * may be edited after approval: the approved pack keeps the text it was approved with, and
 * a changed text reaches the board only through a new approved version.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import type { Commentary } from '../model.ts';
import { toDbTimestamp } from './packs.ts';

export interface CommentaryEntry {
  readonly sectionId: string;
  readonly text: string;
  readonly author: string;
  readonly updatedAt: string;
}

const UPSERT_SQL = `
INSERT OR REPLACE INTO report_commentary (month, section_id, body, author, updated_at)
VALUES ($month, $section_id, $body, $author, $updated_at::TIMESTAMP)`;
const DELETE_SQL = 'DELETE FROM report_commentary WHERE month = $month AND section_id = $section_id';
const SELECT_SQL = `
SELECT section_id, body, author, strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at
FROM report_commentary WHERE month = $month ORDER BY section_id`;

/** Longest commentary kept, in characters: about two printed pages. */
export const MAX_COMMENTARY_CHARS = 8000;

export async function saveCommentary(conn: DuckDBConnection, e: { month: string; sectionId: string; text: string; author: string; at: Date }): Promise<void> {
  const body = e.text.replace(/\r\n?/g, '\n').trim();
  if (body.length > MAX_COMMENTARY_CHARS) throw new PracticeBoardError('COMMENTARY_TOO_LONG', `commentary is ${body.length} characters; keep it to ${MAX_COMMENTARY_CHARS}`);
  if (body === '') await conn.run(DELETE_SQL, { month: e.month, section_id: e.sectionId });
  else await conn.run(UPSERT_SQL, { month: e.month, section_id: e.sectionId, body, author: e.author, updated_at: toDbTimestamp(e.at.toISOString()) });
}

export async function getCommentary(conn: DuckDBConnection, month: string): Promise<CommentaryEntry[]> {
  const rows = (await conn.runAndReadAll(SELECT_SQL, { month })).getRowObjectsJS();
  return rows.map((r) => ({ sectionId: String(r.section_id), text: String(r.body), author: String(r.author), updatedAt: String(r.updated_at) }));
}

/** The texts by section id, the shape the renderers take. */
export const commentaryMap = (entries: readonly CommentaryEntry[]): Commentary => Object.fromEntries(entries.map((e) => [e.sectionId, e.text]));
