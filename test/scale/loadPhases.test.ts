/**
 * Where a load's time goes: every finished load logs, with its "load finished" line, the wall
 * and CPU milliseconds of each phase (etl/load/phases.ts), which bench/etl.ts reads from the
 * CLI. The line names phases and counts, never a value of the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { captureLog } from '../helpers/appServer.ts';
import { csv } from '../helpers/rows.ts';
import { PhaseTimes } from '../../etl/load/phases.ts';

describe('load phase times', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h.close());

  it('adds up a repeated phase and keeps the order phases first ran in', () => {
    const t = new PhaseTimes();
    t.mark('a');
    t.mark('b');
    t.mark('a');
    const { wallMs, cpuMs } = t.toJSON();
    expect(Object.keys(wallMs)).toEqual(['a', 'b']);
    expect(Object.keys(cpuMs)).toEqual(['a', 'b']);
  });

  it('logs every phase of a load, with the hooks around the merge, and no value of the file', async () => {
    const log = captureLog('info');
    const path = h.file('phases.csv', csv('billing', [{ transaction_id: 'PH-T1', claim_id: 'PH-C1', patient_id: 'PATIENT-SECRET-77', amount_usd: '12.34' }]));
    const report = await h.load(
      { path, source: 'billing' },
      { logger: log.logger, beforeMerge: async () => undefined, afterMerge: async (conn) => void (await conn.run('SELECT 1')) },
    );
    expect(report.status).toBe('loaded');
    const line = log
      .text()
      .split('\n')
      .filter((l) => l.includes('"load finished"'))
      .map((l) => JSON.parse(l) as { phaseMs: { wallMs: Record<string, number>; cpuMs: Record<string, number> } })[0];
    expect(line).toBeDefined();
    // No hashing phase of its own: the scan takes the file's SHA-256 in its one pass.
    const phases = ['keyCheck', 'profile', 'scan', 'typing', 'count', 'repeatedKeys', 'totals', 'warnings', 'patientKeys', 'rejects', 'captureChange', 'merge', 'rollups', 'report', 'commit', 'cleanup'];
    expect(Object.keys(line!.phaseMs.wallMs)).toEqual(phases);
    expect(Object.keys(line!.phaseMs.cpuMs)).toEqual(phases);
    for (const v of [...Object.values(line!.phaseMs.wallMs), ...Object.values(line!.phaseMs.cpuMs)]) {
      expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
    expect(log.text()).not.toContain('PATIENT-SECRET-77');
    expect(log.text()).not.toContain('12.34');
  });
});
