/**
 * Walks the X12 envelope of a file: interchanges (ISA/IEA), functional groups (GS/GE) and
 * transactions (ST/SE), any number of each, and hands every complete 835 transaction to the
 * caller one at a time (memory holds one transaction). Guarantees: a transaction is accepted
 * only when its SE closes it with the right segment count and control number and every value
 * in it reads; otherwise it is rejected whole, with the position of the segment at fault and
 * the rule, and every claim (CLP) in it counts as rejected. Group and interchange counts and
 * control numbers are checked too; a mismatch there is reported without rejecting the
 * transactions that were complete. A file that ends early rejects what it left open.
 */
import { ElementError } from './elements.ts';
import { Era835Builder } from './era835.ts';
import type { Remittance } from './model.ts';
import { SegmentError, type Segment } from './segmentReader.ts';

export interface EnvelopeReject {
  /** Position of the segment at fault (1-based, in the file). */
  readonly position: number;
  /** Segment or element named by the reason (e.g. SE01, CLP03). */
  readonly element: string | null;
  readonly reason: string;
  /** Claims (CLP segments) the reject takes with it. */
  readonly claims: number;
  /** A complete transaction whose trace number was already loaded (not an error in the file). */
  readonly duplicate?: boolean;
}

export interface EnvelopeSink {
  transaction(remit: Remittance): Promise<void>;
  reject(r: EnvelopeReject): void;
}

interface OpenTxn {
  readonly builder: Era835Builder;
  readonly st: Segment;
  segments: number;
  claims: number;
  error: { position: number; element: string | null; reason: string } | null;
}

export async function walkEnvelope(batches: AsyncIterable<readonly Segment[]>, sink: EnvelopeSink): Promise<void> {
  let isa: Segment | null = null;
  let groups = 0;
  let gs: Segment | null = null;
  let txns = 0;
  let txn: OpenTxn | null = null;
  let last = 0;

  const rejectTxn = (position: number, element: string | null, reason: string): void => {
    if (!txn) return;
    const t = txn;
    txn = null;
    const why = t.error ?? { position, element, reason };
    sink.reject({ ...why, claims: t.claims });
  };

  try {
    for await (const batch of batches) for (const seg of batch) {
      last = seg.position;
      const e = seg.elements;
      switch (seg.tag) {
        case 'ISA':
          if (txn) rejectTxn(seg.position, 'SE', 'the transaction has no SE before the next interchange');
          if (isa) sink.reject({ position: seg.position, element: 'IEA', reason: 'the previous interchange has no IEA', claims: 0 });
          isa = seg;
          groups = 0;
          gs = null;
          continue;
        case 'GS':
          if (!isa) sink.reject({ position: seg.position, element: 'ISA', reason: 'a functional group outside an interchange', claims: 0 });
          if (txn) rejectTxn(seg.position, 'SE', 'the transaction has no SE before the next functional group');
          gs = seg;
          txns = 0;
          groups++;
          continue;
        case 'ST': {
          if (txn) rejectTxn(seg.position, 'SE', 'the transaction has no SE before the next ST');
          txns++;
          const version = e[2] || gs?.elements[7] || '';
          txn = {
            builder: new Era835Builder({ position: seg.position, isaControl: isa?.elements[12] ?? '', gsControl: gs?.elements[5] ?? '', stControl: e[1] ?? '', version }),
            st: seg,
            segments: 1,
            claims: 0,
            error: null,
          };
          if (!gs) txn.error = { position: seg.position, element: 'GS', reason: 'a transaction outside a functional group' };
          else if (e[0] !== '835') txn.error = { position: seg.position, element: 'ST01', reason: 'is not 835 (this reader loads remittance advice only)' };
          continue;
        }
        case 'SE': {
          if (!txn) {
            sink.reject({ position: seg.position, element: 'SE', reason: 'an SE without its ST', claims: 0 });
            continue;
          }
          const t: OpenTxn = txn;
          t.segments++;
          if (Number(e[0]) !== t.segments) rejectTxn(seg.position, 'SE01', `says ${/^\d+$/.test(e[0] ?? '') ? Number(e[0]) : 'no number of'} segments; the transaction has ${t.segments}`);
          else if ((e[1] ?? '') !== (t.st.elements[1] ?? '')) rejectTxn(seg.position, 'SE02', 'does not match the ST02 control number');
          else if (t.error) rejectTxn(seg.position, null, '');
          else {
            txn = null;
            let remit: Remittance;
            try {
              remit = t.builder.finish();
            } catch (err) {
              if (!(err instanceof ElementError)) throw err;
              sink.reject({ position: t.st.position, element: err.element, reason: err.reason, claims: t.claims });
              continue;
            }
            await sink.transaction(remit);
          }
          continue;
        }
        case 'GE':
          if (txn) rejectTxn(seg.position, 'SE', 'the transaction has no SE before the GE');
          if (!gs) sink.reject({ position: seg.position, element: 'GE', reason: 'a GE without its GS', claims: 0 });
          else if (Number(e[0]) !== txns) sink.reject({ position: seg.position, element: 'GE01', reason: `says ${e[0] ?? ''} transactions; the group has ${txns}`, claims: 0 });
          else if ((e[1] ?? '') !== (gs.elements[5] ?? '')) sink.reject({ position: seg.position, element: 'GE02', reason: 'does not match the GS06 control number', claims: 0 });
          gs = null;
          continue;
        case 'IEA':
          if (txn) rejectTxn(seg.position, 'SE', 'the transaction has no SE before the IEA');
          if (gs) sink.reject({ position: seg.position, element: 'GE', reason: 'the functional group has no GE before the IEA', claims: 0 });
          if (!isa) sink.reject({ position: seg.position, element: 'IEA', reason: 'an IEA without its ISA', claims: 0 });
          else if (Number(e[0]) !== groups) sink.reject({ position: seg.position, element: 'IEA01', reason: `says ${e[0] ?? ''} functional groups; the interchange has ${groups}`, claims: 0 });
          else if ((e[1] ?? '') !== (isa.elements[12] ?? '')) sink.reject({ position: seg.position, element: 'IEA02', reason: 'does not match the ISA13 control number', claims: 0 });
          isa = null;
          gs = null;
          continue;
        default: {
          if (!txn) {
            sink.reject({ position: seg.position, element: seg.tag, reason: 'a segment outside any transaction (ST/SE)', claims: 0 });
            continue;
          }
          const t: OpenTxn = txn;
          t.segments++;
          if (seg.tag === 'CLP') t.claims++;
          if (t.error) continue;
          try {
            t.builder.add(seg);
          } catch (err) {
            if (!(err instanceof ElementError)) throw err;
            t.error = { position: seg.position, element: err.element, reason: err.reason };
          }
        }
      }
    }
  } catch (err) {
    if (!(err instanceof SegmentError)) throw err;
    if (txn) rejectTxn(err.position, err.element, err.reason);
    else sink.reject({ position: err.position, element: err.element, reason: err.reason, claims: 0 });
    return;
  }
  const end = last + 1;
  if (txn) rejectTxn(end, 'SE', 'the file ends before the transaction\'s SE');
  if (gs) sink.reject({ position: end, element: 'GE', reason: 'the file ends before the functional group\'s GE', claims: 0 });
  if (isa) sink.reject({ position: end, element: 'IEA', reason: 'the file ends before the interchange\'s IEA', claims: 0 });
}
