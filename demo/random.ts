/**
 * Seeded pseudo-random numbers for the demo generator: the same seed and label give the same
 * sequence on every platform and Node version. The generator (sfc32, seeded through splitmix32,
 * both public domain and well studied) is written out here rather than taken from a library so
 * that no dependency upgrade can ever change the bytes of the demo files. Each part of the
 * practice draws from its own labelled stream, so changing how appointments are drawn leaves
 * payroll untouched.
 */

const TWO_32 = 4294967296;

/** FNV-1a over the label, mixed with both halves of the seed. */
function mixSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  h = Math.imul(h ^ Math.floor(seed / TWO_32), 0x01000193) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is a non-negative integer; `label` names the stream (e.g. 'payroll'). */
  constructor(seed: number, label = '') {
    let s = mixSeed(seed, label);
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let t = s ^ (s >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) | 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / TWO_32;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Integer from a triangular distribution on [lo, hi] peaking at `mode` (skewed waits, lags). */
  triangular(lo: number, mode: number, hi: number): number {
    const u = this.next();
    const f = (mode - lo) / (hi - lo);
    const x = u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    return Math.min(hi, Math.max(lo, Math.round(x)));
  }

  /**
   * Near-normal deviate: the sum of 12 uniforms (Irwin-Hall), exact in every engine, where
   * Box-Muller's log and cos may differ in the last bit between platforms.
   */
  normal(mean: number, sd: number): number {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += this.next();
    return mean + sd * (sum - 6);
  }
}

/** Picks among weighted choices; weights need not sum to 1. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    this.items = entries.map(([item]) => item);
    this.cumulative = entries.map(([, w]) => (total += w));
    this.cumulative = this.cumulative.map((c) => c / total);
  }

  pick(rng: Rng): T {
    const u = rng.next();
    const cum = this.cumulative;
    let i = 0;
    while (i < cum.length - 1 && u >= cum[i]!) i++;
    return this.items[i]!;
  }
}
