import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { Warehouse } from '../../etl/warehouse/open.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
const N = 2_000_000;
const wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [tmpdir() + '/pbexp'] });
await wh.withConnection(async (c) => {
  await c.run(`INSERT INTO fact_billing_txn
    WITH cl AS (SELECT i, DATE '2020-01-01' + (i % 1800)::INT AS dos FROM range(${N}) r(i))
    SELECT 'T'||i||'-'||k, 'C'||i, 1, 'pk', 'P'||(i%30), 'L'||(i%5), 'PY'||(i%20), ['commercial','medicare','medicaid','self_pay'][i%4+1], '9921'||(i%6), 1,
      dos, dos + (k*10 + i%7)::INT,
      ['charge','payment','adjustment','adjustment','payment'][k+1], (CASE k WHEN 0 THEN 200 WHEN 1 THEN 100 WHEN 2 THEN 50 WHEN 3 THEN 10 ELSE 30 END)::DECIMAL(18,2),
      CASE WHEN k=1 THEN 'insurance' WHEN k=4 THEN 'patient' END, CASE WHEN k=2 THEN 'CO' WHEN k=3 THEN 'PR' END, CASE WHEN k=2 THEN (CASE WHEN i%10=0 THEN '16' ELSE '45' END) WHEN k=3 THEN '2' END, 'f', i
    FROM cl, range(5) kk(k)`);
  await rebuildRollups(c);
  const file = process.argv[2] ?? 'ar_month.sql';
  const sql = readFileSync(`dashboards/rollups/${file}`, 'utf8').replace(/^[\s\S]*?CREATE OR REPLACE TABLE \w+ AS/, 'EXPLAIN ANALYZE ');
  const r = await c.runAndReadAll(sql);
  console.log(r.getRows().map((x) => x[1]).join('\n'));
});
