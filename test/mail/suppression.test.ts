/**
 * The board-pack email applies the cell-size rule exactly as the pack does: the fixture
 * (test/metrics/fixture.ts) has 5 fulfilled visits in March 2024, so the email's headline table
 * says "suppressed" for visits and for the no-show rate over them, in the HTML and the text
 * part, and never the count; money is shown. The same page mailed to nobody outside (a manager's
 * web view) shows 5.
 */
import { describe, expect, it } from 'vitest';
import { buildPackModel } from '../../reports/build.ts';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { reportFromPack, reportFromPage } from '../../server/mail/fromPage.ts';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { buildPage } from '../../dashboards/pages/index.ts';
import { presentPage } from '../../dashboards/present/index.ts';
import { withFixture } from '../metrics/fixture.ts';

const row = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(`- ${label}:`));

describe('suppression in the email', () => {
  it('says "suppressed" for 5 visits and the no-show rate over them, in the board-pack email', async () => {
    await withFixture(async (conn) => {
      const visits = Number((await conn.runAndReadAll("SELECT count(*) FROM fact_appointment WHERE status = 'fulfilled' AND scheduled_start >= TIMESTAMP '2024-03-01' AND scheduled_start < TIMESTAMP '2024-04-01'")).getRows()[0]![0]);
      expect(visits).toBe(5);
      const model = await buildPackModel(conn, { month: '2024-03', today: '2024-04-15', practiceName: 'Fixture', restatements: 'none' });
      const report = reportFromPack(model, { state: 'draft' }, { title: 'Board pack', maxCharts: 0 });
      const body = renderEmailBody(report.headlines, report.charts);
      expect(row(body.text, 'Visits')).toMatch(/^- Visits: suppressed \(Prior month: /);
      expect(row(body.text, 'No-show rate')).toMatch(/^- No-show rate: suppressed /);
      expect(body.html).toMatch(/>Visits<\/td><td[^>]*>suppressed</);
      expect(body.html).not.toMatch(/>Visits<\/td><td[^>]*>5</);
      expect(row(body.text, 'Gross charges')).toMatch(/^- Gross charges: \$[\d,]+\.\d{2} /);
      // The email headline is the PDF's: the pack's own presented tile.
      expect(model.pages[0]!.tiles.find((t) => t.metricId === 'visits')!.value.text).toBe('suppressed');
      expect(body.text.startsWith('DRAFT: Board pack')).toBe(true);
    });
  }, 60_000);

  it('hides them in a page mailed as a summary too, and shows them to a manager', async () => {
    await withFixture(async (conn) => {
      const parsed = parseFilters({ period: 'month', month: '2024-03' }, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      const page = await buildPage('overview', { conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' });
      const mailed = reportFromPage(page, { title: 'Summary', maxCharts: 0 });
      expect(mailed.headlines.rows.find((r) => r.label === 'Visits')!.value).toBe('suppressed');
      expect(mailed.headlines.rows.find((r) => r.label === 'No-show rate')!.value).toBe('suppressed');
      expect(presentPage(page, 'manager').tiles.find((t) => t.metricId === 'visits')!.value.text).toBe('5');
    });
  }, 60_000);
});
