/**
 * The demo payroll as an outside payroll service ("Acme Payroll") prints its register, to
 * exercise etl/profiles/acme-payroll.json: Windows-1252 bytes (names with é and ’ are single
 * bytes 0xE9 and 0x92, invalid as UTF-8), CRLF line endings, a title line, its own column names
 * and department codes, US dates, dollar amounts with thousands separators, names as
 * 'Last, First' (quoted) and a Grand Total row.
 */
import iconv from 'iconv-lite';
import { usDate } from './calendar.ts';
import { csvLine } from './csv.ts';
import { currencyText, hundredths } from './money.ts';
import type { PayrollRow } from './payroll.ts';
import type { JobClass } from './roster.ts';
import { writeLines } from './sink.ts';
import type { VendorFile } from './vendor-billing.ts';

export const ACME_DEPARTMENT: Readonly<Record<JobClass, string>> = {
  provider: 'PROV',
  clinical: 'CLIN',
  front_office: 'FRNT',
  business_ops: 'BOPS',
  ancillary: 'ANC',
};

export const ACME_PAYROLL_HEADER = [
  'Emp ID', 'Employee', 'Dept', 'Home Site', 'Period Begin', 'Period End', 'Check Date',
  'Reg Hrs', 'OT Hrs', 'PTO Hrs', 'Gross Pay', 'ER Taxes', 'ER Benefits',
] as const;

export async function writeAcmePayroll(path: string, practiceName: string, rows: readonly PayrollRow[]): Promise<VendorFile> {
  let gross = 0;
  let taxes = 0;
  let benefits = 0;
  function* lines(): Generator<string> {
    yield `Acme Payroll Services – Payroll Register – ${practiceName}\r\n`;
    yield csvLine(ACME_PAYROLL_HEADER, '\r\n');
    for (const p of rows) {
      gross += p.grossCents;
      taxes += p.taxCents;
      benefits += p.benefitsCents;
      yield csvLine(
        [
          p.employeeId, p.employeeName, ACME_DEPARTMENT[p.jobClass], p.locationId, usDate(p.periodStart), usDate(p.periodEnd),
          usDate(p.checkDay), hundredths(p.regular), hundredths(p.overtime), hundredths(p.pto), currencyText(p.grossCents),
          currencyText(p.taxCents), currencyText(p.benefitsCents),
        ],
        '\r\n',
      );
    }
    yield csvLine(['Grand Total', '', '', '', '', '', '', '', '', '', currencyText(gross), currencyText(taxes), currencyText(benefits)], '\r\n');
  }
  await writeLines(path, lines(), (text) => iconv.encode(text, 'win1252'));
  return { path, rows: rows.length, amountTotalCents: BigInt(gross) };
}
