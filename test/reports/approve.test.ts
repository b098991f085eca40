/**
 * Approve and lock, over the 3-month demo practice: the approved pack is stored as presented
 * (model, commentary, PDF and its SHA-256); approving again is refused unless a new version is
 * asked for; a later load that changes a presented number is recorded as a restatement with
 * the old and new values, shown in the next month's pack, and never changes the locked pack.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../dashboards/charts/format.ts';
import { buildPackModel } from '../../reports/build.ts';
import { renderPackPdf } from '../../reports/pdf/render.ts';
import { approvePack, findRestatements, getApprovedPack, getCommentary, PackLockedError, recordedRestatements, saveCommentary, sha256 } from '../../reports/store.ts';
import { NOW, openDemo, PRACTICE, type Demo } from './demo.ts';
import { readPdf } from './pdfText.ts';

const LATER = new Date('2026-11-20T09:30:00Z');
const NEXT_MONTH_END = new Date('2026-12-04T10:00:00Z');
const EXTRA_CHARGE =
  'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n' +
  'T9000000001,C900000001,1,P9000001,PRV001,DTN,KMU,commercial,99213,1,2026-10-14,2026-10-15,charge,500.00,,,\n';

let demo: Demo;
const use = <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => demo.ctx.warehouse.use(fn);

beforeAll(async () => {
  demo = await openDemo();
}, 120_000);
afterAll(() => demo?.close());

/** Text of gross charges as the October pack presents it. */
const grossText = (model: Awaited<ReturnType<typeof buildPackModel>>) => model.pages[0]!.tiles.find((t) => t.metricId === 'gross_charges')!.value;

describe('approve and lock', () => {
  let approvedGross: string;

  it('stores the approved pack as presented, with its commentary and PDF', async () => {
    await use((conn) => saveCommentary(conn, { month: '2026-10', sectionId: 'financial', text: 'Charges ran ahead of budget.', author: 'Dana Reyes', at: NOW }));
    const pack = await use((conn) => approvePack(conn, '2026-10', 'Dana Reyes', () => NOW, { practiceName: PRACTICE }));
    expect(pack.version).toBe(1);
    expect(pack.approvedAt).toBe(NOW.toISOString());
    expect(pack.sha256).toBe(sha256(pack.pdf));
    const stored = (await use((conn) => getApprovedPack(conn, '2026-10')))!;
    expect(Buffer.compare(stored.pdf, pack.pdf)).toBe(0);
    expect(stored.sha256).toBe(pack.sha256);
    expect(stored.model).toEqual(JSON.parse(JSON.stringify(pack.model)));
    expect(stored.commentary).toEqual({ financial: 'Charges ran ahead of budget.' });
    approvedGross = grossText(stored.model).text;
    expect(approvedGross).toMatch(/^\$[\d,]+\.\d{2}$/);

    const pdf = await readPdf(stored.pdf);
    expect(pdf.pages[0]).toContain('Approved by Dana Reyes on 15 Nov 2026, 15:00 UTC');
    expect(pdf.pages.join('\n')).not.toContain('DRAFT');
    expect(pdf.pages.join('\n').replace(/\s+/g, ' ')).toContain('Charges ran ahead of budget.');
    expect(pdf.info.Author).toBe('Dana Reyes');
  });

  it('refuses to approve a locked month again unless asked for a new version', async () => {
    await expect(use((conn) => approvePack(conn, '2026-10', 'Someone Else', () => LATER, { practiceName: PRACTICE }))).rejects.toBeInstanceOf(PackLockedError);
    await expect(use((conn) => approvePack(conn, '2026-10', 'Someone Else', () => LATER, { practiceName: PRACTICE }))).rejects.toThrow(/approved by Dana Reyes .* locked/);
    expect((await use((conn) => getApprovedPack(conn, '2026-10')))!.version).toBe(1);
  });

  it('finds no restatement while the data has not changed', async () => {
    const now = await use((conn) => buildPackModel(conn, { month: '2026-10', today: '2026-11-20', practiceName: PRACTICE, now: LATER, restatements: 'none' }));
    expect(await use((conn) => findRestatements(conn, '2026-10', now))).toEqual([]);
  });

  it('shows a reload that changes a presented number as a restatement, in the next month\'s pack, and leaves the locked pack as it was', async () => {
    const before = (await use((conn) => getApprovedPack(conn, '2026-10')))!;
    await demo.loadBilling('late-charge.csv', EXTRA_CHARGE);
    const expectedNew = formatValue('gross_charges_usd', (BigInt(grossText(before.model).exact!.replace('.', '')) + 50_000n).toString().replace(/(\d{2})$/, '.$1'));

    // November's pack, built after the reload, compares October's approved pack with the data.
    const november = await use((conn) => buildPackModel(conn, { month: '2026-11', today: '2026-12-04', practiceName: PRACTICE, now: NEXT_MONTH_END }));
    const gross = november.restatements.find((r) => r.key === 'tile/gross_charges')!;
    expect(gross).toMatchObject({ month: '2026-10', label: 'Gross charges', old: approvedGross, new: expectedNew, detectedAt: NEXT_MONTH_END.toISOString() });
    const pdf = await readPdf(await renderPackPdf(november, { pageSize: 'letter', commentary: {}, status: { state: 'draft' } }));
    const text = pdf.pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`Restatement: Gross charges for October 2026 was ${approvedGross}, now ${expectedNew} (detected 4 Dec 2026, 10:00 UTC)`);

    // The same finding, recorded once with when it was first detected.
    const recorded = await use((conn) => recordedRestatements(conn, '2026-10'));
    expect(recorded.filter((r) => r.key === 'tile/gross_charges')).toHaveLength(1);
    const later = await use((conn) => buildPackModel(conn, { month: '2026-10', today: '2026-12-05', practiceName: PRACTICE, now: new Date('2026-12-05T08:00:00Z'), restatements: 'none' }));
    const again = await use((conn) => findRestatements(conn, '2026-10', later));
    expect(again.find((r) => r.key === 'tile/gross_charges')).toMatchObject({ old: approvedGross, new: expectedNew, detectedAt: NEXT_MONTH_END.toISOString() });

    // The locked pack is untouched.
    const after = (await use((conn) => getApprovedPack(conn, '2026-10')))!;
    expect(Buffer.compare(after.pdf, before.pdf)).toBe(0);
    expect(grossText(after.model).text).toBe(approvedGross);
  });

  it('approves a new version on request, presenting the numbers as they are now', async () => {
    await use((conn) => saveCommentary(conn, { month: '2026-10', sectionId: 'financial', text: 'Restated for a late charge.', author: 'Dana Reyes', at: LATER }));
    const v2 = await use((conn) => approvePack(conn, '2026-10', 'Dana Reyes', () => new Date('2026-12-06T12:00:00Z'), { practiceName: PRACTICE, newVersion: true }));
    expect(v2.version).toBe(2);
    expect(grossText(v2.model).text).not.toBe(approvedGross);
    expect(v2.commentary).toEqual({ financial: 'Restated for a late charge.' });
    expect(await use((conn) => recordedRestatements(conn, '2026-10'))).toEqual([]);
    expect((await use((conn) => getCommentary(conn, '2026-10')))[0]).toMatchObject({ sectionId: 'financial', author: 'Dana Reyes', updatedAt: LATER.toISOString() });
  });
});
