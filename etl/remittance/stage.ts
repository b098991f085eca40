/**
 * Staging of a remittance file: one temporary table per warehouse table, all text, filled by
 * DuckDB appenders as transactions are read (outside any transaction, so nothing persistent
 * changes while the file is read), then copied into the warehouse tables, which cast each
 * value to its column type, inside the load's one transaction.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { claimDifference, lineDifference, usd, type TransactionBalance } from './balance.ts';
import { CLAIM_STATUS, type Remittance } from './model.ts';

export const STAGED_TABLES = ['remit_transaction', 'remit_claim', 'remit_line', 'remit_adjustment', 'remit_remark', 'remit_plb'] as const;
type Table = (typeof STAGED_TABLES)[number];
type Cell = string | number | null;

const stg = (t: Table): string => `stg_${t}`;
const COLUMNS_OF = "SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND database_name <> 'temp' ORDER BY column_index";

export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of STAGED_TABLES) await conn.run(`DROP TABLE IF EXISTS temp.${stg(t)}`);
}

export class Staging {
  #open = true;

  private constructor(private readonly appenders: ReadonlyMap<Table, DuckDBAppender>) {}

  static async open(conn: DuckDBConnection): Promise<Staging> {
    await dropStaging(conn);
    const appenders = new Map<Table, DuckDBAppender>();
    for (const t of STAGED_TABLES) {
      const cols = (await conn.runAndReadAll(COLUMNS_OF, { t })).getRows();
      await conn.run(`CREATE TEMP TABLE ${stg(t)} (${cols.map((c) => `"${String(c[0])}" VARCHAR`).join(', ')})`);
      appenders.set(t, await conn.createAppender(stg(t), null, 'temp'));
    }
    return new Staging(appenders);
  }

  #row(t: Table, cells: readonly Cell[]): void {
    const a = this.appenders.get(t)!;
    for (const c of cells) {
      if (c === null) a.appendNull();
      else a.appendVarchar(String(c));
    }
    a.endRow();
  }

  /** Stage one transaction; `fileId` and `runId` name the load. */
  add(fileId: string, runId: string, traceKey: string, r: Remittance, b: TransactionBalance): void {
    const m = (c: number | null): string | null => (c === null ? null : usd(c));
    this.#row('remit_transaction', [
      fileId, runId, r.position, r.isaControl, r.gsControl, r.stControl, r.version, r.handling, r.traceNumber, traceKey,
      r.payerId, r.payerName, r.payeeId, r.payeeName, r.paymentMethod, r.creditDebit, r.paymentDate, r.productionDate,
      usd(r.totalPaidCents), usd(b.claimsPaidCents), usd(b.plbCents), usd(b.paymentDifferenceCents), b.claimsUnbalanced, b.linesUnbalanced, r.claims.length,
    ]);
    for (const c of r.claims) {
      this.#row('remit_claim', [
        fileId, r.position, c.position, c.claimId, c.statusCode, CLAIM_STATUS[c.statusCode]!, usd(c.chargeCents), usd(c.paidCents), m(c.patientRespCents),
        c.filingIndicator, c.payerClaimControl, c.statementFrom, c.statementTo, c.receivedDate, m(c.interestCents), m(c.promptPayCents), usd(claimDifference(c)),
      ]);
      for (const a of c.adjustments) this.#row('remit_adjustment', [fileId, c.position, null, a.position, a.group, a.carc, usd(a.amountCents), a.quantity]);
      for (const x of c.remarks) this.#row('remit_remark', [fileId, c.position, null, x.rarc, x.from]);
      for (const l of c.lines) {
        this.#row('remit_line', [
          fileId, c.position, l.position, l.qualifier, l.procedureCode, l.modifiers.join(':'), l.revenueCode, usd(l.chargeCents), usd(l.paidCents), l.units,
          l.serviceDate, l.serviceDateTo, m(l.allowedCents), l.controlNumber, usd(lineDifference(l)),
        ]);
        for (const a of l.adjustments) this.#row('remit_adjustment', [fileId, c.position, l.position, a.position, a.group, a.carc, usd(a.amountCents), a.quantity]);
        for (const x of l.remarks) this.#row('remit_remark', [fileId, c.position, l.position, x.rarc, x.from]);
      }
    }
    for (const p of r.plb) this.#row('remit_plb', [fileId, r.position, p.position, p.providerId, p.fiscalDate, p.reason, p.reference, usd(p.amountCents)]);
  }

  /** Flush and close the appenders; closing again does nothing. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const a of this.appenders.values()) a.closeSync();
  }
}

/** Copy the staged rows into the warehouse tables (inside the caller's transaction). */
export async function mergeStaged(conn: DuckDBConnection): Promise<void> {
  for (const t of STAGED_TABLES) await conn.run(`INSERT INTO ${t} SELECT * FROM temp.${stg(t)}`);
}
