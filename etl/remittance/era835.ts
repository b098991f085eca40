/**
 * Interprets the segments of one 835 transaction (between ST and SE) into a Remittance.
 * Guarantees: every kept value is typed and checked (an ElementError names the element and
 * the rule); NM1 segments (patient, insured, provider names and member ids) are never read;
 * a CAS or LQ applies to the service line it follows, or to the claim when no line has begun;
 * 004010X091A1 and 005010X221A1 are read alike (their differences are in the envelope and in
 * 4010's DTM*150/151 service period, read here too). Unknown segments are skipped.
 */
import { ElementError, cents, date, optional, optionalCents, optionalDate, quantity, required } from './elements.ts';
import { ADJUSTMENT_GROUPS, CLAIM_STATUS, type Adjustment, type ClaimPayment, type Remittance, type ServiceLine } from './model.ts';
import type { Segment } from './segmentReader.ts';

export interface TransactionHead {
  readonly position: number;
  readonly isaControl: string;
  readonly gsControl: string;
  readonly stControl: string;
  readonly version: string;
}

export class Era835Builder {
  readonly remit: Remittance;
  #claim: ClaimPayment | null = null;
  #line: ServiceLine | null = null;
  #n1: string | null = null;
  #sawBpr = false;

  constructor(head: TransactionHead) {
    this.remit = {
      ...head,
      handling: '',
      totalPaidCents: 0,
      creditDebit: null,
      paymentMethod: null,
      paymentDate: null,
      traceNumber: null,
      traceOriginator: null,
      payerName: null,
      payerId: null,
      payeeName: null,
      payeeId: null,
      productionDate: null,
      claims: [],
      plb: [],
    };
  }

  add(seg: Segment): void {
    const e = seg.elements;
    const r = this.remit;
    switch (seg.tag) {
      case 'BPR':
        r.handling = required(e[0], 'BPR01');
        r.totalPaidCents = cents(e[1], 'BPR02');
        r.creditDebit = optional(e[2]);
        r.paymentMethod = optional(e[3]);
        r.paymentDate = optionalDate(e[15], 'BPR16');
        this.#sawBpr = true;
        return;
      case 'TRN':
        if (r.traceNumber !== null) return; // a second TRN is not allowed at this level; the first stands
        r.traceNumber = required(e[1], 'TRN02');
        r.traceOriginator = optional(e[2]);
        return;
      case 'DTM':
        return this.#dtm(e);
      case 'N1':
        this.#n1 = optional(e[0]);
        if (this.#n1 === 'PR') {
          r.payerName = optional(e[1]);
          if (e[3]) r.payerId = e[3].trim();
        } else if (this.#n1 === 'PE') {
          r.payeeName = optional(e[1]);
          r.payeeId = optional(e[3]);
        }
        return;
      case 'REF':
        // REF*2U is the payer's identification number when N1*PR carries none.
        if (this.#claim === null && this.#n1 === 'PR' && e[0] === '2U' && r.payerId === null) r.payerId = optional(e[1]);
        if (this.#line && e[0] === '6R') this.#line.controlNumber = optional(e[1]);
        return;
      case 'CLP':
        return this.#clp(seg);
      case 'CAS':
        return this.#cas(seg);
      case 'SVC':
        return this.#svc(seg);
      case 'AMT':
        return this.#amt(e);
      case 'MOA':
      case 'MIA':
        return this.#moaMia(seg.tag, e);
      case 'LQ':
        if (e[0] === 'HE') (this.#line ?? this.#needClaim('LQ')).remarks.push({ rarc: required(e[1], 'LQ02'), from: 'LQ' });
        return;
      case 'PLB':
        return this.#plb(seg);
      case 'LX':
        this.#claim = null;
        this.#line = null;
        return;
      default:
        return; // NM1 (names, member ids), N3/N4 (addresses), PER, TS3, TS2, QTY, RDM, CUR...: not kept
    }
  }

  /** The transaction as read; throws when a required part is missing. */
  finish(): Remittance {
    if (!this.#sawBpr) throw new ElementError('BPR', 'segment is missing (financial information)');
    if (this.remit.traceNumber === null) throw new ElementError('TRN', 'segment is missing (reassociation trace number)');
    if (this.remit.payerName === null && this.remit.payerId === null) throw new ElementError('N1*PR', 'segment is missing (payer identification)');
    return this.remit;
  }

  #needClaim(tag: string): ClaimPayment {
    if (!this.#claim) throw new ElementError(tag, 'appears before any CLP (claim payment)');
    return this.#claim;
  }

  #dtm(e: readonly string[]): void {
    const q = e[0];
    const v = (): string => date(e[1], 'DTM02');
    if (this.#line) {
      if (q === '472' || q === '150') this.#line.serviceDate = v();
      else if (q === '151') this.#line.serviceDateTo = v();
      return;
    }
    if (this.#claim) {
      if (q === '232') this.#claim.statementFrom = v();
      else if (q === '233') this.#claim.statementTo = v();
      else if (q === '050') this.#claim.receivedDate = v();
      return;
    }
    if (q === '405') this.remit.productionDate = v();
  }

  #clp(seg: Segment): void {
    const e = seg.elements;
    const status = required(e[1], 'CLP02');
    if (!(status in CLAIM_STATUS)) throw new ElementError('CLP02', 'is not a claim status code (1-4, 19-23, 25)');
    this.#line = null;
    this.#claim = {
      position: seg.position,
      claimId: required(e[0], 'CLP01'),
      statusCode: status,
      chargeCents: cents(e[2], 'CLP03'),
      paidCents: cents(e[3], 'CLP04'),
      patientRespCents: optionalCents(e[4], 'CLP05'),
      filingIndicator: optional(e[5]),
      payerClaimControl: optional(e[6]),
      statementFrom: null,
      statementTo: null,
      receivedDate: null,
      interestCents: null,
      promptPayCents: null,
      adjustments: [],
      remarks: [],
      lines: [],
    };
    this.remit.claims.push(this.#claim);
  }

  #cas(seg: Segment): void {
    const e = seg.elements;
    const group = required(e[0], 'CAS01');
    if (!(ADJUSTMENT_GROUPS as readonly string[]).includes(group)) throw new ElementError('CAS01', `is not an adjustment group (${ADJUSTMENT_GROUPS.join(', ')})`);
    const target = this.#line ?? this.#needClaim('CAS');
    // Up to six reason / amount / quantity triples: CAS02-04, CAS05-07, ... CAS17-19.
    for (let i = 1; i < e.length && i < 19; i += 3) {
      if (!e[i]) continue;
      const n = (k: number): string => `CAS${String(i + k + 1).padStart(2, '0')}`;
      const adj: Adjustment = { position: seg.position, group, carc: e[i]!.trim(), amountCents: cents(e[i + 1], n(1)), quantity: quantity(e[i + 2], n(2)) };
      target.adjustments.push(adj);
    }
    if (target.adjustments.length === 0) throw new ElementError('CAS02', 'is required (a reason code)');
  }

  #svc(seg: Segment): void {
    const e = seg.elements;
    const claim = this.#needClaim('SVC');
    const composite = required(e[0], 'SVC01').split(seg.separators.component);
    const line: ServiceLine = {
      position: seg.position,
      qualifier: composite[0] ?? '',
      procedureCode: required(composite[1], 'SVC01-2'),
      modifiers: composite.slice(2, 6).filter((m) => m !== ''),
      revenueCode: optional(e[3]),
      chargeCents: cents(e[1], 'SVC02'),
      paidCents: cents(e[2], 'SVC03'),
      units: quantity(e[4], 'SVC05') ?? '1',
      serviceDate: null,
      serviceDateTo: null,
      allowedCents: null,
      controlNumber: null,
      adjustments: [],
      remarks: [],
    };
    claim.lines.push(line);
    this.#line = line;
  }

