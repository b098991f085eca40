/**
 * Every request parameter of the dashboards and the data API, fuzzed with SQL-injection and
 * path-traversal strings: each answer is a 400 (or 404 for a path) or a correct page, never a
 * 500, never data that is not there, and the warehouse is unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
beforeAll(async () => {
  s = await startDemoServer();
}, 600_000);
afterAll(() => s?.close());

const NASTY = [
  "' OR 1=1 --",
  "'; DROP TABLE fact_billing_txn; --",
  '1; DELETE FROM etl_run',
  "DTN' UNION SELECT patient_key FROM fact_billing_txn --",
  '%27%20OR%201%3D1',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  "read_csv('/etc/passwd')",
  '<script>alert(1)</script>',
  'x'.repeat(5000),
  '\u0000',
  '2026-10-01\' --',
];
const PARAMS = ['period', 'month', 'from', 'to', 'compare', 'location', 'provider', 'payerClass', 'asOf'];
const PATHS = ['/', '/financial', '/collections', '/staffing', '/api/dashboards/financial/mix-provider.json', '/api/dashboards/collections/ar-aging.csv'];

async function counts(): Promise<unknown> {
  return s.ctx.warehouse.use(async (c) =>
    (await c.runAndReadAll('SELECT (SELECT count(*) FROM fact_billing_txn)::INTEGER, (SELECT count(*) FROM etl_run)::INTEGER, (SELECT count(*) FROM dim_location)::INTEGER')).getRows(),
  );
}

describe('fuzzed parameters', () => {
  it('answers 400 or a correct page for every nasty value in every parameter, and changes nothing', async () => {
    const before = await counts();
    const statuses = new Map<number, number>();
    const cases = PATHS.flatMap((path) => PARAMS.flatMap((param) => NASTY.map((value) => ({ path, param, value }))));
    // A few requests in flight at once (the server's rendering overlaps its queries), each answer checked alone.
    const queue = [...cases];
    const client = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const { path, param, value } = c;
        const sep = path.includes('?') ? '&' : '?';
        const res = await s.get(`${path}${sep}${param}=${encodeURIComponent(value)}`);
        const body = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 400], `${path} ${param}=${value.slice(0, 30)}`).toContain(res.status);
        // An HTML answer escapes what it echoes; a JSON answer is data, never rendered as HTML.
        if ((res.headers.get('content-type') ?? '').includes('html')) expect(body).not.toContain('<script>alert(1)</script>');
        else expect(res.headers.get('content-type')).toMatch(/json|csv/);
        expect(body).not.toMatch(/root:x:0:0|DuckDB|Error:|\bat [\w.]+ \(/);
      }
    };
    // On a failed check the other clients stop taking cases (the failure is reported as it was).
    await Promise.all(Array.from({ length: 4 }, () => client().catch((e: unknown) => {
      queue.length = 0;
      throw e;
    })));
    // Every case was asked and answered.
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(PATHS.length * PARAMS.length * NASTY.length);
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('refuses traversal in path segments', async () => {
    for (const path of ['/api/dashboards/..%2F..%2Fetc/passwd.csv', '/api/dashboards/financial/..%2F..%2Fpasswd.csv', '/etl/runs/..%2F..%2Fetc%2Fpasswd', '/etl/runs/r20260101-000000-abcdef/rejected.csv']) {
      const res = await s.get(path);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text()).not.toContain('root:x:0:0');
    }
  });
});
