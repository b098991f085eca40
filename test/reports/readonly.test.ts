/**
 * Reading a pack never writes: after a reload that restates an approved month, and the detection
 * step the server runs after such a load, the pack's web page, PDF and HTML and a draft of the
 * next month show the restatement as recorded, and are served without a row written to
 * report_restatement or report_pack; detecting again records it once. "Today" for a pack is the
 * practice's date.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import express from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../core/pool.ts';
import { buildPackModel } from '../../reports/build.ts';
import { currentPack } from '../../reports/deliver.ts';
import { approvePack, detectRestatements } from '../../reports/store.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { requestContext } from '../../server/requestContext.ts';
import { listenLoopback } from '../helpers/loopback.ts';

const LATE_CHARGE =
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  'T9300000001,C930000001,1,P9300001,PRV001,DTN,KMU,commercial,99213,1,2026-10-14,2026-10-17,charge,300.00,,,\n';

/** When the load's detection step ran: after October's approval (NOW). */
const DETECTED = new Date('2026-11-16T07:00:00Z');
const EARLIER_CHARGE = LATE_CHARGE.replace('T9300000001,C930000001', 'T9300000002,C930000002').replace('2026-10-14,2026-10-17', '2026-08-04,2026-08-05');

let demo: Demo;
let server: Server;
let pool: ConnectionPool;
let base: string;
const use = <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => demo.ctx.warehouse.use(fn);
/** Everything the restatement bookkeeping holds, as text. */
const bookkeeping = () =>
  use(async (c) => JSON.stringify([(await c.runAndReadAll('SELECT * FROM report_restatement ORDER BY ALL')).getRowsJson(), (await c.runAndReadAll('SELECT month, version, checked_runs_n FROM report_pack ORDER BY ALL')).getRowsJson()]));

beforeAll(async () => {
  demo = await openDemo();
  await use((c) => approvePack(c, '2026-10', 'Dana Reyes', () => NOW, { practiceName: PRACTICE, today: TODAY }));
  await demo.loadBilling('late-charge.csv', LATE_CHARGE);
  await demo.detect(DETECTED); // as the server does after a load that changed something
  const app = express();
  app.use((_req, res, next) => {
    res.locals.auth = { userId: 'u-dana', username: 'dana', displayName: 'Dana Reyes', role: 'manager', sessionKey: 'test' };
    res.locals.csrfToken = 'test-csrf-token'; // no CSRF check is mounted here; forms still carry a field
    next();
  });
  app.use(requestContext);
  pool = new ConnectionPool(demo.ctx.warehouse, 2);
  app.use(reportRoutes({ pool, today: () => TODAY, now: () => NOW, practiceName: PRACTICE }));
  ({ server, base } = await listenLoopback(app));
}, 180_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pool?.close();
  demo?.close();
});

describe('reading a pack', () => {
  it('writes nothing, and shows the restatement the load\'s detection step recorded', async () => {
    const before = await bookkeeping();
    expect(before).toContain('"2026-10"');
    const page = await (await fetch(`${base}/reports/2026-10`)).text();
    expect(page).toMatch(/Restatement: Gross charges for October 2026 was \$[\d,]+\.\d{2}, now \$[\d,]+\.\d{2}/);
    for (const path of ['/reports/2026-10.pdf', '/reports/2026-10.html', '/reports/2026-11', '/reports/2026-11.pdf?size=a4']) {
      expect((await fetch(base + path)).status, path).toBe(200);
    }
    const november = await use((c) => currentPack(c, { month: '2026-11', now: new Date('2026-11-15T16:00:00Z'), practiceName: PRACTICE }));
    expect(november.model.restatements.map((r) => r.key)).toContain('tile/gross_charges');
    expect(await bookkeeping()).toBe(before);
  }, 180_000);

  it('records it once in the explicit detection step', async () => {
    // Another load, so that detection compares October again: the same change stays one row.
    await demo.loadBilling('earlier-charge.csv', EARLIER_CHARGE);
    const at = new Date('2026-11-17T07:00:00Z');
    const rebuild = (c: DuckDBConnection) => (month: string) => buildPackModel(c, { month, today: '2026-11-17', practiceName: PRACTICE, now: at, restatements: 'none' });
    await use((c) => detectRestatements(c, rebuild(c)));
    await use((c) => detectRestatements(c, rebuild(c)));
    const rows = await use(async (c) => (await c.runAndReadAll("SELECT strftime(detected_at, '%Y-%m-%dT%H:%M:%S') FROM report_restatement WHERE item_key = 'tile/gross_charges'")).getRows());
    expect(rows).toEqual([['2026-11-16T07:00:00']]);
  }, 180_000);

  it('takes "today" in the practice\'s time zone', async () => {
    // 02:00 UTC on 1 November is still 31 October in New York: November has not begun there.
    const early = new Date('2026-11-01T02:00:00Z');
    await expect(use((c) => currentPack(c, { month: '2026-11', now: early, practiceName: PRACTICE, timezone: 'America/New_York' }))).rejects.toThrow(/2026-11/);
    const utc = await use((c) => currentPack(c, { month: '2026-11', now: early, practiceName: PRACTICE, timezone: 'UTC' }));
    expect(utc.model.month).toBe('2026-11');
  }, 180_000);
});
