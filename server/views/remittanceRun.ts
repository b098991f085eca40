/**
 * The part of a run's page that only a remittance (X12 835) run has: its transactions with
 * their control totals (a difference other than 0.00 means the file does not tie), and the
 * claims that do not reconcile with the ledger (not in the ledger, or paid differently). The
 * ETL pages are admin pages: claim ids are shown; no patient identifier exists to show.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { runClaimFindings, runTransactions } from '../../dashboards/remittance/reconcile.ts';
import { html, type SafeHtml } from './html.ts';
import { htmlTable } from './layout.ts';

export async function remittanceRunHtml(conn: DuckDBConnection, runId: string): Promise<SafeHtml> {
  const txns = await runTransactions(conn, runId);
  const findings = await runClaimFindings(conn, runId);
  const txnTable = txns.length
    ? htmlTable(
        ['Segment', 'Trace (TRN02)', 'Payer', 'Paid on', 'Method', 'Paid (BPR02)', 'Claims paid', 'PLB', 'BPR02 difference', 'Claims off', 'Lines off', 'Claims'],
        txns.map((t) => [t.segment, t.trace_number, t.payer, t.payment_date, t.payment_method, t.total_paid_usd, t.claims_paid_usd, t.plb_usd, t.payment_diff_usd, t.claims_unbalanced_n, t.lines_unbalanced_n, t.claims_n].map((v) => (v === true || v === false ? String(v) : v))),
        [0, 5, 6, 7, 8, 9, 10, 11],
        'Remittance transactions',
      )
    : html`<p>No transaction was loaded from this file.</p>`;
  const findingTable = findings.length
    ? htmlTable(['Claim', 'Payer', 'Finding', '835 paid', 'Ledger paid', 'Difference'], findings.map((f) => [f.claim_id, f.payer, f.finding, f.era_paid_usd, f.ledger_paid_usd, f.difference_usd].map((v) => (typeof v === 'boolean' ? String(v) : v))), [3, 4, 5], 'Claims that do not reconcile')
    : html`<p>Every claim of this file is in the ledger with the same paid amount.</p>`;
  return html`<h2>Remittance transactions (${txns.length})</h2>
<p>Each transaction's control totals: BPR02 must equal the claims paid less the provider-level adjustments (PLB), each claim's charge less paid must equal its adjustments, and so must each line's. A rejected row's line is the segment's position in the file (the ISA is 1).</p>
${txnTable}
<h2>Claims that do not reconcile with the ledger (${findings.length})</h2>
<p>Matched by claim id (CLP01). The 835 paid amount is the claim's total over every 835 loaded; the ledger's is its insurance payments less insurance refunds.</p>
${findingTable}`;
}
