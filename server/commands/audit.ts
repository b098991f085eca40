/**
 * `practiceboard audit head` and `practiceboard audit verify [--head FILE]`: the head of the
 * audit chain as JSON `{ seq, mac, at }` to keep somewhere PracticeBoard cannot write, and the
 * check of the chain (keyed links, no gap, the recorded head) and, given an exported head, that
 * the entry it names is still there unchanged: a tail cut below it, or a tail rewritten from it
 * on, fails. One function each behind the command line and the server's loopback API; the
 * export of the head is audited (`audit.export`).
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { auditHead, exportedHead, verifyAuditChain, type AuditAnchor, type ChainReport } from '../audit/verify.ts';
import type { Context } from '../context.ts';
import { recordCommand, type Invocation } from './invocation.ts';

export interface ExportedHead {
  readonly seq: number;
  readonly mac: string;
  readonly at: string;
}

export async function exportAuditHead(ctx: Context, inv: Invocation): Promise<ExportedHead> {
  const head = await ctx.pool.use((c) => auditHead(c));
  if (!head) throw new PracticeBoardError('AUDIT_EMPTY', 'the audit log is empty: there is no head to export yet', { status: 404 });
  await recordCommand(ctx, inv, 'audit.export', 'audit_head', { seq: head.seq });
  return exportedHead(head);
}

export async function verifyAudit(ctx: Context, anchor: AuditAnchor | undefined): Promise<ChainReport> {
  return ctx.pool.use((c) => verifyAuditChain(c, anchor ? { anchor } : {}));
}

/** The lines the command prints for a report. */
export function chainReportText(report: ChainReport, anchor: AuditAnchor | undefined): string {
  if (report.ok) {
    const against = anchor ? `; entry ${anchor.seq} is the head exported earlier` : '';
    return `The audit chain verifies: ${report.entries_n} entries, keyed from entry ${report.keyed_from ?? '-'}, last entry ${report.head?.seq ?? 0}${against}.`;
  }
  return ['The audit chain does NOT verify:', ...report.problems.map((p) => `  entry ${p.seq} (${p.problem}): ${p.message}`)].join('\n');
}
