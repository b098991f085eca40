/**
 * Restatements compare numbers as presented: a change of display text is one, a change the
 * reader cannot see is not; a row that vanished or appeared is a number that was or is now
 * missing; a tile on two dashboards is one number. Hand-made two-row packs.
 */
import { describe, expect, it } from 'vitest';
import type { PackModel, PackPage } from '../../reports/model.ts';
import { diffPresented, presentedNumbers } from '../../reports/restate.ts';
import { SUPPRESSED } from '../../dashboards/privacy/suppress.ts';

const tile = (text: string, value: number) => ({
  metricId: 'gross_charges',
  label: 'Gross charges',
  unit: 'usd',
  column: 'gross_charges_usd',
  value: { value, text },
  comparisons: [{ key: 'prior' as const, label: 'Prior month', value: { value: 1, text: '$1.00' } }],
  target: { text: 'No target', direction: 'up' as const },
  status: null,
  sparkline: null,
});

function pack(gross: string, rows: [string, number | typeof SUPPRESSED][]): PackModel {
  const page = (id: 'overview' | 'financial'): PackPage => ({
    id,
    title: id,
    subtitle: '',
    tiles: [tile(gross, 0)],
    sections: [{ id: 'mix-payer', title: 'Charges by payer', table: { columns: ['payer', 'claims_n'], rows, rowKeys: rows.map((r) => r[0]) }, suppressedCells: 0 }],
  });
  return { pages: [page('overview'), page('financial')] } as unknown as PackModel;
}

describe('restatements', () => {
  it('keys every presented number once: tiles by metric, cells by page, section, row and column', () => {
    const keys = [...presentedNumbers(pack('$5.00', [['Acme', 12]])).keys()];
    expect(keys).toEqual(['tile/gross_charges', 'tile/gross_charges/prior', 'overview/mix-payer/Acme/claims_n', 'financial/mix-payer/Acme/claims_n']);
  });

  it('lists a changed display text, and nothing when the text is the same', () => {
    expect(diffPresented(pack('$5.00', [['Acme', 12]]), pack('$5.00', [['Acme', 12]]))).toEqual([]);
    expect(diffPresented(pack('$5.00', [['Acme', 12]]), pack('$7.50', [['Acme', 12]]))).toEqual([{ key: 'tile/gross_charges', label: 'Gross charges', old: '$5.00', new: '$7.50' }]);
  });

  it('lists a row that vanished or appeared, and a cell that became suppressed', () => {
    const changes = diffPresented(pack('$5.00', [['Acme', 12]]), pack('$5.00', [['Acme', SUPPRESSED], ['Birch', 30]]));
    expect(changes.filter((c) => c.key.startsWith('overview/'))).toEqual([
      { key: 'overview/mix-payer/Acme/claims_n', label: 'Charges by payer: Acme, claims', old: '12', new: 'suppressed' },
      { key: 'overview/mix-payer/Birch/claims_n', label: 'Charges by payer: Birch, claims', old: '—', new: '30' },
    ]);
  });
});

describe('restatements of the story', () => {
  const amount = (text: string) => ({ value: 0, text });
  const driver = (key: string, label: string, change: string, share: number) => ({ dimension: 'payer_class' as const, key, label, base: null, current: null, change: amount(change), share });
  /** A pack whose story's payments bridge has these drivers (the top three are the first three). */
  const withStory = (drivers: ReturnType<typeof driver>[]): PackModel =>
    ({
      ...pack('$5.00', [['Acme', 12]]),
      story: {
        comparison: 'prior',
        bridges: [{ metricId: 'net_payments', label: 'Payments (collections)', unit: 'usd', month: '2026-10', comparison: 'prior', comparisonLabel: 'September 2026', base: null, current: null, change: null, changePct: null, byDimension: [{ dimension: 'payer_class', label: 'Payer class', drivers }], top: drivers.slice(0, 3) }],
        anomalies: [],
        draft: {},
      },
    }) as unknown as PackModel;

  it("lists a top driver the data now words otherwise, wherever it ranks now, as the pack words it", () => {
    const before = withStory([driver('commercial', 'Commercial', '+$81.8k', 0.62), driver('medicare', 'Medicare', '+$30.0k', 0.23), driver('medicaid', 'Medicaid', '+$10.0k', 0.08), driver('self_pay', 'Self-pay', '+$9.0k', 0.07)]);
    // A later load: commercial's part grows; self-pay's overtakes medicaid's (medicaid leaves the top three).
    const after = withStory([driver('commercial', 'Commercial', '+$83.8k', 0.63), driver('medicare', 'Medicare', '+$30.0k', 0.23), driver('self_pay', 'Self-pay', '+$11.0k', 0.08), driver('medicaid', 'Medicaid', '+$8.0k', 0.06)]);
    expect(diffPresented(before, after)).toEqual([
      { key: 'story/net_payments/payer_class/commercial', label: 'Payments (collections), a driver of its move against September 2026: Commercial', old: '+$81.8k (62%)', new: '+$83.8k (63%)' },
      { key: 'story/net_payments/payer_class/medicaid', label: 'Payments (collections), a driver of its move against September 2026: Medicaid', old: '+$10.0k (8%)', new: '+$8.0k (6%)' },
    ]);
    expect(diffPresented(before, before)).toEqual([]);
  });

  it('compares no driver with a pack built without its story', () => {
    const before = withStory([driver('commercial', 'Commercial', '+$81.8k', 0.62)]);
    expect(diffPresented(before, pack('$5.00', [['Acme', 12]]))).toEqual([]);
  });
});
