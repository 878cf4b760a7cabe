/** Deterministic randomness and Slack-shaped IDs for generated org data. */

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

/** A small seeded PRNG (mulberry32) so generated orgs are reproducible. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element; the caller guarantees a non-empty list. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** FNV-1a hash, used to derive stable IDs from names. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A stable Slack-looking ID (prefix + uppercase alphanumerics) derived from a name. */
export function stableId(prefix: string, name: string, length = 9): string {
  const rng = createRng(hash(`${prefix}:${name}`));
  let id = prefix + '0';
  while (id.length < prefix.length + length) id += pick(rng, ALNUM);
  return id;
}

/** A unique ID for the n-th generated item: a base-36 counter keeps uniqueness, the rest is noise. */
export function serialId(prefix: string, n: number, rng: () => number, length = 10): string {
  const counter = n.toString(36).toUpperCase().padStart(5, '0');
  let id = prefix + '0' + counter;
  while (id.length < prefix.length + length) id += pick(rng, ALNUM);
  return id;
}
