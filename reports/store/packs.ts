/**
 * Approved packs in the warehouse (report_pack, migration 004): written once per version,
 * never updated except for the bookkeeping of when they were last compared with the data.
 * Reading gives back the model, commentary and PDF bytes exactly as stored.
 */
import { blobValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Commentary, PackModel } from '../model.ts';

export type PageSize = 'letter' | 'a4';

export interface ApprovedPack {
  readonly month: string;
  readonly version: number;
  readonly approvedAt: string;
  readonly approvedBy: string;
  readonly pageSize: PageSize;
  readonly model: PackModel;
  readonly commentary: Commentary;
  readonly pdf: Buffer;
  readonly sha256: string;
  readonly checkedRunsN: number;
}

export interface ApprovedSummary {
  readonly month: string;
  readonly version: number;
  readonly approvedAt: string;
  readonly approvedBy: string;
  readonly sha256: string;
}

const ISO = "strftime(approved_at, '%Y-%m-%dT%H:%M:%S.%gZ')";

const LATEST_PACK_SQL = `
SELECT month, version, ${ISO} AS approved_at, approved_by, page_size, model_json, commentary_json, pdf, pdf_sha256,
       checked_runs_n::INTEGER AS checked_runs_n
FROM report_pack WHERE month = $month ORDER BY version DESC LIMIT 1`;

const LIST_APPROVED_SQL = `
SELECT month, max(version)::INTEGER AS version, arg_max(${ISO}, version) AS approved_at,
       arg_max(approved_by, version) AS approved_by, arg_max(pdf_sha256, version) AS sha256
FROM report_pack GROUP BY month ORDER BY month`;

const INSERT_PACK_SQL = `
INSERT INTO report_pack (month, version, status, approved_at, approved_by, page_size, model_json, commentary_json, pdf, pdf_sha256, checked_runs_n)
VALUES ($month, $version, 'approved', $approved_at::TIMESTAMP, $approved_by, $page_size, $model_json, $commentary_json, $pdf, $pdf_sha256, $checked_runs_n)`;

const MARK_CHECKED_SQL = 'UPDATE report_pack SET checked_runs_n = $runs WHERE month = $month AND version = $version';

const RUN_COUNT_SQL = 'SELECT count(*)::INTEGER AS n FROM etl_run';

/** An ISO instant as DuckDB TIMESTAMP text (UTC, milliseconds). */
export const toDbTimestamp = (iso: string): string => new Date(iso).toISOString().slice(0, 23).replace('T', ' ');

export async function getApprovedPack(conn: DuckDBConnection, month: string): Promise<ApprovedPack | null> {
  const reader = await conn.runAndReadAll(LATEST_PACK_SQL, { month });
  const row = reader.getRowObjectsJS()[0];
  if (!row) return null;
  return {
    month: String(row.month),
    version: Number(row.version),
    approvedAt: String(row.approved_at),
    approvedBy: String(row.approved_by),
    pageSize: row.page_size === 'a4' ? 'a4' : 'letter',
    model: JSON.parse(String(row.model_json)) as PackModel,
    commentary: JSON.parse(String(row.commentary_json)) as Commentary,
    pdf: Buffer.from(row.pdf as Uint8Array),
    sha256: String(row.pdf_sha256),
    checkedRunsN: Number(row.checked_runs_n),
  };
}

/** The latest version of every approved month. */
export async function listApproved(conn: DuckDBConnection): Promise<ApprovedSummary[]> {
  const rows = (await conn.runAndReadAll(LIST_APPROVED_SQL)).getRowObjectsJS();
  return rows.map((r) => ({ month: String(r.month), version: Number(r.version), approvedAt: String(r.approved_at), approvedBy: String(r.approved_by), sha256: String(r.sha256) }));
}

export async function insertPack(conn: DuckDBConnection, p: Omit<ApprovedPack, 'checkedRunsN'> & { checkedRunsN: number }): Promise<void> {
  await conn.run(INSERT_PACK_SQL, {
    month: p.month,
    version: p.version,
    approved_at: toDbTimestamp(p.approvedAt),
    approved_by: p.approvedBy,
    page_size: p.pageSize,
    model_json: JSON.stringify(p.model),
    commentary_json: JSON.stringify(p.commentary),
    pdf: blobValue(new Uint8Array(p.pdf)),
    pdf_sha256: p.sha256,
    checked_runs_n: p.checkedRunsN,
  });
}

export async function markChecked(conn: DuckDBConnection, month: string, version: number, runs: number): Promise<void> {
  await conn.run(MARK_CHECKED_SQL, { month, version, runs });
}

/** How many loads the warehouse has recorded: a pack is compared again only after a new one. */
export async function etlRunCount(conn: DuckDBConnection): Promise<number> {
  return Number((await conn.runAndReadAll(RUN_COUNT_SQL)).getRowObjectsJS()[0]!.n);
}
