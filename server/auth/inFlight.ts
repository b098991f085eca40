/**
 * Bounds on the sign-in work one key can queue, and one-at-a-time sections per key.
 * - `InFlight` counts attempts being checked per key (an IP address, a username); `enter`
 *   refuses, synchronously, a key already at its bound, so one client can hold at most that
 *   many password hashes in the shared hashing queue and others' sign-ins stay prompt.
 * - `KeyedMutex` runs sections for the same key one after another (reading an account's
 *   counters and writing the reserved failure back is one step no other attempt interleaves).
 * Both are in memory: the server process is the only one that holds the warehouse.
 */

export class InFlight {
  readonly #counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Take a slot for `key`; false (and nothing taken) when it already has `max`. */
  enter(key: string): boolean {
    const n = this.#counts.get(key) ?? 0;
    if (n >= this.max) return false;
    this.#counts.set(key, n + 1);
    return true;
  }

  leave(key: string): void {
    const n = (this.#counts.get(key) ?? 1) - 1;
    if (n <= 0) this.#counts.delete(key);
    else this.#counts.set(key, n);
  }

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }
}

export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.#tails.set(key, tail);
    await before;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
