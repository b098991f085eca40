import { tmpdir } from 'node:os';
import { Warehouse } from '../../etl/warehouse/open.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
const N = Number(process.argv[2] ?? 2_000_000);
const wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [tmpdir() + '/pbexp'] });
await wh.withConnection(async (c) => {
  let t = Date.now();
  await c.run(`INSERT INTO dim_procedure SELECT '9921'||i, 1.3, 'x', 1 FROM range(6) r(i)`);
  await c.run(`INSERT INTO fact_billing_txn
    WITH cl AS (SELECT i, DATE '2020-01-01' + (i % 1800)::INT AS dos FROM range(${N}) r(i))
    SELECT 'T'||i||'-'||k, 'C'||i, 1, 'pk', 'P'||(i%30), 'L'||(i%5), 'PY'||(i%20), ['commercial','medicare','medicaid','self_pay'][i%4+1], '9921'||(i%6), 1,
      dos, dos + (k*10 + i%7)::INT,
      ['charge','payment','adjustment','adjustment','payment'][k+1], (CASE k WHEN 0 THEN 200 WHEN 1 THEN 100 WHEN 2 THEN 50 WHEN 3 THEN 10 ELSE 30 END)::DECIMAL(18,2),
      CASE WHEN k=1 THEN 'insurance' WHEN k=4 THEN 'patient' END, CASE WHEN k=2 THEN 'CO' WHEN k=3 THEN 'PR' END, CASE WHEN k=2 THEN (CASE WHEN i%10=0 THEN '16' ELSE '45' END) WHEN k=3 THEN '2' END, 'f', i
    FROM cl, range(5) kk(k)`);
  console.log('gen', Date.now() - t, 'ms');
  await c.run(`INSERT INTO fact_appointment SELECT 'A'||i,'pk','P'||(i%30),'L'||(i%5),'new', TIMESTAMP '2020-01-01 08:00' + INTERVAL (i%1800) DAY - INTERVAL 10 DAY, TIMESTAMP '2020-01-01 08:00' + INTERVAL (i%1800) DAY, 20, CASE WHEN i%20=0 THEN 'noshow' ELSE 'fulfilled' END, NULL, false, TIMESTAMP '2020-01-01 08:00' + INTERVAL (i%1800) DAY, TIMESTAMP '2020-01-01 08:30' + INTERVAL (i%1800) DAY, 'f', i FROM range(${N / 2}) r(i)`);
  await c.run(`INSERT INTO fact_payroll SELECT 'E'||e, 'n', ['provider','clinical','front_office','business_ops','ancillary'][e%5+1], 'L'||(e%5), DATE '2020-01-06' + (14*p)::INT, DATE '2020-01-06' + (14*p+13)::INT, DATE '2020-01-06' + (14*p+18)::INT, 80, 2, 0, 4000, 300, 500, 'f', 1 FROM range(100) a(e), range(130) b(p)`);
  t = Date.now();
  await c.run('BEGIN TRANSACTION');
  await rebuildRollups(c);
  await c.run('COMMIT');
  console.log('rebuild', Date.now() - t, 'ms');
  for (const tb of ['rollup_claim','rollup_flow_month','rollup_procedure_month','rollup_ar_month','rollup_visit','rollup_charges_day']) console.log(tb, (await c.runAndReadAll(`SELECT count(*)::INT FROM ${tb}`)).getRows()[0]);
});
