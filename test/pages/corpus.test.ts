/**
 * Real-world-shaped exports (demo/corpus.ts, seeded) loaded through the canonical profiles
 * into the real app, read over HTTP signed in: every page and every data API section of every
 * month answers 200; ids that are names filter, drill and download, URL-encoded, and come back
 * exactly; names that two locations share are told apart; October's FTE is taken over the 24
 * days payroll covers; a practice with appointments but no billing opens on its own month and
 * shows no payroll as a dash, not $0.00. Expected figures are computed here from the raw files
 * (papaparse), never through the product's code.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_MONTHS, writeCorpus, type CorpusSource } from '../../demo/corpus.ts';
import { LOAD_ORDER } from '../../etl/inbox.ts';
import type { Client } from '../auth/authApp.ts';
import { TEST_PARAMS } from '../auth/authApp.ts';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';

const PAGES = ['/', '/financial', '/collections', '/staffing'] as const;
const dir = mkdtempSync(join(tmpdir(), 'pb-corpus-'));
const corpus = writeCorpus(join(dir, 'files'), 7);

const rowsOf = (file: string): Record<string, string>[] => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
const toCents = (s: string) => Math.round(Number(s) * 100);

async function practice(files: Partial<Record<CorpusSource, string>>): Promise<{ s: AppServer; admin: Client }> {
  const s = await startAppServer({ passwordParams: TEST_PARAMS, configure: (c) => ({ ...c, demo: { ...c.demo, loadWhenEmpty: false } }) });
  for (const source of LOAD_ORDER) {
    const file = files[source as CorpusSource];
    if (!file) continue;
    const inbox = join(s.ctx.config.paths.inbox, source);
    mkdirSync(inbox, { recursive: true });
    copyFileSync(file, join(inbox, `corpus-${source}.csv`));
  }
  const reports = await s.ctx.etl.scan({ settleMs: 0 });
  expect(reports.map((r) => [r.source, r.status, r.rowsRejected])).toEqual(
    LOAD_ORDER.filter((src) => files[src as CorpusSource]).map((src) => [src, 'loaded', 0]),
  );
  return { s, admin: await s.as('admin') };
}

async function text(c: Client, path: string): Promise<string> {
  const res = await c.get(path);
  const body = await res.text();
  expect(res.status, `${path}: ${body.slice(0, 300)}`).toBe(200);
  return body;
}

const decode = (html: string) => html.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
const sectionIds = (html: string, page: string) => [...new Set([...html.matchAll(new RegExp(`/api/dashboards/${page}/([a-z0-9-]+)\\.csv`, 'g'))].map((m) => m[1]!))];
/** A tile's value, exact: the title of a value shown in readable units, else as displayed. */
function tileValue(page: string, metricId: string): string {
  const m = new RegExp(`id="t-${metricId}"[\\s\\S]*?<p class="value"><span(?: title="([^"]+)")?>([^<]+)`).exec(page);
  if (!m) throw new Error(`no tile ${metricId}`);
  return (m[1] ?? m[2]!).trim();
}

