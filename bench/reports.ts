/**
 * Board pack benchmark (not a test): builds one month's pack (model from the metric catalog and
 * the PDF) over the demo practice with a 10-million-row ledger, in a fresh child process so its
 * peak memory is the pack's own, and reports time and peak RSS. Figures go to docs/benchmarks.md.
 *
 *   npm run bench:reports [-- --rows 10000000 --month 2026-10 --repeat 3]
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { buildPackModel } from '../reports/build.ts';
import { renderPackPdf } from '../reports/pdf/render.ts';
import { writeSection } from './docs.ts';
import { warehouseFor } from './warehouse.ts';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, month: { type: 'string', default: '2026-10' }, repeat: { type: 'string', default: '3' }, child: { type: 'boolean', default: false } } });
const NOW = new Date('2026-11-15T15:00:00Z');

async function child(): Promise<void> {
  const ctx = await warehouseFor(Number(args.rows));
  const t0 = performance.now();
  const { pdf, pages } = await ctx.warehouse.use(async (conn) => {
    const model = await buildPackModel(conn, { month: args.month, today: '2026-11-15', practiceName: ctx.config.practiceName, now: NOW });
    const bytes = await renderPackPdf(model, { pageSize: 'letter', commentary: {}, status: { state: 'draft' } });
    return { pdf: bytes, pages: (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
  });
  const ms = performance.now() - t0;
  ctx.close();
  console.log(JSON.stringify({ ms, bytes: pdf.length, pages, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

async function main(): Promise<void> {
  (await warehouseFor(Number(args.rows))).close(); // build the warehouse once, outside the measured runs
  const runs: { ms: number; bytes: number; pages: number; maxRssBytes: number }[] = [];
  for (let i = 0; i < Number(args.repeat); i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/reports.ts', '--child', '--rows', args.rows, '--month', args.month], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!));
    console.log(`run ${i + 1}: ${runs[i]!.ms.toFixed(0)} ms, ${(runs[i]!.maxRssBytes / 2 ** 20).toFixed(0)} MB`);
  }
  const med = <T>(xs: T[], f: (x: T) => number) => xs.map(f).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; median of ${runs.length} runs, each in a fresh process (warehouse already built and open-time excluded).`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| warehouse | demo practice with a ${Number(args.rows).toLocaleString('en-US')}-row billing ledger |`,
    `| pack of ${args.month}: model and Letter PDF (target under 3 s) | **${(med(runs, (r) => r.ms) / 1000).toFixed(2)} s** |`,
    `| peak memory of the process, max RSS (target under 400 MB) | **${(med(runs, (r) => r.maxRssBytes) / 2 ** 20).toFixed(0)} MB** |`,
    `| PDF | ${runs[0]!.pages} pages, ${(runs[0]!.bytes / 1024).toFixed(0)} KB |`,
  ];
  console.log(lines.join('\n'));
  writeSection('reports', lines.join('\n'));
}

if (args.child) await child();
else await main();
