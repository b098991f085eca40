/**
 * The rollups' cheaper SQL gives exactly what its previous text gave. Each file changed for speed
 * is kept verbatim as it was under reference/ (`<table>.date-trunc.sql`: the month of a row by
 * date_trunc, the denial flag of rollup_claim by an AND over every row; for the flows and the
 * procedure mix the older `<table>.before.sql`, which monthSqlFastPaths.test.ts also holds them
 * to, so one frozen text per table suffices), and the query as it
 * is now must give the same rows (EXCEPT ALL both ways) with the same column types, over three
 * warehouses: the demo practice's generated ledger, the names corpus (ids with commas, spaces,
 * quotes and accents), and a seeded random sequence of loads (corrections of earlier rows,
 * reversals, credits, zero balances then refunds, claims spanning months and regrouped); in
 * full, with the house rules and with other rules, and narrowed as the partial paths run it
 * (months markers, claim ranges, claim scope). The month expression is also checked against
 * date_trunc on every calendar day of years 1 to 9999, independently of any ledger.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus, type CorpusSource } from '../../demo/corpus.ts';
import { generateLedger } from '../../demo/generate.ts';
import { rebuildRollups, ruleLists } from '../../dashboards/rollups/rebuild.ts';
import type { SourceName } from '../../etl/sources/contract.ts';
import { generator } from '../metrics/rollupSequences.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { compareQueries, sqlOf, type Narrow } from './sqlIdentity.ts';

const TABLES = ['claim', 'flow_month', 'procedure_month', 'denial', 'ar_month', 'ar_flow_month'] as const;
/** The frozen previous text of each table (see the top of this file). */
const REFERENCE: Record<(typeof TABLES)[number], string> = {
  claim: 'claim.date-trunc.sql',
  flow_month: 'flow_month.before.sql',
  procedure_month: 'procedure_month.before.sql',
  denial: 'denial.date-trunc.sql',
  ar_month: 'ar_month.date-trunc.sql',
  ar_flow_month: 'ar_flow_month.date-trunc.sql',
};
const CASES = TABLES.map((name) => ({
  name,
  before: sqlOf(new URL(`./reference/${REFERENCE[name]}`, import.meta.url)),
  now: sqlOf(new URL(`../../dashboards/rollups/${name}.sql`, import.meta.url)),
}));

// Other rules than the house's, which still leave CO-16 (the corpus's denials) a denial.
const OTHER_RULES = ruleLists({ rules: { contractual: ['CO-45', 'CO-97'], patientShare: ['PR-2', 'OA-23'] } });

/** The three warehouses, each loaded through the real loader and its rollups rebuilt. */
const WAREHOUSES: { readonly label: string; readonly fill: (h: Harness) => Promise<void> }[] = [
  {
    label: 'the demo practice',
    fill: async (h) => {
      const ledger = h.file('ledger.csv', '');
      await generateLedger({ outPath: ledger, rows: 15_000, seed: 5 });
      expect((await h.load({ path: ledger, source: 'billing' })).status).toBe('loaded');
    },
  },
  {
    label: 'the names corpus',
    fill: async (h) => {
      const corpus = writeCorpus(join(h.dir, 'corpus'), 7);
      for (const [source, path] of Object.entries(corpus.names)) {
        expect((await h.load({ path: path!, source: source as CorpusSource })).status, source).toBe('loaded');
      }
    },
  },
  {
    label: 'a random sequence of loads',
    fill: async (h) => {
      const next = generator(23);
      for (let i = 0; i < 60; i++) {
        const f = next();
        if (!('source' in f)) continue;
        const report = await h.load({ path: h.file(`r-${i}.csv`, csv(f.source as SourceName, f.rows)), source: f.source as SourceName, fileName: `r-${i}.csv` });
        expect(['loaded', 'duplicate'], `load ${i} (${f.kind}): ${report.message ?? ''}`).toContain(report.status);
      }
    },
  },
];

describe.each(WAREHOUSES)('on $label', ({ fill }) => {
  let h: Harness;
  let months: string[] = [];
  let midClaim = '';
  beforeAll(async () => {
    h = await openHarness();
    await fill(h);
    await h.warehouse.use((c) => rebuildRollups(c));
    const facts = await h.rows(
      `SELECT list(DISTINCT strftime(post_date, '%Y-%m-01') ORDER BY strftime(post_date, '%Y-%m-01'))
                FILTER (WHERE txn_type = 'adjustment' AND carc_code IS NOT NULL) AS months,
              quantile_disc(claim_id, 0.5) AS mid
       FROM fact_billing_txn`,
    );
    const all = (facts[0]!.months as string[]) ?? [];
    // Months with adjustments carrying a CARC (so every table has rows in them): the first two
    // and the last, a run and a month apart, as a partial refresh narrows them.
    months = [all[0], all[1], all[all.length - 1]].filter((m): m is string => typeof m === 'string');
    midClaim = String(facts[0]!.mid);
    expect(all.length).toBeGreaterThan(1);
    expect(months.length).toBe(3);
  }, 240_000);
  afterAll(() => h?.close());

  describe.each(CASES)('$name', ({ name, before, now }) => {
    it.each([
      ['the house rules', ruleLists()],
      ['other rules', OTHER_RULES],
    ])('gives exactly the previous rows and column types with %s', async (_label, lists) => {
      const r = await compareQueries(h, before, now, lists);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.differ).toBe(0);
      expect(r.typesNow).toEqual(r.typesBefore);
    });

    it('gives exactly the previous rows narrowed as its partial path narrows it', async () => {
      const narrow: Narrow =
        name === 'claim'
          ? { claimRange: midClaim }
          : name === 'ar_month' || name === 'ar_flow_month'
            ? { claims: `claim_id <= '${midClaim.replaceAll("'", "''")}'` }
            : { months };
      const r = await compareQueries(h, before, now, ruleLists(), narrow);
      expect(r.rows).toBeGreaterThan(0);
      expect(r.differ).toBe(0);
    });
  });
});

it("pb_month_start (migration 065) gives every calendar day of years 1 to 9999 the first day of its month, as date_trunc('month', d)::DATE does", async () => {
  const h = await openHarness();
  try {
    const [row] = await h.rows(
      `SELECT count(*)::INTEGER AS days,
              count(*) FILTER (WHERE pb_month_start(d) IS DISTINCT FROM date_trunc('month', d)::DATE)::INTEGER AS differ,
              count(*) FILTER (WHERE pb_month_start(d) = DATE '2026-02-01')::INTEGER AS feb_2026
       FROM (SELECT CAST(t AS DATE) AS d FROM generate_series(TIMESTAMP '0001-01-01', TIMESTAMP '9999-12-31', INTERVAL 1 DAY) r(t))`,
    );
    // 9999 years of the proleptic Gregorian calendar: 3,652,059 days; February 2026 has 28.
    expect(row).toEqual({ days: 3_652_059, differ: 0, feb_2026: 28 });
  } finally {
    h.close();
  }
}, 120_000);
