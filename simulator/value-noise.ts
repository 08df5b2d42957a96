/** Mixes integers into a well-spread unsigned 32-bit hash (murmur3 finaliser over each input). */
export function hash32(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    let k = Math.imul(value | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A deterministic uniform value in [0, 1) for the given integer coordinates. */
export function unitHash(...values: number[]): number {
  return hash32(...values) / 4294967296;
}

/**
 * Smooth 1-D value noise in [-1, 1]: random values on an integer lattice, blended with smoothstep.
 * Evaluable at any point in O(1), which is what lets the market answer any time range without
 * replaying a walk from the beginning.
 */
export function valueNoise(x: number, ...salt: number[]): number {
  const k = Math.floor(x);
  const f = x - k;
  const a = unitHash(...salt, k) * 2 - 1;
  const b = unitHash(...salt, k + 1) * 2 - 1;
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}
