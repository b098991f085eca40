/**
 * The hand-built scenario file: two payers' 835 transactions covering every kept segment.
 * Expected figures, computed by hand (see each claim's comment):
 *   transaction 0001 (ACME, check CHK1001): claims paid 120 + 0 - 50 + 60 = 130.00,
 *     PLB WO 25.00 and L6 -1.25 = 23.75, BPR02 = 130.00 - 23.75 = 106.25;
 *   transaction 0002 (SECOND, EFT EFT2002): claims paid 24.00, no PLB, BPR02 = 24.00.
 */
import { header, interchange, type Dialect, type Txn } from './x12.ts';

export const ACME: Txn = {
  control: '0001',
  body: [
    ...header({ paid: '106.25', trace: 'CHK1001', payer: 'ACME HEALTH', payerId: 'ACME01' }),
    'LX*1',
    // C100 paid as primary: 200 - 120 = 80 = CO-45 30 + PR-2 30 + CO-45 20 (line level)
    'CLP*C100*1*200*120*30*12*PCCN-A',
    'NM1*QC*1*DOE*JANE****MI*W123456789',
    'DTM*232*20240105',
    'DTM*233*20240105',
    'DTM*050*20240106',
    'SVC*HC:99213*150*90**1',
    'DTM*472*20240105',
    'CAS*CO*45*30',
    'CAS*PR*2*30',
    'AMT*B6*120',
    'SVC*HC:36415*50*30**1',
    'DTM*472*20240105',
    'CAS*CO*45*20',
    'AMT*B6*30',
    // C200 denied: 100 - 0 = 100 = CO-197 100; remark N130 on the line, MA01 on the claim
    'CLP*C200*4*100*0*0*12*PCCN-B',
    'NM1*QC*1*ROE*RICHARD****MI*X987654321',
    'MOA***MA01',
    'SVC*HC:99214:25*100*0**1',
    'DTM*472*20240103',
    'CAS*CO*197*100',
    'LQ*HE*N130',
    // C300 reversed: -80 - (-50) = -30 = CO-45 -30 (claim level)
    'CLP*C300*22*-80*-50**12*PCCN-C',
    'CAS*CO*45*-30',
    // C300 corrected: 80 - 60 = 20 = CO-45 20; interest 1.25 reported in AMT*I
    'CLP*C300*1*80*60*0*12*PCCN-D',
    'AMT*I*1.25',
    'SVC*HC:99212*80*60**1',
    'DTM*472*20240102',
    'CAS*CO*45*20',
    'PLB*1234567890*20241231*WO:C099*25*L6*-1.25',
  ],
};

export const SECOND: Txn = {
  control: '0002',
  body: [
    ...header({ paid: '24', trace: 'EFT2002', payer: 'SECOND PAYER', payerId: 'SEC02', method: 'ACH' }),
    'LX*1',
    // C100 paid as secondary: 200 - 24 = 176 = OA-23 170 + PR-2 6
    'CLP*C100*2*200*24*6*16*PCCN-E',
    'CAS*OA*23*170',
    'CAS*PR*2*6',
  ],
};

export const scenarioFile = (d: Dialect = {}): string => interchange('000000101', [ACME, SECOND], d);
