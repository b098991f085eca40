/**
 * The board pack email says who approved the pack and when, in the pack's time zone, labelled,
 * as the PDF's cover does (issue 13: times in one zone, labelled). The process runs in UTC; the
 * practice is in America/Chicago, where 2026-11-02T03:30Z is 21:30 CST on 1 November (by hand:
 * Central time is UTC-6 after 02:00 local on 1 November 2026). A pack stored before packs carried
 * their zone still says UTC, as its PDF did.
 */
import { describe, expect, it } from 'vitest';
import type { PackModel, PackStatus } from '../../reports/model.ts';
import { renderEmailBody } from '../../server/mail/emailBody.ts';
import { reportFromPack } from '../../server/mail/fromPage.ts';

const model = (timezone?: string): PackModel => ({
  modelVersion: 2,
  month: '2026-10',
  monthLabel: 'October 2026',
  period: { from: '2026-10-01', to: '2026-10-31' },
  practiceName: 'Riverside',
  generatedAt: '2026-11-02T03:30:00.000Z',
  ...(timezone ? { timezone } : {}),
  pages: [],
  completeness: { sources: [], loads: [], rowsRejected: 0, filesRejected: 0 },
  definitions: [],
  restatements: [],
  suppression: { rule: 'CMS cell-size rule', cells: 0, tiles: 0 },
});
const approved: PackStatus = { state: 'approved', approvedAt: '2026-11-02T03:30:00.000Z', approvedBy: 'Dana Reyes', version: 1 };

describe('the board pack email', () => {
  it('says when the pack was approved in the practice zone, labelled', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    const report = reportFromPack(model('America/Chicago'), approved, { title: 'Riverside: board pack' });
    const body = renderEmailBody(report.headlines, report.charts);
    for (const text of [body.text, body.html]) {
      expect(text).toContain('Approved by Dana Reyes on 1 Nov 2026, 21:30 CST. The approved board pack is attached as a PDF.');
      expect(text).not.toContain('2026-11-02');
      expect(text).not.toContain('03:30');
    }
  });

  it('keeps UTC, labelled, for a pack stored before packs carried their zone', () => {
    const report = reportFromPack(model(), approved, { title: 'Riverside: board pack' });
    expect(report.headlines.note).toContain('Approved by Dana Reyes on 2 Nov 2026, 03:30 UTC.');
  });

  it('says nothing of an approval for a draft', () => {
    const report = reportFromPack(model('America/Chicago'), { state: 'draft' }, { title: 'Riverside: board pack' });
    expect(report.headlines.note).toMatch(/^DRAFT: not approved\./);
    expect(report.headlines.note).not.toContain('Approved by');
  });
});
