/**
 * Arrow Decimal128 values to and from exact integers. An Arrow decimal is its unscaled integer
 * (cents, for DECIMAL(18,2)) as 128-bit little-endian two's complement, four 32-bit words; the
 * apache-arrow builders take and return those words, so money never passes through a double.
 */

const WORD = 0xffffffffn;

/** -1250n (i.e. -12.50 at scale 2) -> the four little-endian words Arrow stores. */
export function toDecimal128Words(unscaled: bigint): Uint32Array {
  if (BigInt.asIntN(128, unscaled) !== unscaled) throw new RangeError('value does not fit in 128 bits');
  let bits = BigInt.asUintN(128, unscaled);
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    words[i] = Number(bits & WORD);
    bits >>= 32n;
  }
  return words;
}

/** The inverse: Arrow's four words (a Decimal vector's value) -> the unscaled integer. */
export function fromDecimal128Words(words: Uint32Array): bigint {
  if (words.length !== 4) throw new RangeError(`a Decimal128 value has 4 words, not ${words.length}`);
  let bits = 0n;
  for (let i = 3; i >= 0; i--) bits = (bits << 32n) | BigInt(words[i] as number);
  return BigInt.asIntN(128, bits);
}
