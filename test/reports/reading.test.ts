/**
 * The board's reading view over the 3-month demo (August to October 2026): with no approved
 * pack a board member gets a clear empty state; once September and October are approved, a
 * board member who opens /reports (where sign-in lands) reads October's pack: the story first
 * (headlines with their change, the approved commentary), then what moved since September's
 * pack and the restatements found since, then the areas, with no form and no draft text.
 * Drivers show when the pack carries a story, and the headlines alone when it does not.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackStory } from '../../dashboards/bridge/types.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { HttpError } from '../../core/errors.ts';
import { approvePack, getApprovedPack, saveCommentary } from '../../reports/store.ts';
import type { Role } from '../../server/auth/index.ts';
import { requestContext } from '../../server/requestContext.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { readingView } from '../../server/views/packReading.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { listenLoopback } from '../helpers/loopback.ts';

const LATE_CHARGE =
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  'T9400000001,C940000001,1,P9400001,PRV001,DTN,KMU,commercial,99213,1,2026-10-14,2026-10-17,charge,300.00,,,\n';

let demo: Demo;
let server: Server;
let pool: ConnectionPool;
let base: string;
let role: Role = 'board';

beforeAll(async () => {
  demo = await openDemo();
  pool = new ConnectionPool(demo.ctx.warehouse, 2);
  const app = express();
  app.use((_req, res, next) => {
    res.locals.auth = { userId: `u-${role}`, username: role, displayName: role === 'board' ? 'Board Member' : 'Dana Reyes', role, sessionKey: 'test' };
    res.locals.csrfToken = 'test-csrf-token';
    next();
  });
  app.use(requestContext);
  app.use(reportRoutes({ pool, today: () => TODAY, now: () => NOW, practiceName: PRACTICE }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const http = err instanceof HttpError ? err : undefined;
    res.status(http?.status ?? 500).type('text').send(http?.message ?? 'error');
  });
  ({ server, base } = await listenLoopback(app));
}, 180_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pool?.close();
  demo?.close();
});

const page = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, text: await res.text() };
};
/** The visible text of a page, tags dropped. */
const words = (h: string) => h.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the board reading view', () => {
  it('says plainly that no pack is approved yet, before the first approval', async () => {
    role = 'board';
    const { status, text } = await page('/reports');
    expect(status).toBe(200);
    expect(text).toContain('No board pack has been approved yet');
    const main = text.slice(text.indexOf('<main'));
    expect(main).not.toMatch(/<form|<table/);
  });

  it('lands a board member on the latest approved pack: story, then since the last meeting, then areas', async () => {
    await demo.ctx.warehouse.use(async (c) => {
      await approvePack(c, '2026-09', 'Dana Reyes', () => NOW, { practiceName: PRACTICE, today: TODAY });
      await saveCommentary(c, { month: '2026-10', sectionId: 'overview', text: 'Collections recovered after the payer backlog cleared.', author: 'Dana Reyes', at: NOW });
      await approvePack(c, '2026-10', 'Dana Reyes', () => NOW, { practiceName: PRACTICE, today: TODAY });
      // Written after approval: a draft for a next version, never shown to the board.
      await saveCommentary(c, { month: '2026-10', sectionId: 'overview', text: 'UNAPPROVED DRAFT WORDING', author: 'Dana Reyes', at: NOW });
    });
    await demo.loadBilling('late-charge.csv', LATE_CHARGE);
    await demo.detect(NOW); // the detection step the server runs after a load
    role = 'board';
    const { status, text } = await page('/reports');
    expect(status).toBe(200);
    const t = words(text);
    expect(t).toContain('Board pack, October 2026');
    expect(t).toContain('Approved by Dana Reyes');
    const order = ['h-story', 'h-since', 'h-financial', 'h-collections', 'h-staffing'].map((id) => text.indexOf(`<h2 id="${id}">`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(t).toContain('Collections recovered after the payer backlog cleared.');
    expect(t).not.toContain('UNAPPROVED DRAFT WORDING');
    const main = text.slice(text.indexOf('<main'));
    expect(main).not.toMatch(/<form|<textarea|Approve and lock|DRAFT/);
    expect(t).toMatch(/vs prior month \(/);

    // Since the last meeting: each headline of September's stored pack, then October's.
    const [sep, oct] = await demo.ctx.warehouse.use(async (c) => [await getApprovedPack(c, '2026-09'), await getApprovedPack(c, '2026-10')]);
    const tiles = (m: typeof sep) => m!.model.pages.find((p) => p.id === 'overview')!.tiles;
    // The approved pack's story: each headline's top drivers, as stored with it.
    const story = oct!.model.story!;
    const charges = story.bridges.find((b) => b.metricId === 'gross_charges')!;
    expect(charges.top.length).toBeGreaterThan(0);
    expect(t).toContain(`Top drivers against ${charges.comparisonLabel}`);
    for (const d of charges.top.slice(0, 3)) expect(t).toContain(d.suppressed ? `${d.label}: withheld` : `${d.label}: ${d.change.text}`);
    expect(t).toContain('The headline measures in the pack for September 2026 and now, in October 2026');
    for (const tile of tiles(oct)) {
      const before = tiles(sep).find((x) => x.metricId === tile.metricId)!;
      expect(t).toContain(`${tile.label} ${before.value.text} \u2192 ${tile.value.text}`);
    }
    // The late charge restates October's gross charges: shown as recorded by the load's detection step.
    expect(t).toMatch(/Restatement: Gross charges for October 2026 was \$[\d,]+\.\d{2}, now \$[\d,]+\.\d{2}/);
    // Tables fold into labelled, focusable scrollers.
    expect(text).toMatch(/<details><summary>The table: [^<]+<\/summary><div class="table-scroll" role="region" aria-label="[^"]+" tabindex="0"><table>/);
    expect(t).toContain('Other approved packs September 2026');
  }, 300_000);

  it('opens an earlier approved month in the same view, and answers 404 for one not approved', async () => {
    role = 'board';
    const sep = await page('/reports/2026-09');
    expect(sep.status).toBe(200);
    expect(words(sep.text)).toContain('Board pack, September 2026');
    expect(words(sep.text)).toContain('This is the first approved pack');
    expect((await page('/reports/2026-08')).status).toBe(404);
  }, 300_000);

  it('keeps the staff pages: the list of months and the editable pack', async () => {
    role = 'manager';
    const list = await page('/reports');
    expect(list.text).toContain('<th scope="col">Month</th>');
    expect(list.text).toContain('href="/reports/2026-08"');
    const oct = await page('/reports/2026-10');
    expect(oct.text).toContain('<textarea');
  }, 300_000);

  it('shows the top three drivers of each headline when the pack carries a story', async () => {
    const oct = (await demo.ctx.warehouse.use((c) => getApprovedPack(c, '2026-10')))!;
    const amount = (text: string) => ({ value: 0, text });
    const driver = (label: string, text: string, suppressed = false) => ({ dimension: 'payerClass' as const, key: label, label, base: null, current: null, change: amount(text), share: null, ...(suppressed ? { suppressed: true as const } : {}) });
    const story: PackStory = {
      comparison: 'prior',
      bridges: [{
        metricId: 'gross_charges', label: 'Gross charges', unit: 'usd', month: '2026-10', comparison: 'prior', comparisonLabel: 'September 2026',
        base: null, current: null, change: amount('+$61.0k'), changePct: 0.12, byDimension: [],
        top: [driver('Medicare', '+$38.0k'), driver('Commercial', '+$19.0k'), driver('Self-pay', '+$4.0k', true), driver('Medicaid', '+$1.0k')],
      }],
      anomalies: [{ kind: 'payments-collapsed', subject: 'Payer Aetna (AET01)', message: 'Payments from Aetna fell to $0 in October.', likelyExportProblem: true }],
      draft: {},
    };
    const t = words(readingView({ model: { ...oct.model, story }, commentary: oct.commentary, status: { state: 'approved', approvedAt: oct.approvedAt, approvedBy: oct.approvedBy, version: oct.version }, previous: null, restatements: [], months: ['2026-10'], timezone: 'UTC' }).text);
    expect(t).toContain('Top drivers against September 2026 Medicare: +$38.0k Commercial: +$19.0k Self-pay: withheld (small numbers)');
    expect(t).not.toContain('Medicaid: +$1.0k');
    expect(t.match(/Top drivers/g)).toHaveLength(1);
    expect(t).toContain('Payments from Aetna fell to $0 in October. Probably an export problem');
  }, 60_000);
});
