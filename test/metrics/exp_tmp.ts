import { tmpdir } from 'node:os';
import { Warehouse } from '../../etl/warehouse/open.ts';
import { rebuildRollups, ROLLUP_TABLES } from '../../dashboards/rollups/rebuild.ts';
const wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [tmpdir() + '/pbexp'] });
await wh.withConnection(async (c) => {
  await c.run(`INSERT INTO fact_billing_txn VALUES
   ('t1','C1',1,'pk','P1','L1','PY1','medicare','99213',1,'2024-01-10','2024-01-12','charge',200,NULL,NULL,NULL,'f',1),
   ('t2','C1',1,'pk','P1','L1','PY1','medicare','99213',1,'2024-01-10','2024-02-12','payment',100,'insurance',NULL,NULL,'f',2),
   ('t3','C1',1,'pk','P1','L1','PY1','medicare','99213',1,'2024-01-10','2024-02-12','adjustment',50,NULL,'CO','45','f',3)`);
  await c.run(`INSERT INTO fact_appointment VALUES ('a1','pk','P1','L1','new','2024-01-01 10:00','2024-01-10 09:00',30,'fulfilled',NULL,false,'2024-01-10 09:00','2024-01-10 09:45','f',1)`);
  await c.run(`INSERT INTO fact_payroll VALUES ('E1','x','clinical','L1','2024-01-01','2024-01-14','2024-01-19',80,4,0,3000,200,100,'f',1)`);
  await rebuildRollups(c);
  for (const t of ROLLUP_TABLES) { const r = await c.runAndReadAll(`SELECT * FROM ${t}`); console.log(t, r.getRowObjectsJson()); }
});
