/**
 * Synthetic patients of the demo practice: ids with leading zeros ('P0000123'), each with an
 * insurance (a payer from the payer mix, pediatric or adult) and a benefit plan (copay,
 * deductible, coinsurance) that sets the patient's share on each claim. Each provider keeps a
 * panel: established visits come from it, new patients join it.
 */
import { ADULT_PAYER_MIX, CHILD_PAYER_MIX, type Payer } from './payers.ts';
import type { Rng } from './random.ts';

export interface BenefitPlan {
  readonly copayCents: number;
  /** Yearly deductible; resets each 1 January. */
  readonly deductibleCents: number;
  readonly coinsuranceBp: number;
}

export interface Patient {
  readonly id: string;
  readonly payer: Payer;
  readonly plan: BenefitPlan;
  /** Deductible state: the year it applies to and what is left of it. */
  deductibleYear: number;
  deductibleLeftCents: number;
}

const plan = (copayCents: number, deductibleCents: number, coinsuranceBp: number): BenefitPlan => ({ copayCents, deductibleCents, coinsuranceBp });
const NONE = plan(0, 0, 0);

function benefitPlan(rng: Rng, payer: Payer): BenefitPlan {
  switch (payer.payerClass) {
    case 'commercial': {
      const u = rng.next();
      if (u < 0.72) return plan(rng.pick([2000, 3000, 4000]), 0, 0);
      if (u < 0.84) return plan(0, rng.pick([100_000, 150_000, 200_000]), 1000); // high-deductible plan
      return plan(0, 25_000, 2000);
    }
    case 'medicare':
      return payer.id === 'MCB' ? plan(0, 25_700, 2000) : plan(2000, 0, 0); // Part B; Advantage plan copay
    case 'medicaid':
      return rng.chance(0.5) ? plan(300, 0, 0) : NONE;
    case 'other':
      return plan(0, 0, 1000);
    case 'workers_comp':
    case 'self_pay':
      return NONE;
  }
}

/** Every patient of the practice, and each provider's panel. */
export class PatientBook {
  private nextNumber = 1;
  private readonly panels = new Map<string, Patient[]>();

  constructor(private readonly rng: Rng) {}

  /** A patient new to the practice, added to the provider's panel. */
  newPatient(providerId: string, pediatric: boolean): Patient {
    const payer = (pediatric ? CHILD_PAYER_MIX : ADULT_PAYER_MIX).pick(this.rng);
    const p: Patient = {
      id: `P${String(this.nextNumber++).padStart(7, '0')}`,
      payer,
      plan: benefitPlan(this.rng, payer),
      deductibleYear: 0,
      deductibleLeftCents: 0,
    };
    let panel = this.panels.get(providerId);
    if (!panel) this.panels.set(providerId, (panel = []));
    panel.push(p);
    return p;
  }

  /** A patient already on the provider's panel (a new one if the panel is empty). */
  established(providerId: string, pediatric: boolean): Patient {
    const panel = this.panels.get(providerId);
    return panel && panel.length > 0 ? this.rng.pick(panel) : this.newPatient(providerId, pediatric);
  }

  /** Fill a provider's panel with `n` patients seen before the data starts. */
  seedPanel(providerId: string, pediatric: boolean, n: number): void {
    for (let i = 0; i < n; i++) this.newPatient(providerId, pediatric);
  }
}
