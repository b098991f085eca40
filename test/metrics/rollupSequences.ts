/**
 * Random (seeded) sequences of files for the incremental-rollup property test
 * (rollupsIncremental.test.ts): new billing files moving forward in time, corrections of
 * earlier rows (other dates, claims, groups, amounts), duplicates, appointments, payroll and
 * reference files, and files aimed at the A/R delta and its fallbacks (a claim regrouped or
 * re-dated, put in credit and back, paid to zero then refunded; a new last month; rows before
 * the first month). Each kind comes once early (in a seeded order), then at random.
 */
import type { SourceName } from '../../etl/sources/contract.ts';
import { Rng } from '../../demo/random.ts';

/** The project's own seeded generator (demo/random.ts), so every run is the same. */
function rng(seed: number): () => number {
  const r = new Rng(seed, 'rollup-sequences');
  return () => r.next();
}

type Row = Record<string, string>;

export function generator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + (from + int(0, span)) * 86_400_000).toISOString().slice(0, 10);
  let nextTxn = 1;
  let nextAppt = 1;
  const txns = new Map<string, Row>();
  const appts = new Map<string, Row>();
  const pays = new Map<string, Row>();

  let cursor = 0;
  let claimBase = 0;
  /** New rows move forward in time, like monthly exports (sometimes skipping months); corrections land anywhere. */
  const billingRow = (id: string, fresh = false): Row => {
    // A quarter of the new rows are posted late, dated back onto existing claims: they move
    // claims' first charge and adjudication dates, and so their events, to earlier months.
    const late = fresh && r() < 0.25;
    const offset = late ? int(0, cursor) : fresh ? cursor + int(0, 20) : int(0, 500);
    const service = day(offset, 0);
    const post = day(offset + (fresh ? int(0, 10) : int(0, 90)), 0);
    const type = pick(['charge', 'charge', 'payment', 'adjustment', 'refund', 'transfer'] as const);
    const [group, carc] = type === 'adjustment' ? pick([['CO', '45'], ['CO', '16'], ['PR', '2'], ['CO', '50'], ['', '']] as const) : ['', ''];
    const payer = pick([['PY1', 'medicare'], ['PY2', 'commercial']] as const);
    return {
      transaction_id: id, claim_id: late ? `N${int(0, claimBase)}` : fresh && r() < 0.8 ? `N${claimBase + int(0, 2)}` : `C${int(1, 6)}`, line_n: String(int(1, 2)), patient_id: `P${int(1, 5)}`,
      provider_id: pick(['PR01', 'PR02']), location_id: pick(['L1', 'L2']), payer_id: payer[0], payer_class: payer[1],
      procedure_code: pick(['99213', '99214', '99203']), units_n: String(int(1, 2)), service_date: service, post_date: post,
      txn_type: type, amount_usd: `${r() < 0.1 ? '-' : ''}${int(1, 400)}.${String(int(0, 99)).padStart(2, '0')}`,
      payment_source: type === 'payment' || type === 'refund' ? pick(['insurance', 'patient']) : '',
      adj_group: group, carc_code: carc,
    };
  };
  const apptRow = (id: string): Row => {
    const d = day(int(0, 500), 0);
    const status = pick(['fulfilled', 'fulfilled', 'noshow', 'cancelled', 'entered-in-error'] as const);
    return {
      appointment_id: id, patient_id: `P${int(1, 5)}`, provider_id: pick(['PR01', 'PR02']), location_id: pick(['L1', 'L2']),
      appt_type: 'established', booked_at: `${day(0, 10)} 08:00:00`, scheduled_start: `${d} 10:00:00`, duration_min: '20', status,
      cancelled_at: status === 'cancelled' ? `${d} 0${int(1, 9)}:00:00` : '',
      checked_in_at: status === 'fulfilled' ? `${d} 09:55:00` : '', checked_out_at: status === 'fulfilled' ? `${d} 10:${10 + int(0, 40)}:00` : '',
    };
  };
  const payrollRow = (emp: string, start: number): Row => ({
    employee_id: emp, employee_name: 'Test Person', job_class: pick(['clinical', 'provider', 'front_office']), location_id: pick(['L1', 'L2']),
    period_start: day(start, 0), period_end: day(start + 13, 0), check_date: day(start + 18, 0),
    regular_hours: `${int(20, 80)}.00`, overtime_hours: String(int(0, 8)), pto_hours: '0',
    gross_pay_usd: `${int(1000, 5000)}.00`, employer_tax_usd: `${int(50, 300)}.00`, benefits_usd: '100.00',
  });
  const fresh = <T>(map: Map<string, T>, n: number) => [...map.keys()].sort(() => r() - 0.5).slice(0, n);

  // Exact cents of decimal text (test-side arithmetic, independent of the product).
  const cents = (a: string): number => {
    const [w, f = '0'] = a.replace('-', '').split('.');
    return (a.startsWith('-') ? -1 : 1) * (Number(w) * 100 + Number(f.padEnd(2, '0')));
  };
  const usd = (c: number): string => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const SIGN: Record<string, number> = { charge: 1, refund: 1, payment: -1, adjustment: -1, transfer: 0 };
  /** Each claim's balance in cents over the rows stored now (A/R's own definition, computed here apart). */
  const balances = (): Map<string, number> => {
    const out = new Map<string, number>();
    for (const x of txns.values()) out.set(x.claim_id!, (out.get(x.claim_id!) ?? 0) + SIGN[x.txn_type!]! * cents(x.amount_usd!));
    return out;
  };
  /** A new posting on an existing claim, in its first row's group, `offset` days into the ledger (never before its date of service). */
  const posting = (claim: string, type: string, amount: number, offset: number): Row => {
    const like = [...txns.values()].find((x) => x.claim_id === claim)!;
    const post = day(offset, 0);
    return {
      ...like, transaction_id: `T${nextTxn++}`, txn_type: type, amount_usd: usd(amount), post_date: post < like.service_date! ? like.service_date! : post,
      payment_source: type === 'payment' || type === 'refund' ? 'insurance' : '', adj_group: type === 'adjustment' ? 'CO' : '', carc_code: type === 'adjustment' ? '45' : '',
    };
  };
  /** A claim, drawn at random, whose balance the predicate accepts. */
  const claimWhere = (ok: (b: number) => boolean): [string, number] | undefined => [...balances()].filter(([, b]) => ok(b)).sort(() => r() - 0.5)[0];
  const store = (rows: Row[]) => {
    for (const x of rows) txns.set(x.transaction_id!, x);
    return rows;
  };

  /** Files that exercise the A/R delta (and its fallbacks): each returns rows, or undefined when the ledger has no claim for it yet. */
  const AR_KINDS: Record<string, () => Row[] | undefined> = {
    // A re-exported first charge in another group, dated of service earlier: every month end of the claim moves group and age.
    'billing regroup': () => {
      const charges = [...txns.values()].filter((x) => x.txn_type === 'charge');
      if (charges.length === 0) return undefined;
      const x = pick(charges);
      const payer = pick([['PY1', 'medicare'], ['PY2', 'commercial'], ['PY3', 'medicaid']] as const);
      const service = new Date(Date.parse(x.service_date!) - int(0, 60) * 86_400_000).toISOString().slice(0, 10);
      return [{ ...x, location_id: pick(['L1', 'L2', 'L3']), provider_id: pick(['PR01', 'PR02', 'PR03']), payer_id: payer[0], payer_class: payer[1], service_date: service }];
    },
    // A payment beyond the balance puts a claim in credit; a later refund brings it back to zero or above.
    'billing credit': () => {
      const c = claimWhere((b) => b > 0);
      if (!c) return undefined;
      const over = int(1, 5000);
      const at = int(0, cursor);
      const rows = [posting(c[0], 'payment', c[1] + over, at)];
      if (r() < 0.7) rows.push(posting(c[0], 'refund', r() < 0.5 ? over : over + int(1, 3000), at + int(25, 70)));
      return rows;
    },
    // Paid to exactly zero (no row at the month ends after), then a refund months later re-opens it.
    'billing zero then refund': () => {
      const c = claimWhere((b) => b !== 0);
      if (!c) return undefined;
      const at = int(0, cursor);
      return [posting(c[0], c[1] > 0 ? 'payment' : 'refund', Math.abs(c[1]), at), posting(c[0], 'refund', int(1, 9000), at + int(31, 95))];
    },
    // Rows past the ledger's last month: new month ends for every open claim.
    'billing new month': () => {
      const last = Math.max(...[...txns.values()].map((x) => Date.parse(x.post_date!)));
      cursor = Math.max(cursor, Math.round((last - Date.UTC(2025, 0, 1)) / 86_400_000)) + int(35, 80);
      claimBase += 2;
      return [billingRow(`T${nextTxn++}`, true), { ...billingRow(`T${nextTxn++}`, true), service_date: day(cursor, 0), post_date: day(cursor + 25, 0), txn_type: 'charge' }];
    },
    // Rows before the ledger's first month (the month range moves earlier: the fallback).
    'billing backdated': () => {
      const c = claimWhere(() => true);
      if (!c) return undefined;
      return [{ ...posting(c[0], 'charge', int(100, 20000), -int(35, 120)), service_date: day(-int(130, 200), 0) }];
    },
  };
  const AR_NAMES = Object.keys(AR_KINDS);

  // Every kind early on (in a seeded order after a first billing file), then at random.
  const KINDS = [0.65, 0.75, 0.85, 0.4, 0.55, 0.95, ...AR_NAMES.map((_, i) => 1 + i)];
  const first = [0, ...KINDS.sort(() => r() - 0.5)];
  let n = 0;

  /** The next file to load: its source and rows (or 'duplicate' of an earlier file). */
  return (): { kind: string; source: SourceName; rows: Row[] } | { kind: 'duplicate' } => {
    // Half the draws past the first round are the A/R kinds.
    const k = first[n++] ?? (r() < 0.5 ? r() : 1 + Math.floor(r() * AR_NAMES.length));
    if (k >= 1) {
      const name = AR_NAMES[k - 1]!;
      const rows = AR_KINDS[name]!();
      if (rows) return { kind: name, source: 'billing', rows: store(rows) };
    }
    if (k < 0.3 || k >= 1 || txns.size === 0) {
      cursor += int(20, 100);
      claimBase += 2;
      const rows = Array.from({ length: int(1, 8) }, () => billingRow(`T${nextTxn++}`, true));
      for (const x of rows) txns.set(x.transaction_id!, x);
      return { kind: 'billing new', source: 'billing', rows };
    }
    if (k < 0.5) {
      const rows = fresh(txns, int(1, 4)).map((id) => billingRow(id));
      for (const x of rows) txns.set(x.transaction_id!, x);
      return { kind: 'billing corrected', source: 'billing', rows };
    }
    if (k < 0.6) return { kind: 'duplicate' };
    if (k < 0.72) {
      const ids = r() < 0.5 && appts.size > 0 ? fresh(appts, int(1, 3)) : Array.from({ length: int(1, 4) }, () => `A${nextAppt++}`);
      const rows = ids.map(apptRow);
      for (const x of rows) appts.set(x.appointment_id!, x);
      return { kind: 'appointments', source: 'appointments', rows };
    }
    if (k < 0.82) {
      const rows = [...new Set(Array.from({ length: int(1, 3) }, () => `E${int(1, 3)}|${int(0, 30) * 14}`))].map((key) => {
        const [emp, start] = key.split('|');
        return payrollRow(emp!, Number(start));
      });
      for (const x of rows) pays.set(`${x.employee_id}|${x.period_start}`, x);
      return { kind: 'payroll', source: 'payroll', rows };
    }
    if (k < 0.92) {
      const codes = [...new Set(Array.from({ length: int(1, 2) }, () => pick(['99213', '99214', '99203'])))];
      return { kind: 'rvus', source: 'rvus', rows: codes.map((c) => ({ procedure_code: c, work_rvu: `${int(0, 3)}.${int(10, 99)}` })) };
    }
    const fte = (): string => (r() < 0.3 ? '' : `0.${int(10, 99)}`);
    return { kind: 'providers', source: 'providers', rows: [{ provider_id: 'PR01', clinical_fte: fte(), location_id: 'L1' }, { provider_id: 'PR02', provider_name: 'Dr Two', clinical_fte: fte(), location_id: 'L2' }] };
  };
}

