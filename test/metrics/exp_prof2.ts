import { tmpdir } from 'node:os';
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
  const steps = [
   `CREATE TEMP TABLE delta AS SELECT claim_id, date_trunc('month', post_date)::DATE AS month_start, sum(CASE txn_type WHEN 'charge' THEN amount_usd WHEN 'refund' THEN amount_usd WHEN 'payment' THEN -amount_usd WHEN 'adjustment' THEN -amount_usd END) AS change_usd FROM fact_billing_txn WHERE txn_type <> 'transfer' GROUP BY ALL`,
   `CREATE TEMP TABLE seg AS SELECT claim_id, month_start AS from_m, coalesce(lead(month_start) OVER w, DATE '2030-01-01') AS until_m, sum(change_usd) OVER w AS balance_usd FROM delta WINDOW w AS (PARTITION BY claim_id ORDER BY month_start)`,
   `CREATE TEMP TABLE snap AS SELECT last_day(m.month_start) as_of_date, s.claim_id, s.balance_usd FROM seg s JOIN (SELECT unnest(generate_series(DATE '2020-01-01', DATE '2025-12-01', INTERVAL 1 MONTH))::DATE AS month_start) m ON m.month_start >= s.from_m AND m.month_start < s.until_m WHERE s.balance_usd > 0`,
   `CREATE TEMP TABLE aged AS SELECT s.as_of_date, c.location_id, c.provider_id, c.payer_id, c.payer_class, s.balance_usd, s.as_of_date - c.service_date AS age_days FROM snap s JOIN rollup_claim c USING (claim_id)`,
   `SELECT count(*) FROM snap`,
  ];
  for (const s of steps) { const t = Date.now(); const r = await c.runAndReadAll(s); console.log(Date.now() - t, s.slice(0, 40), r.getRows()[0]); }
});
