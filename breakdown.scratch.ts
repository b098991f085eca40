/** Scratch: where a draft pack's time goes (in-process, 24-month demo, after a warm-up build). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './server/config.ts';
import { openContext } from './server/context.ts';
import { createLogger } from './server/log.ts';
import { seedDemoData } from './test/helpers/demoCache.ts';
import { monthFilters } from './reports/build.ts';
import { buildPackModel } from './reports/build.ts';
import { buildPage, inSnapshot, type PageContext } from './dashboards/pages/index.ts';
import { filtersToQuery } from './dashboards/filters/index.ts';
import { presentPage } from './dashboards/present/index.ts';
import { buildStory } from './dashboards/bridge/index.ts';
import { completenessNotes } from './reports/completeness.ts';
import { renderPackPdf } from './reports/pdf/render.ts';
import { PACK_SECTIONS } from './reports/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'pb-bd-'));
const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
const config = { ...base, demo: { ...base.demo, months: 24 } };
await seedDemoData(config);
const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
const today = '2026-11-15';
async function t<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(40)} wall ${(performance.now() - t0).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`);
  return r;
}
await ctx.warehouse.use(async (conn) => {
  for (let round = 0; round < 2; round++) {
    console.log(`-- round ${round + 1}`);
    const filters = monthFilters('2026-10', today);
    const pctx: PageContext = { conn, filters, today, query: filtersToQuery(filters), drill: () => '' };
    await inSnapshot(conn, async () => {
      let fresh;
      for (const id of PACK_SECTIONS) {
        const page = await t(`buildPage ${id} (queries + charts)`, () => buildPage(id, pctx));
        fresh = page.freshness;
        await t(`presentPage ${id}`, async () => presentPage(page, 'board', { monthly: true, links: false }));
      }
      await t('buildStory (bridges)', () => buildStory(conn, '2026-10', 'board', fresh!));
      await t('completenessNotes', () => completenessNotes(conn, filters, fresh!));
    });
    const model = await t('buildPackModel whole (read)', () => buildPackModel(conn, { month: '2026-10', today, practiceName: 'X', now: new Date('2026-11-15T15:00:00Z'), restatements: 'read' }));
    await t('renderPackPdf letter', () => renderPackPdf(model, { pageSize: 'letter', commentary: {}, status: { state: 'draft' } }));
  }
});
ctx.close();
