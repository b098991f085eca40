/**
 * PHI at load time: patient identifiers are stored only as a keyed hash, identifying columns
 * a file carries are never stored, and neither logs, reports, reject reasons nor error
 * messages carry a patient value, even when rows are rejected and loads fail.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

const MARK = {
  patient: 'ZZPATIENT9137',
  name: 'ZZNAME-Quixote',
  dob: '1901-02-03',
  ssn: '999-12-3456',
};

let h: Harness;
let logText = '';
beforeEach(async () => {
  h = await openHarness();
  logText = '';
});
afterEach(() => h.close());

const logger = () =>
  createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logText += String(chunk);
        cb();
      },
    }),
  });

function fileWithPhi(bad: boolean): string {
  const cols = `${header('billing')},patient_name,dob,ssn`;
  const rows = [
    `${row('billing', { transaction_id: 'T1', patient_id: MARK.patient })},${MARK.name},${MARK.dob},${MARK.ssn}`,
    `${row('billing', { transaction_id: 'T2', patient_id: MARK.patient, service_date: bad ? MARK.patient : '2026-01-05' })},${MARK.name},${MARK.dob},${MARK.ssn}`,
    `${row('billing', { transaction_id: 'T3', patient_id: MARK.patient })},${MARK.name}`, // ragged: a CSV-level reject
  ];
  return [cols, ...rows].join('\n') + '\n';
}

const everyTableText = async () => {
  const tables = (await h.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'")).map((r) => String(r.table_name));
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = JSON.stringify(await h.rows(`SELECT * FROM "${t}"`));
  return out;
};

describe('PHI at load time', () => {
  it('stores no patient value anywhere but the admin quarantine, and there only the mapped id', async () => {
    const r = await h.load({ path: h.file('phi.csv', fileWithPhi(true)), source: 'billing' }, { rejectThreshold: 1, logger: logger() });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 });
    const tables = await everyTableText();
    for (const [table, text] of Object.entries(tables)) {
      if (table === 'etl_quarantine') continue; // admin-only, checked below
      for (const m of Object.values(MARK)) expect(text, `${table} holds ${m}`).not.toContain(m);
    }
    // Parsed rejected records keep mapped columns only: no name, birth date or SSN.
    const parsed = await h.rows('SELECT raw_record FROM etl_quarantine WHERE line_n = 3');
    expect(parsed).toHaveLength(1);
    expect(String(parsed[0]!.raw_record)).toContain(MARK.patient);
    for (const m of [MARK.name, MARK.dob, MARK.ssn]) expect(String(parsed[0]!.raw_record)).not.toContain(m);
    const reportText = JSON.stringify(r);
    for (const m of Object.values(MARK)) {
      expect(reportText).not.toContain(m);
      expect(logText).not.toContain(m);
    }
  });

  it('keeps patient values out of failure messages and logs when a load fails', async () => {
    const path = h.file('phi2.csv', fileWithPhi(false));
    // Force a failure inside the transaction, after the file's values have been read.
    const r = await h.load({ path, source: 'billing' }, {
      rejectThreshold: 1,
      logger: logger(),
      afterMerge: async (conn) => {
        await conn.run(`SELECT CAST('${MARK.patient}' AS INTEGER)`);
      },
    });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/phi2\.csv: the load failed \(Conversion Error\); nothing from it was kept/);
    for (const m of Object.values(MARK)) {
      expect(JSON.stringify(r)).not.toContain(m);
      expect(logText).not.toContain(m);
    }
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 0 }]);
    expect(await h.rows("SELECT status, error_code FROM etl_run")).toEqual([{ status: 'failed', error_code: 'LOAD_FAILED' }]);
  });
});
