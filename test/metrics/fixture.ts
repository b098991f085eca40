/**
 * The metric test fixture: a small practice whose every number was worked out by hand
 * (the arithmetic is in the tests). Inserted with SQL into a fresh in-memory warehouse, then
 * the rollups are rebuilt. Main period: March 2024 (a leap year: February has 29 days).
 *
 * Locations L1 North, L2 South. Roster: P1 (L1, clinical FTE 1.00), P2 (L2, 0.50), P3 (L2,
 * 0.80, never active, so never counted). Payers PY1 Medicare (medicare), PY2 Acme (commercial).
 * Work RVUs (CMS): 99203 1.60, 99213 1.30, 99214 1.92.
 *
 * Claims (every row of a claim carries the claim's location, provider and payer):
 *   claim loc prov payer DOS         charge posted      code x units  then
 *   C1    L1  P1   PY1   2024-03-04  $200 on 03-06      99214 x1      ins pay 120 + CO-45 60 (03-20), patient pay 20 (03-25) -> 0
 *   C2    L1  P1   PY2   2024-03-11  $150 on 03-12      99213 x2      CO-16 150 (03-28, a denial) -> 0
 *   C3    L2  P2   PY1   2024-03-04  $300 on 03-07      99203 x1      CO-45 100 + ins pay 150 (03-27), write-off without CARC 5
 *                                                                    and a transfer 45 (03-29) -> 45 open
 *   C4    L1  P1   PY2   2024-02-05  $150 on 02-06      99213 x1      ins pay 160 (02-26, overpaid: -10 credit), ins refund 10 (03-15) -> 0
 *   C5    L2  P2   PY1   2023-11-20  $200 on 2023-11-22 99214 x1      CO-50 40 (03-18, a denial) -> 160 open
 *   C6    L1  P1   PY1   2024-01-01  $100 on 01-01      99213 x1      ins pay 40 (02-15) -> 60 open
 *   C7    L1  P1   PY2   2024-01-02  $80 on 01-02       99213 x1      nothing -> 80 open
 *   C8    L2  P2   PY2   2023-12-15  $120 on 2023-12-20 99213 x1      CO-45 20 (01-10) -> 100 open
 *   C9    L2  P2   PY1   2024-02-14  $90 on 02-16       99214 x1      PR-2 10 + ins pay 50 (03-10) -> 30 open
 *
 * Appointments (March unless said; P1 at L1, P2 at L2):
 *   A1  P1 Mon 03-04 09:00 fulfilled, booked 02-20, in 08:55 out 09:40 (45 min)
 *   A2  P1 Mon 03-11 14:00 fulfilled, booked 03-01, in 14:05 out 14:35 (30 min)
 *   A3  P2 Mon 03-04 10:00 fulfilled, booked 03-01, in 09:50 out 10:50 (60 min)
 *   A4  P1 Wed 03-06 09:00 noshow
 *   A5  P1 Thu 03-07 10:00 cancelled 03-06 11:00, 23 h before: late
 *   A6  P1 Fri 03-08 10:00 cancelled 03-07 09:00, 25 h before: not late
 *   A7  P2 Sat 03-09 10:00 fulfilled, booked 03-02, no check-in/out times (a weekend: no clinic day)
 *   A8  P1 Mon 03-04 11:00 fulfilled, booked 03-04 07:00, in 10:58 out 11:20 (22 min)
 *   A9  P1 Tue 03-12 09:00 entered-in-error (counts nowhere)
 *   A10 P1 Mon 02-05 09:00 fulfilled, booked 01-29, in 09:00 out 09:20 (February)
 *
 * Payroll (pay periods: a 02-26..03-10, b 03-11..03-24, c 03-25..04-07; e semi-monthly 03-01..03-15):
 *   E1 provider     L1  b: reg 80                       cost 9000 + 600 + 800
 *   E2 clinical     L1  a: reg 80 + OT 10 (1.125 FTE, capped to 1.0)   cost 3000 + 230 + 400
 *                       b: reg 80                       cost 2800 + 214 + 400
 *                       c: reg 72 (0.9 FTE)             cost 2600 + 199 + 400 (ends in April)
 *   E3 front_office L1  a: reg 40 + PTO 40 (0.5 FTE)    cost 1200 + 92 + 200
 *                       b: reg 60 (0.75 FTE)            cost 1500 + 115 + 200
 *                       c: reg 80 (1.0 FTE)             cost 2000 + 153 + 200 (ends in April)
 *   E4 business_ops L2  b: reg 80 + OT 4 (capped 1.0)   cost 2500 + 190 + 300
 *   E5 ancillary    L2  e: reg 60 over 15 days (60 / (40 x 15/7) = 0.7 FTE)  cost 1100 + 84 + 0
 *
 * Budget (ref_budget), March 2024: gross_charges_usd ALL 600 and L1 400; collections_usd ALL 400;
 * payroll_cost_usd L1 20000 and L2 5000 (no ALL row); visits_n ALL 6; rent_usd ALL 1000.
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../core/warehouse/open.ts';
import { rebuildRollups, type RebuildOptions } from '../../dashboards/rollups/rebuild.ts';

const DIMENSIONS = `
INSERT INTO dim_location VALUES ('L1', 'North', 'fixture', 1), ('L2', 'South', 'fixture', 2);
INSERT INTO dim_provider VALUES
  ('P1', 'Dr One', '1234567893', 'family medicine', 1.00, 'L1', 'fixture', 1),
  ('P2', 'Dr Two', '1234567894', 'family medicine', 0.50, 'L2', 'fixture', 2),
  ('P3', 'Dr Three', NULL, 'family medicine', 0.80, 'L2', 'fixture', 3);
INSERT INTO dim_payer VALUES ('PY1', 'Medicare', 'medicare', 'fixture', 1), ('PY2', 'Acme Health', 'commercial', 'fixture', 2);
-- The reference seed (003) may already hold these CMS values; they are the same.
INSERT OR IGNORE INTO dim_procedure VALUES ('99203', 1.60, 'seed:cms', 1), ('99213', 1.30, 'seed:cms', 2), ('99214', 1.92, 'seed:cms', 3);
INSERT OR REPLACE INTO ref_carc VALUES
  ('16', 'Claim/service lacks information or has submission/billing error(s).', 'denial'),
  ('45', 'Charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement.', 'contractual'),
  ('50', 'These are non-covered services because this is not deemed a ''medical necessity'' by the payer.', 'denial');
`;

// transaction_id, claim, line, patient_key, provider, location, payer, class, code, units, DOS, post, type, amount, source, group, carc
const LEDGER = `
INSERT INTO fact_billing_txn
SELECT *, 'fixture' AS file_id, row_number() OVER () AS source_line FROM (VALUES
  ('T01', 'C1', 1, 'k1', 'P1', 'L1', 'PY1', 'medicare',   '99214', 1, DATE '2024-03-04', DATE '2024-03-06', 'charge',     200.00, NULL, NULL, NULL),
  ('T02', 'C1', 1, 'k1', 'P1', 'L1', 'PY1', 'medicare',   '99214', 1, DATE '2024-03-04', DATE '2024-03-20', 'payment',    120.00, 'insurance', NULL, NULL),
  ('T03', 'C1', 1, 'k1', 'P1', 'L1', 'PY1', 'medicare',   '99214', 1, DATE '2024-03-04', DATE '2024-03-20', 'adjustment',  60.00, NULL, 'CO', '45'),
  ('T04', 'C1', 1, 'k1', 'P1', 'L1', 'PY1', 'medicare',   '99214', 1, DATE '2024-03-04', DATE '2024-03-25', 'payment',     20.00, 'patient', NULL, NULL),
  ('T05', 'C2', 1, 'k2', 'P1', 'L1', 'PY2', 'commercial', '99213', 2, DATE '2024-03-11', DATE '2024-03-12', 'charge',     150.00, NULL, NULL, NULL),
  ('T06', 'C2', 1, 'k2', 'P1', 'L1', 'PY2', 'commercial', '99213', 2, DATE '2024-03-11', DATE '2024-03-28', 'adjustment', 150.00, NULL, 'CO', '16'),
  ('T07', 'C3', 1, 'k3', 'P2', 'L2', 'PY1', 'medicare',   '99203', 1, DATE '2024-03-04', DATE '2024-03-07', 'charge',     300.00, NULL, NULL, NULL),
  ('T08', 'C3', 1, 'k3', 'P2', 'L2', 'PY1', 'medicare',   '99203', 1, DATE '2024-03-04', DATE '2024-03-27', 'adjustment', 100.00, NULL, 'CO', '45'),
  ('T09', 'C3', 1, 'k3', 'P2', 'L2', 'PY1', 'medicare',   '99203', 1, DATE '2024-03-04', DATE '2024-03-27', 'payment',    150.00, 'insurance', NULL, NULL),
  ('T10', 'C3', 1, 'k3', 'P2', 'L2', 'PY1', 'medicare',   '99203', 1, DATE '2024-03-04', DATE '2024-03-29', 'adjustment',   5.00, NULL, NULL, NULL),
  ('T11', 'C3', 1, 'k3', 'P2', 'L2', 'PY2', 'commercial', '99203', 1, DATE '2024-03-04', DATE '2024-03-29', 'transfer',    45.00, NULL, NULL, NULL),
  ('T12', 'C4', 1, 'k4', 'P1', 'L1', 'PY2', 'commercial', '99213', 1, DATE '2024-02-05', DATE '2024-02-06', 'charge',     150.00, NULL, NULL, NULL),
  ('T13', 'C4', 1, 'k4', 'P1', 'L1', 'PY2', 'commercial', '99213', 1, DATE '2024-02-05', DATE '2024-02-26', 'payment',    160.00, 'insurance', NULL, NULL),
  ('T14', 'C4', 1, 'k4', 'P1', 'L1', 'PY2', 'commercial', '99213', 1, DATE '2024-02-05', DATE '2024-03-15', 'refund',      10.00, 'insurance', NULL, NULL),
  ('T15', 'C5', 1, 'k5', 'P2', 'L2', 'PY1', 'medicare',   '99214', 1, DATE '2023-11-20', DATE '2023-11-22', 'charge',     200.00, NULL, NULL, NULL),
  ('T16', 'C5', 1, 'k5', 'P2', 'L2', 'PY1', 'medicare',   '99214', 1, DATE '2023-11-20', DATE '2024-03-18', 'adjustment',  40.00, NULL, 'CO', '50'),
  ('T17', 'C6', 1, 'k6', 'P1', 'L1', 'PY1', 'medicare',   '99213', 1, DATE '2024-01-01', DATE '2024-01-01', 'charge',     100.00, NULL, NULL, NULL),
  ('T18', 'C6', 1, 'k6', 'P1', 'L1', 'PY1', 'medicare',   '99213', 1, DATE '2024-01-01', DATE '2024-02-15', 'payment',     40.00, 'insurance', NULL, NULL),
  ('T19', 'C7', 1, 'k7', 'P1', 'L1', 'PY2', 'commercial', '99213', 1, DATE '2024-01-02', DATE '2024-01-02', 'charge',      80.00, NULL, NULL, NULL),
  ('T20', 'C8', 1, 'k8', 'P2', 'L2', 'PY2', 'commercial', '99213', 1, DATE '2023-12-15', DATE '2023-12-20', 'charge',     120.00, NULL, NULL, NULL),
  ('T21', 'C8', 1, 'k8', 'P2', 'L2', 'PY2', 'commercial', '99213', 1, DATE '2023-12-15', DATE '2024-01-10', 'adjustment',  20.00, NULL, 'CO', '45'),
  ('T22', 'C9', 1, 'k9', 'P2', 'L2', 'PY1', 'medicare',   '99214', 1, DATE '2024-02-14', DATE '2024-02-16', 'charge',      90.00, NULL, NULL, NULL),
  ('T23', 'C9', 1, 'k9', 'P2', 'L2', 'PY1', 'medicare',   '99214', 1, DATE '2024-02-14', DATE '2024-03-10', 'adjustment',  10.00, NULL, 'PR', '2'),
  ('T24', 'C9', 1, 'k9', 'P2', 'L2', 'PY1', 'medicare',   '99214', 1, DATE '2024-02-14', DATE '2024-03-10', 'payment',     50.00, 'insurance', NULL, NULL)
);
`;

// appointment_id, patient_key, provider, location, type, booked_at, scheduled_start, duration, status, cancelled_at, late_cancel, in, out
const APPOINTMENTS = `
INSERT INTO fact_appointment
SELECT *, 'fixture' AS file_id, row_number() OVER () AS source_line FROM (VALUES
  ('A1',  'k1', 'P1', 'L1', 'established', TIMESTAMP '2024-02-20 10:00', TIMESTAMP '2024-03-04 09:00', 20, 'fulfilled', NULL::TIMESTAMP, false, TIMESTAMP '2024-03-04 08:55', TIMESTAMP '2024-03-04 09:40'),
  ('A2',  'k2', 'P1', 'L1', 'established', TIMESTAMP '2024-03-01 12:00', TIMESTAMP '2024-03-11 14:00', 20, 'fulfilled', NULL, false, TIMESTAMP '2024-03-11 14:05', TIMESTAMP '2024-03-11 14:35'),
  ('A3',  'k3', 'P2', 'L2', 'new',         TIMESTAMP '2024-03-01 08:00', TIMESTAMP '2024-03-04 10:00', 40, 'fulfilled', NULL, false, TIMESTAMP '2024-03-04 09:50', TIMESTAMP '2024-03-04 10:50'),
  ('A4',  'k4', 'P1', 'L1', 'established', TIMESTAMP '2024-03-01 09:00', TIMESTAMP '2024-03-06 09:00', 20, 'noshow',    NULL, false, NULL, NULL),
  ('A5',  'k5', 'P1', 'L1', 'established', TIMESTAMP '2024-03-01 09:00', TIMESTAMP '2024-03-07 10:00', 20, 'cancelled', TIMESTAMP '2024-03-06 11:00', true, NULL, NULL),
  ('A6',  'k6', 'P1', 'L1', 'established', TIMESTAMP '2024-03-01 09:00', TIMESTAMP '2024-03-08 10:00', 20, 'cancelled', TIMESTAMP '2024-03-07 09:00', false, NULL, NULL),
  ('A7',  'k7', 'P2', 'L2', 'established', TIMESTAMP '2024-03-02 09:00', TIMESTAMP '2024-03-09 10:00', 20, 'fulfilled', NULL, false, NULL, NULL),
  ('A8',  'k8', 'P1', 'L1', 'established', TIMESTAMP '2024-03-04 07:00', TIMESTAMP '2024-03-04 11:00', 20, 'fulfilled', NULL, false, TIMESTAMP '2024-03-04 10:58', TIMESTAMP '2024-03-04 11:20'),
  ('A9',  'k9', 'P1', 'L1', 'established', TIMESTAMP '2024-03-01 09:00', TIMESTAMP '2024-03-12 09:00', 20, 'entered-in-error', NULL, false, NULL, NULL),
  ('A10', 'k4', 'P1', 'L1', 'established', TIMESTAMP '2024-01-29 09:00', TIMESTAMP '2024-02-05 09:00', 20, 'fulfilled', NULL, false, TIMESTAMP '2024-02-05 09:00', TIMESTAMP '2024-02-05 09:20')
);
`;

// employee, name, job class, location, period start, end, check date, regular, OT, PTO, gross, tax, benefits
const PAYROLL = `
INSERT INTO fact_payroll
SELECT *, 'fixture' AS file_id, row_number() OVER () AS source_line FROM (VALUES
  ('E1', 'Employee One',   'provider',     'L1', DATE '2024-03-11', DATE '2024-03-24', DATE '2024-03-29', 80.00,  0.00,  0.00, 9000.00, 600.00, 800.00),
  ('E2', 'Employee Two',   'clinical',     'L1', DATE '2024-02-26', DATE '2024-03-10', DATE '2024-03-15', 80.00, 10.00,  0.00, 3000.00, 230.00, 400.00),
  ('E2', 'Employee Two',   'clinical',     'L1', DATE '2024-03-11', DATE '2024-03-24', DATE '2024-03-29', 80.00,  0.00,  0.00, 2800.00, 214.00, 400.00),
  ('E2', 'Employee Two',   'clinical',     'L1', DATE '2024-03-25', DATE '2024-04-07', DATE '2024-04-12', 72.00,  0.00,  0.00, 2600.00, 199.00, 400.00),
  ('E3', 'Employee Three', 'front_office', 'L1', DATE '2024-02-26', DATE '2024-03-10', DATE '2024-03-15', 40.00,  0.00, 40.00, 1200.00,  92.00, 200.00),
  ('E3', 'Employee Three', 'front_office', 'L1', DATE '2024-03-11', DATE '2024-03-24', DATE '2024-03-29', 60.00,  0.00,  0.00, 1500.00, 115.00, 200.00),
  ('E3', 'Employee Three', 'front_office', 'L1', DATE '2024-03-25', DATE '2024-04-07', DATE '2024-04-12', 80.00,  0.00,  0.00, 2000.00, 153.00, 200.00),
  ('E4', 'Employee Four',  'business_ops', 'L2', DATE '2024-03-11', DATE '2024-03-24', DATE '2024-03-29', 80.00,  4.00,  0.00, 2500.00, 190.00, 300.00),
  ('E5', 'Employee Five',  'ancillary',    'L2', DATE '2024-03-01', DATE '2024-03-15', DATE '2024-03-20', 60.00,  0.00,  0.00, 1100.00,  84.00,   0.00)
);
`;

// month, line, location, planned value
const BUDGET = `
INSERT INTO ref_budget
SELECT *, 'fixture' AS file_id, row_number() OVER () AS source_line FROM (VALUES
  (DATE '2024-03-01', 'gross_charges_usd', 'ALL',   600.00),
  (DATE '2024-03-01', 'gross_charges_usd', 'L1',    400.00),
  (DATE '2024-03-01', 'collections_usd',   'ALL',   400.00),
  (DATE '2024-03-01', 'payroll_cost_usd',  'L1',  20000.00),
  (DATE '2024-03-01', 'payroll_cost_usd',  'L2',   5000.00),
  (DATE '2024-03-01', 'visits_n',          'ALL',     6.00),
  (DATE '2024-03-01', 'rent_usd',          'ALL',  1000.00)
);
`;

export const MARCH = { from: '2024-03-01', to: '2024-03-31' } as const;

export interface FixtureOptions extends RebuildOptions {
  /** Leave out the roster's clinical FTEs, so provider FTE comes from payroll. */
  readonly withoutRosterFte?: boolean;
}

