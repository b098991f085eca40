/** Scratch measurement (not committed): the draft pack page over HTTP on the 24-month demo. */
import { startDemoServer } from './test/helpers/demoServer.ts';

const months = Number(process.env.MONTHS ?? 24);
const reps = Number(process.env.REPS ?? 3);
const s = await startDemoServer(months);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(label: string, path: string, n = 1) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await s.get(path);
    const body = await res.arrayBuffer();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    void body;
  }
  console.log(`${label.padEnd(48)} wall ${walls.map((w) => w.toFixed(0)).join('/')} ms (median ${median(walls).toFixed(0)}), cpu ${cpus.map((w) => w.toFixed(0)).join('/')} ms`);
}
const FILE = (id: string, amt: string) =>
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  `T93${id},C93${id},1,P9300001,PRV002,NGT,KMU,commercial,99214,1,2026-10-20,2026-10-21,charge,${amt},,,\n`;
async function upload(name: string, csv: string) {
  const f = new FormData();
  f.set('source', 'billing');
  f.set('file', new Blob([csv], { type: 'text/csv' }), name);
  const t0 = performance.now();
  const res = await s.post('/upload', f, { accept: 'application/json' });
  const j = await res.json();
  console.log(`upload ${name}: ${(j as { status: string }).status} in ${(performance.now() - t0).toFixed(0)} ms`);
}
await timed('first view /reports/2026-10 after start', '/reports/2026-10');
await timed('repeat view /reports/2026-10', '/reports/2026-10', reps);
await timed('PDF letter /reports/2026-10.pdf', '/reports/2026-10.pdf?size=letter', reps);
await timed('HTML /reports/2026-10.html', '/reports/2026-10.html', 1);
await upload('late1.csv', FILE('00000001', '250.00'));
await timed('view after a load', '/reports/2026-10');
await timed('repeat view after a load', '/reports/2026-10', reps);
// Approve two earlier months, then a load restating one, then a duplicate (a run with no detection).
for (const m of ['2026-08', '2026-09']) {
  const r = await s.post(`/reports/${m}/approve`, new URLSearchParams({ confirm: '1' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
  console.log(`approve ${m}: ${r.status}`);
}
await upload('late2.csv', FILE('00000002', '125.00').replace('2026-10-20,2026-10-21', '2026-09-20,2026-09-21'));
await timed('view 2026-10 after a load restating 2026-09', '/reports/2026-10');
await timed('view 2026-09 (approved) after it', '/reports/2026-09');
await upload('late2-again.csv', FILE('00000002', '125.00').replace('2026-10-20,2026-10-21', '2026-09-20,2026-09-21'));
await timed('view 2026-10 after a duplicate upload (run, no detection)', '/reports/2026-10');
await timed('view 2026-09 after a duplicate upload', '/reports/2026-09');
await s.close();
