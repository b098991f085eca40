/**
 * Builds hand-written 835 files for tests. Segments are written with '*' between elements and
 * ':' between components and rendered with the separators a test asks for; ST/SE are added
 * with the right segment count unless a test overrides it.
 */

export interface Dialect {
  readonly element?: string;
  readonly component?: string;
  readonly segment?: string;
  /** Written after every segment terminator ('' for none). */
  readonly newline?: string;
  readonly version?: '5010' | '4010';
}

export interface Txn {
  readonly control: string;
  readonly body: readonly string[];
  /** Override SE01 (segment count). */
  readonly seCount?: number;
  /** Leave the SE out. */
  readonly noSe?: boolean;
}

const pad = (s: string, n: number): string => s.padEnd(n, ' ').slice(0, n);

export function isa(control: string, d: Dialect = {}): string {
  const el = d.element ?? '*';
  const v4010 = d.version === '4010';
  const parts = ['ISA', '00', pad('', 10), '00', pad('', 10), 'ZZ', pad('PAYERSENDER', 15), 'ZZ', pad('PRACTICE', 15), '240110', '1200', v4010 ? 'U' : '^', v4010 ? '00401' : '00501', control.padStart(9, '0'), '0', 'P'];
  return parts.join(el) + el + (d.component ?? ':');
}

function render(seg: string, d: Dialect): string {
  return seg.replaceAll('*', d.element ?? '*').replaceAll(':', d.component ?? ':');
}

/** One interchange with one functional group holding `txns`. */
export function interchange(control: string, txns: readonly Txn[], d: Dialect = {}): string {
  const term = (d.segment ?? '~') + (d.newline ?? '');
  const version = d.version === '4010' ? '004010X091A1' : '005010X221A1';
  const out: string[] = [isa(control, d)];
  out.push(render(`GS*HP*PAYERSENDER*PRACTICE*20240110*1200*${Number(control)}*X*${version}`, d));
  for (const t of txns) {
    out.push(render(d.version === '4010' ? `ST*835*${t.control}` : `ST*835*${t.control}*${version}`, d));
    out.push(...t.body.map((s) => render(s, d)));
    if (!t.noSe) out.push(render(`SE*${t.seCount ?? t.body.length + 2}*${t.control}`, d));
  }
  out.push(render(`GE*${txns.length}*${Number(control)}`, d));
  out.push(render(`IEA*1*${control.padStart(9, '0')}`, d));
  return out.join(term) + term;
}

/** The payment header of a transaction: BPR, TRN, DTM*405, payer and payee. */
export function header(o: { paid: string; trace: string; payer: string; payerId: string; method?: string; date?: string }): string[] {
  const date = o.date ?? '20240110';
  return [
    `BPR*I*${o.paid}*C*${o.method ?? 'CHK'}************${date}`,
    `TRN*1*${o.trace}*1${o.payerId}`,
    `DTM*405*${date}`,
    `N1*PR*${o.payer}*XV*${o.payerId}`,
    'N3*1 PAYER WAY',
    'N4*CITY*ST*12345',
    'N1*PE*DEMO PRACTICE*XX*1234567890',
  ];
}
