/**
 * The record scan's control total and the typing read the spaces at an amount's ends alike.
 * The typing trims a cell with DuckDB's `trim`, which strips the Unicode space separators; the
 * scan stripped only the ASCII space, so `12.30` followed by a no-break space loaded as 12.30
 * but counted nothing in the file's control total (an independent probe, 2026-12-02: file total
 * 1298.00 against 1334.90 loaded, on a file that loaded whole, with nothing said). Expected
 * totals are added up by hand.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAmountCents, trimLikeSql } from '../../etl/load/amountText.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

const US = { currencySymbol: '$', thousands: ',', decimal: '.', parenNegative: true };

describe('trimLikeSql', () => {
  it("strips exactly the code points DuckDB's trim strips, over every code point", async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      // Every code point but the surrogates, at either end of a letter.
      const r = await c.runAndReadAll(`SELECT range::INTEGER AS cp FROM range(0, 1114112) WHERE (range < 55296 OR range > 57343)
        AND (length(trim('a' || chr(range::INTEGER))) = 1 OR length(trim(chr(range::INTEGER) || 'a')) = 1) ORDER BY 1`);
      const duck = r.getRows().map((x) => Number(x[0]));
      // The same test through trimLikeSql, in JavaScript.
      const js: number[] = [];
      for (let cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const ch = String.fromCodePoint(cp);
        if (trimLikeSql(`a${ch}`) === 'a' || trimLikeSql(`${ch}a`) === 'a') js.push(cp);
      }
      expect(js).toEqual(duck);
      // The no-break space and the thin space among them; the tab not.
      expect(duck).toEqual(expect.arrayContaining([0x20, 0xa0, 0x2009]));
      expect(duck).not.toContain(0x09);
    } finally {
      c.closeSync();
    }
  });

  it('lets the scan read an amount with a no-break or thin space at its ends, not inside', () => {
    expect(parseAmountCents('12.30\u00a0', US)).toBe(1230n);
    expect(parseAmountCents('\u00a012.30', US)).toBe(1230n);
    expect(parseAmountCents('12.30\u2009', US)).toBe(1230n);
    expect(parseAmountCents('1\u00a0230.00', US)).toBe(null);
    expect(parseAmountCents('12.30\t', US)).toBe(null);
  });
});

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe('a billing file with Unicode spaces at amounts, through the loader', () => {
  it('loads them, and the file total equals the loaded total', async () => {
    const rows: Record<string, string>[] = [
      { transaction_id: 'S1', amount_usd: '12.30\u00a0' }, // line 2: 12.30
      { transaction_id: 'S2', amount_usd: '\u00a012.30' }, // line 3: 12.30
      { transaction_id: 'S3', amount_usd: '12.30\u2009' }, // line 4: 12.30
      { transaction_id: 'S4', amount_usd: '100.00' }, // line 5: 100.00
      { transaction_id: 'S5', amount_usd: '1\u00a0000.00' }, // line 6: a space inside: rejected
    ];
    const r = await h.load({ path: h.file('spaces.csv', csv('billing', rows)), source: 'billing' }, { rejectThreshold: 1 });
    // 12.30 * 3 + 100.00 = 136.90
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 5, rowsLoaded: 4, rowsRejected: 1, fileTotal: '136.90', loadedTotal: '136.90' });
    expect(r.rejects.map((x) => x.line)).toEqual([6]);
  });
});