/** A fresh in-memory warehouse holding the fixture, rollups built. Close it after use. */
export async function openFixture(options: FixtureOptions = {}): Promise<Warehouse> {
  // The folder only gives DuckDB's allow-list an entry: the in-memory warehouse writes nothing
  // there, so it is removed once the warehouse is open (each run used to leave one per fixture).
  const dir = mkdtempSync(join(tmpdir(), 'pb-metrics-'));
  const wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [dir] }).finally(() => rmSync(dir, { recursive: true, force: true }));
  await wh.use(async (conn) => {
    await conn.run(DIMENSIONS);
    await conn.run(LEDGER);
    await conn.run(APPOINTMENTS);
    await conn.run(PAYROLL);
    await conn.run(BUDGET);
    if (options.withoutRosterFte) await conn.run('UPDATE dim_provider SET clinical_fte = NULL');
    await rebuildRollups(conn, options);
  });
  return wh;
}

/** Runs `fn` with a connection to a fresh fixture warehouse, then closes it. */
export async function withFixture<T>(fn: (conn: DuckDBConnection) => Promise<T>, options: FixtureOptions = {}): Promise<T> {
  const wh = await openFixture(options);
  try {
    return await wh.use(fn);
  } finally {
    wh.close();
  }
}

/**
 * The fixture shared by a test file: opened before its tests, `onOpen` given the connection,
 * closed after them.
 */
export function sharedFixture(onOpen: (conn: DuckDBConnection) => void): void {
  let wh: Warehouse | undefined;
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    wh = await openFixture();
    conn = await wh.connect();
    onOpen(conn);
  });
  afterAll(() => {
    conn?.closeSync();
    wh?.close();
  });
}
