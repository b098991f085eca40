/**
 * Files for the 835 case of the ETL benchmark: `claims` claim payments as one X12 835 file
 * (transactions of 1,000 claims, one service line each with a CO-45 and a PR-2 adjustment), and
 * the same facts as a canonical billing CSV (per claim: the charge, the insurance payment, the
 * contractual adjustment and the patient-responsibility transfer: 4 rows). Deterministic.
 */
import { writeFileSync } from 'node:fs';

const PER_TXN = 1000;

export function writeEra835(path: string, claims: number): void {
  const segs: string[] = ['ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHPRACTICE  *260110*1200*^*00501*000000001*0*P*:', 'GS*HP*BENCHPAYER*BENCHPRACTICE*20260110*1200*1*X*005010X221A1'];
  let txns = 0;
  for (let start = 0; start < claims; start += PER_TXN) {
    const n = Math.min(PER_TXN, claims - start);
    const control = String(++txns).padStart(4, '0');
    const body = [`BPR*I*${(n * 120).toFixed(2)}*C*ACH************20260110`, `TRN*1*BENCH${control}*1BENCH`, 'N1*PR*BENCH PAYER*XV*BENCH', 'N1*PE*BENCH PRACTICE*XX*1234567890', 'LX*1'];
    for (let i = start; i < start + n; i++) {
      body.push(`CLP*B${i}*1*200.00*120.00*30.00*12*PB${i}`, 'NM1*QC*1*DOE*JANE****MI*W000000000', `SVC*HC:99213*200.00*120.00**1`, 'DTM*472*20260105', 'CAS*CO*45*50.00', 'CAS*PR*2*30.00', 'AMT*B6*150.00');
    }
    segs.push(`ST*835*${control}*005010X221A1`, ...body, `SE*${body.length + 2}*${control}`);
  }
  segs.push(`GE*${txns}*1`, 'IEA*1*000000001');
  writeFileSync(path, segs.join('~\n') + '~\n');
}

export function writeEra835AsCsv(path: string, claims: number): number {
  const lines = ['transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code'];
  const row = (t: string, claim: number, type: string, amount: string, source = '', group = '', carc = '') =>
    `${t},B${claim},1,P${claim % 5000},PR01,L1,BENCH,commercial,99213,1,2026-01-05,2026-01-10,${type},${amount},${source},${group},${carc}`;
  for (let i = 0; i < claims; i++) {
    lines.push(row(`B${i}-1`, i, 'charge', '200.00'), row(`B${i}-2`, i, 'payment', '120.00', 'insurance'), row(`B${i}-3`, i, 'adjustment', '50.00', '', 'CO', '45'), row(`B${i}-4`, i, 'transfer', '30.00', '', 'PR', '2'));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return claims * 4;
}