describe('a practice whose ids are names', () => {
  let s: AppServer;
  let admin: Client;
  beforeAll(async () => ({ s, admin } = await practice(corpus.names)), 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('answers 200 for every page and data API section of every month', async () => {
    for (const month of CORPUS_MONTHS) {
      for (const path of PAGES) {
        const html = await text(admin, `${path}?month=${month}`);
        const page = path === '/' ? 'overview' : path.slice(1);
        const ids = sectionIds(html, page);
        expect(ids.length, `${path} ${month}`).toBeGreaterThan(0);
        expect(html).not.toContain('could not be drawn');
        for (const id of ids) await text(admin, `/api/dashboards/${page}/${id}.json?month=${month}`);
      }
    }
  }, 300_000);

  it('filters by every location and provider id, URL-encoded, and round-trips them exactly in links', async () => {
    const ids = { location: rowsOf(corpus.names.locations!).map((r) => r.location_id!), provider: rowsOf(corpus.names.providers!).map((r) => r.provider_id!) };
    for (const [param, values] of Object.entries(ids)) {
      for (const id of values) {
        const q = `month=2026-10&${param}=${encodeURIComponent(id)}`;
        for (const path of PAGES) {
          const html = await text(admin, `${path}?${q}`);
          expect(decode(html)).toContain(`<option value="${id}" selected>`);
        }
        await text(admin, `/api/dashboards/financial/mix-location.csv?${q}`);
      }
    }
    // Drill links from the mix tables carry the ids URL-encoded; following them gives the id back.
    const html = await text(admin, '/financial?month=2026-10');
    const links = [...html.matchAll(/href="(\/financial\?[^"]*(?:location|provider)=[^"]*)"/g)].map((m) => decode(m[1]!));
    const linked = new Set(links.map((l) => new URLSearchParams(l.split('?')[1]).get('location') ?? new URLSearchParams(l.split('?')[1]).get('provider')));
    for (const id of [...ids.location, ...ids.provider]) expect(linked.has(id), id).toBe(true);
    for (const link of links) await text(admin, link);
  }, 120_000);

  it('tells apart two locations of one name, with charges equal to the raw file', async () => {
    const billing = rowsOf(corpus.names.billing!).filter((r) => r.txn_type === 'charge' && r.post_date!.startsWith('2026-10'));
    const expected = new Map<string, number>();
    for (const r of billing) expected.set(r.location_id!, (expected.get(r.location_id!) ?? 0) + toCents(r.amount_usd!));
    const res = await admin.get('/api/dashboards/financial/mix-location.json?month=2026-10');
    const json = (await res.json()) as { columns: string[]; rows: unknown[][] };
    const [label, key, charges] = ['location', 'location_key', 'charges_usd'].map((c) => json.columns.indexOf(c));
    const got = new Map(json.rows.map((r) => [String(r[key!]), { label: String(r[label!]), cents: toCents(String(r[charges!])) }]));
    expect(new Map([...got].map(([k, v]) => [k, v.cents]))).toEqual(expected);
    expect(got.get('Harbor View, Suite 200')?.label).toBe('Harbor View (Harbor View, Suite 200)');
    expect(got.get('SANTA LUZIA')?.label).toBe('Harbor View (SANTA LUZIA)');
    // The dropdown tells them apart the same way.
    const page = decode(await text(admin, '/financial?month=2026-10'));
    expect(page).toContain('<option value="SANTA LUZIA">Harbor View (SANTA LUZIA)</option>');
  });

  it('takes October FTE over the 24 days payroll covers', async () => {
    // By hand from payroll.csv: every pay period, each employee: clinical 80 h and 90 h (capped) = 1.0 + 1.0,
    // front office 1.0, business ops 40 / 80 = 0.5, provider 1.0. October is covered 10-01..10-24, each day by
    // the same staff, so the FTE are those of one pay period (over 31 days they read 24/31 of it).
    const json = (await (await admin.get('/api/dashboards/staffing/fte-by-job-class.json?month=2026-10')).json()) as { columns: string[]; rows: unknown[][] };
    const fte = Object.fromEntries(json.rows.map((r) => [r[0], Number(Number(r[json.columns.indexOf('fte')]).toFixed(6))]));
    expect(fte).toEqual({ business_ops: 0.5, clinical: 2, front_office: 1, provider: 1 });
    // Support staff 3.5 FTE per roster provider FTE 1.00 + 0.80 + 1.00 = 2.8 (all three active in October).
    const page = await text(admin, '/staffing?month=2026-10');
    expect(tileValue(page, 'support_fte_per_provider_fte')).toBe((3.5 / 2.8).toFixed(2));
  });

  it('shows a manager no job class of fewer than 3 employees (pay by person is the admin\'s)', async () => {
    // By hand from payroll.csv: 2 clinical, 1 front office, 1 business ops and 1 provider employees,
    // so no class reaches 3 on its own and a manager sees one merged group of all 5 (FTE 2 + 1 + 0.5 + 1).
    const manager = await s.as('manager');
    const json = (await (await manager.get('/api/dashboards/staffing/fte-by-job-class.json?month=2026-10')).json()) as { columns: string[]; rows: unknown[][] };
    expect(json.rows).toHaveLength(1);
    expect(Number(Number(json.rows[0]![json.columns.indexOf('fte')]).toFixed(6))).toBe(4.5);
    const exact = (await (await admin.get('/api/dashboards/staffing/fte-by-job-class.json?month=2026-10')).json()) as { rows: unknown[][] };
    expect(exact.rows).toHaveLength(4);
  });

  it("withholds a small location's pay from a manager, and its complement's, everywhere (pay by person is the admin's)", async () => {
    // By hand from payroll.csv: in October Harbor View paid 3 people, SANTA LUZIA and Clínica São João 1 each.
    // The two small ones are withheld, and Harbor View too: the practice total less Harbor View would be their 2 people.
    const manager = await s.as('manager');
    const json = async (url: string) => (await (await manager.get(url)).json()) as { columns: string[]; rows: unknown[][] };
    for (const location of ['SANTA LUZIA', 'Harbor View, Suite 200']) {
      const q = `month=2026-10&location=${encodeURIComponent(location)}`;
      const page = await (await manager.get(`/staffing?${q}`)).text();
      for (const id of ['payroll_cost', 'payroll_cost_per_visit', 'support_cost_pct_collections']) expect(tileValue(page, id), `${location} ${id}`).toBe('\u2014');
      expect(page).toContain('paid fewer than 3 people');
      const trend = await json(`/api/dashboards/staffing/payroll-cost.json?${q}`);
      expect(trend.rows.at(-1)![trend.columns.indexOf('payroll_cost_usd')]).toBeNull();
      const classes = await json(`/api/dashboards/staffing/fte-by-job-class.json?${q}`);
      expect(classes.rows.length).toBeGreaterThan(0);
      for (const r of classes.rows) expect(r[classes.columns.indexOf('payroll_cost_usd')]).toBeNull();
      expect((await manager.get(`/why/payroll_cost?${q}`)).status).toBe(403);
    }
    // The whole practice pays 5 people: a manager sees its payroll cost.
    expect(tileValue(await (await manager.get('/staffing?month=2026-10')).text(), 'payroll_cost')).not.toBe('\u2014');
    // The admin sees SANTA LUZIA's one employee: two pay periods end in October, each 80 h x $25 = $2,000.00
    // + 7.65% employer tax $153.00 + $300.00 benefits = $2,453.00.
    const q = 'month=2026-10&location=SANTA%20LUZIA';
    expect(tileValue(await (await admin.get(`/staffing?${q}`)).text(), 'payroll_cost')).toContain('4,906');
    expect((await admin.get(`/why/payroll_cost?${q}`)).status).toBe(200);
  });

  it('shows the A/R roll-forward tied to the cent, and the denial reversed in September apart', async () => {
    const json = (await (await admin.get('/api/dashboards/collections/ar-roll-forward.json?month=2026-10')).json()) as { columns: string[]; rows: unknown[][] };
    expect(json.rows.map((r) => r[0])).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    const at = (c: string) => json.columns.indexOf(c);
    for (const r of json.rows) expect(r[at('unexplained_usd')]).toBe('0.00');
    // Claim 7's patient overpaid $25.00: a credit balance once paid.
    const credit = rowsOf(corpus.names.billing!).some((r) => r.claim_id!.startsWith('CLM 7,') && r.txn_type === 'payment' && r.payment_source === 'patient');
    expect(json.rows.at(-1)![at('credit_end_usd')]).toBe(credit ? '25.00' : '0.00');
    const billing = rowsOf(corpus.names.billing!);
    const reversals = billing.filter((r) => r.txn_type === 'adjustment' && Number(r.amount_usd) < 0);
    const month = reversals[0]!.post_date!.slice(0, 7);
    const rev = (await (await admin.get(`/api/dashboards/collections/denial-reversals.json?month=${month}`)).json()) as { rows: unknown[][] };
    expect(rev.rows.map((r) => [r[0], r[4]])).toEqual([['16', (-Number(reversals[0]!.amount_usd)).toFixed(2)]]);
  });
});

describe('a practice with appointments but no billing', () => {
  let s: AppServer;
  let admin: Client;
  beforeAll(async () => ({ s, admin } = await practice(corpus['appointments-only'])), 120_000);
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens on the data's newest full month, and every page and section answers 200", async () => {
    // The schedule ends in late September 2026: its newest full month is August (today is 2026-11-15).
    const last = rowsOf(corpus['appointments-only'].appointments!).map((r) => r.scheduled_start!.slice(0, 10)).sort().at(-1)!;
    expect(last < '2026-09-30').toBe(true);
    for (const path of PAGES) {
      const html = await text(admin, path);
      expect(html).toContain('August 2026');
      const page = path === '/' ? 'overview' : path.slice(1);
      for (const month of ['', 'month=2026-08', 'month=2026-09']) {
        const body = await text(admin, `${path}?${month}`);
        expect(body).not.toContain('could not be drawn');
        for (const id of sectionIds(body, page)) await text(admin, `/api/dashboards/${page}/${id}.json?${month}`);
      }
    }
  }, 120_000);

  it('shows payroll and collections it does not have as a dash, never $0.00', async () => {
    const page = await text(admin, '/staffing');
    expect(tileValue(page, 'payroll_cost')).toBe('\u2014');
    expect(tileValue(page, 'support_cost_pct_collections')).toBe('\u2014');
    // Visits it does have: August's fulfilled appointments in the raw file.
    const visits = rowsOf(corpus['appointments-only'].appointments!).filter((r) => r.status === 'fulfilled' && r.scheduled_start!.startsWith('2026-08')).length;
    expect(tileValue(page, 'visits')).toBe(String(visits));
  });

  it("names on the pack's cover only the data it was prepared from", async () => {
    const pack = await text(admin, '/reports/2026-08');
    expect(pack).toMatch(/Prepared [^<]* from the practice(?:'|&#39;)s appointment data; no billing and payroll data covers August 2026\./);
  });
});