  #amt(e: readonly string[]): void {
    const q = e[0];
    if (this.#line) {
      if (q === 'B6') this.#line.allowedCents = cents(e[1], 'AMT02');
      return;
    }
    if (!this.#claim) return;
    if (q === 'I') this.#claim.interestCents = cents(e[1], 'AMT02');
    else if (q === 'D8') this.#claim.promptPayCents = cents(e[1], 'AMT02');
  }

  #moaMia(tag: 'MOA' | 'MIA', e: readonly string[]): void {
    const claim = this.#needClaim(tag);
    // Remark codes: MOA03-07; MIA05 and MIA20-23.
    const idx = tag === 'MOA' ? [2, 3, 4, 5, 6] : [4, 19, 20, 21, 22];
    for (const i of idx) {
      const v = optional(e[i]);
      if (v) claim.remarks.push({ rarc: v, from: tag });
    }
  }

  #plb(seg: Segment): void {
    const e = seg.elements;
    this.#claim = null;
    this.#line = null;
    const providerId = required(e[0], 'PLB01');
    const fiscalDate = optionalDate(e[1], 'PLB02');
    // Up to six reason:reference / amount pairs: PLB03-04 ... PLB13-14.
    for (let i = 2; i < e.length && i < 14; i += 2) {
      if (!e[i]) continue;
      const [reason, reference] = e[i]!.split(seg.separators.component);
      const name = `PLB${String(i + 1).padStart(2, '0')}`;
      this.remit.plb.push({
        position: seg.position,
        providerId,
        fiscalDate,
        reason: required(reason, `${name}-1`),
        reference: optional(reference),
        amountCents: cents(e[i + 1], `PLB${String(i + 2).padStart(2, '0')}`),
      });
    }
  }
}
