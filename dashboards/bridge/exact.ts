/**
 * Exact integer arithmetic for the bridge: rounding of a rational half away from zero, and
 * apportionment of exact shares to whole units that sum to a given total (largest remainder).
 * Everything is bigint: no binary floating point touches an amount or a contribution.
 */

/** p / q rounded half away from zero (q > 0). */
export function roundDiv(p: bigint, q: bigint): bigint {
  if (q <= 0n) throw new RangeError('roundDiv: the divisor must be positive');
  const a = p < 0n ? -p : p;
  const r = (2n * a + q) / (2n * q);
  return p < 0n ? -r : r;
}

/** floor(p / q) for q > 0. */
function floorDiv(p: bigint, q: bigint): bigint {
  const d = p / q;
  return p % q !== 0n && p < 0n ? d - 1n : d;
}

/**
 * Whole units n_i with sum(n_i) = total, each within one unit of its exact share parts[i] / q
 * (q > 0). Largest remainder: every share is floored, then the units still owed go one each to
 * the largest remainders (ties: the earlier item); units owed back come off the smallest.
 * Deterministic for a given order of `parts`.
 * Example: apportion([1n, 1n, 1n], 3n, 1n) -> [1n, 0n, 0n].
 */
export function apportion(parts: readonly bigint[], q: bigint, total: bigint): bigint[] {
  if (parts.length === 0) {
    if (total !== 0n) throw new RangeError('apportion: a non-zero total over no parts');
    return [];
  }
  const floors = parts.map((p) => floorDiv(p, q));
  const rems = parts.map((p, i) => p - floors[i]! * q);
  let owed = total - floors.reduce((a, b) => a + b, 0n);
  const order = parts.map((_, i) => i);
  if (owed > 0n) {
    order.sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
    for (let k = 0; owed > 0n; k = (k + 1) % order.length, owed -= 1n) floors[order[k]!] = floors[order[k]!]! + 1n;
  } else if (owed < 0n) {
    order.sort((a, b) => (rems[a]! > rems[b]! ? 1 : rems[a]! < rems[b]! ? -1 : a - b));
    for (let k = 0; owed < 0n; k = (k + 1) % order.length, owed += 1n) floors[order[k]!] = floors[order[k]!]! - 1n;
  }
  return floors;
}
