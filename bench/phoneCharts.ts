/**
 * What drawing each chart a second time, for a phone (dashboards/charts/variants.ts), costs per
 * dashboard page, in process: each page built (buildPage, as the route does) with no charts
 * (its queries alone), with the wide charts, and with wide and phone charts, in alternating
 * rounds; the CPU time of the process (user + system, all threads, process.cpuUsage) of each
 * build, median of the rounds. The drawing cost is the difference of the medians. Also the
 * characters the charts add to the page body (what the page cache keeps).
 *
 *   nice -n 10 npx tsx bench/phoneCharts.ts [--months 13] [--rounds 7]
 */
import { parseArgs } from 'node:util';
import { parseFilters, filtersToQuery } from '../dashboards/filters/index.ts';
import { buildPage, inSnapshot, type PageContext, type PageId } from '../dashboards/pages/index.ts';
import { startAppServer } from '../test/helpers/appServer.ts';

const { values: args } = parseArgs({ options: { months: { type: 'string', default: '13' }, rounds: { type: 'string', default: '7' } } });
const PAGES: PageId[] = ['overview', 'financial', 'collections', 'staffing'];
const TODAY = '2026-11-15';
const MODES = { queries: { draw: false }, wide: { phoneCharts: false }, both: {} } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const s = await startAppServer({ months: Number(args.months) });
try {
  const parsed = parseFilters({ month: '2026-10' }, { today: TODAY });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const filters = parsed.value;
  const rows: string[] = [];
  for (const page of PAGES) {
    const cpu: Record<keyof typeof MODES, number[]> = { queries: [], wide: [], both: [] };
    const chars = { wide: 0, narrow: 0, charts: 0 };
    for (let round = 0; round < Number(args.rounds) + 1; round++) {
      for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) {
        await s.pool.use((conn) => inSnapshot(conn, async () => {
          const ctx: PageContext = { conn, filters, today: TODAY, query: filtersToQuery(filters), drill: () => '', chartWidth: 1200, ...MODES[mode] };
          const t0 = process.cpuUsage();
          const model = await buildPage(page, ctx);
          const used = process.cpuUsage(t0);
          // The first round warms up (module and query caches) and is not counted.
          if (round > 0) cpu[mode].push((used.user + used.system) / 1000);
          if (mode === 'both') {
            chars.wide = model.sections.reduce((a, x) => a + (x.svg?.length ?? 0), 0);
            chars.narrow = model.sections.reduce((a, x) => a + (x.narrowSvg?.length ?? 0), 0);
            chars.charts = model.sections.filter((x) => x.narrowSvg).length;
          }
        }));
      }
    }
    const [q, w, b] = [median(cpu.queries), median(cpu.wide), median(cpu.both)];
    rows.push(`| ${page} | ${chars.charts} | ${q.toFixed(0)} | ${(w - q).toFixed(0)} | ${(b - w).toFixed(0)} | ${((b - w) / (w - q) * 100).toFixed(0)}% | ${(chars.wide / 1024).toFixed(0)} kB + ${(chars.narrow / 1024).toFixed(0)} kB |`);
  }
  console.log(`Demo practice, ${args.months} months, October 2026; median of ${args.rounds} rounds; CPU ms (user + system) of one page build.\n`);
  console.log('| page | charts | queries alone | wide charts | phone charts add | phone / wide | chart text in the body (wide + phone) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await s.close();
}
