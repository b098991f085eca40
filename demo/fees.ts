/**
 * What the demo practice bills: the office visit E/M codes with their CMS work RVUs, a few
 * common office procedures and supplies, the practice's fee schedule (charges, raised 3% each
 * January) and how a visit of each type turns into claim lines. Codes only: CPT descriptions
 * are licensed by the AMA and are not shipped.
 */
import { escalate } from './money.ts';
import { Weighted, type Rng } from './random.ts';

/**
 * CMS work RVUs (Medicare physician fee schedule) of every code the practice bills, sorted by
 * code: the office visit codes (2021 onward) and the procedures; 0.00 for codes the physician
 * fee schedule does not pay work for (venipuncture and urinalysis are on the lab fee schedule,
 * the vaccine product and the drug are supplies). Migrations 003 and 030 seed the same values.
 */
export const WORK_RVUS: ReadonlyArray<readonly [code: string, rvu: string]> = [
  ['10060', '1.22'],
  ['11102', '0.66'],
  ['17110', '0.70'],
  ['20610', '0.79'],
  ['36415', '0.00'],
  ['69210', '0.61'],
  ['81002', '0.00'],
  ['90471', '0.17'],
  ['90686', '0.00'],
  ['93000', '0.17'],
  ['99202', '0.93'],
  ['99203', '1.60'],
  ['99204', '2.60'],
  ['99205', '3.50'],
  ['99211', '0.18'],
  ['99212', '0.70'],
  ['99213', '1.30'],
  ['99214', '1.92'],
  ['99215', '2.80'],
  ['J3301', '0.00'],
];

/** Charge per unit in cents for the fee schedule year 2024. */
const FEES_2024: Readonly<Record<string, number>> = {
  '99202': 18_400, '99203': 28_200, '99204': 42_000, '99205': 54_000,
  '99211': 6_900, '99212': 14_900, '99213': 24_700, '99214': 35_600, '99215': 48_900,
  '36415': 2_900, // venipuncture
  '81002': 2_300, // urinalysis
  '93000': 10_900, // ECG
  '90471': 5_200, // immunization administration
  '90686': 6_900, // influenza vaccine
  '20610': 29_900, // major joint injection
  J3301: 1_400, // triamcinolone, per 10 mg
  '11102': 24_100, // tangential skin biopsy
  '17110': 20_700, // destruction of benign lesions
  '69210': 13_800, // cerumen removal
  '10060': 35_600, // incision and drainage
};
const FEE_BASE_YEAR = 2024;
const FEE_RAISE_BP = 300;

const feeCache = new Map<string, number>();

/** Charge per unit in cents on the fee schedule of `year`. */
export function feeCents(code: string, year: number): number {
  const key = `${code}/${year}`;
  let fee = feeCache.get(key);
  if (fee === undefined) {
    const base = FEES_2024[code];
    if (base === undefined) throw new RangeError(`no fee for procedure ${code}`);
    fee = escalate(base, FEE_RAISE_BP, year - FEE_BASE_YEAR, 100);
    feeCache.set(key, fee);
  }
  return fee;
}

export type VisitType = 'new' | 'established' | 'procedure';

export interface LineSpec {
  readonly code: string;
  readonly units: number;
}

const NEW_EM = new Weighted([['99202', 10], ['99203', 45], ['99204', 35], ['99205', 10]] as const);
const ESTABLISHED_EM = new Weighted([['99211', 2], ['99212', 8], ['99213', 41], ['99214', 41], ['99215', 8]] as const);
const PROCEDURES = new Weighted([['20610', 30], ['11102', 20], ['17110', 20], ['69210', 20], ['10060', 10]] as const);

/** The claim lines of one visit; `month` 1-12 drives the flu season. */
export function visitLines(rng: Rng, type: VisitType, month: number, pediatric: boolean): LineSpec[] {
  if (type === 'procedure') {
    const code = PROCEDURES.pick(rng);
    const lines: LineSpec[] = [{ code, units: 1 }];
    if (code === '20610') lines.push({ code: 'J3301', units: rng.int(1, 4) });
    return lines;
  }
  const lines: LineSpec[] = [{ code: (type === 'new' ? NEW_EM : ESTABLISHED_EM).pick(rng), units: 1 }];
  if (!pediatric && rng.chance(0.14)) lines.push({ code: '36415', units: 1 });
  if (rng.chance(0.05)) lines.push({ code: '81002', units: 1 });
  if (!pediatric && rng.chance(0.03)) lines.push({ code: '93000', units: 1 });
  const fluSeason = month >= 9 || month <= 1;
  if (fluSeason && rng.chance(pediatric ? 0.3 : 0.2)) lines.push({ code: '90686', units: 1 }, { code: '90471', units: 1 });
  return lines;
}
