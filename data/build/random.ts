// Seeded randomness: the demo data must be byte-identical between builds, so nothing here may
// touch Math.random or the clock.

export const DEFAULT_SEED = 20161;

/** mulberry32: tiny, fast and good enough for demo data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to derive independent streams from one seed and a label. */
function hashLabel(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface Random {
  /** Float in [0, 1). */
  next(): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** One item, with probability proportional to the weight at the same index. */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Picks `count` distinct items, each draw proportional to its weight. */
  weightedSample<T>(items: readonly T[], weight: (item: T) => number, count: number): T[];
  /**
   * An independent stream for one part of the build, so that drawing more numbers in one part
   * (say, a geometry retry) does not reshuffle the attributes of another.
   */
  fork(label: string): Random;
}

export function createRandom(seed: number = DEFAULT_SEED): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(items.length * next())];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor((i + 1) * next());
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    pickWeighted: (items, weights) => {
      const [picked] = random.weightedSample(items.map((item, i) => ({ item, weight: weights[i] })), (entry) => entry.weight, 1);
      if (!picked) throw new Error('pickWeighted from an empty list');
      return picked.item;
    },
    weightedSample: (items, weight, count) => {
      const pool = items.map((item) => ({ item, weight: weight(item) }));
      const chosen: (typeof items)[number][] = [];
      while (chosen.length < count && pool.length > 0) {
        const total = pool.reduce((sum, entry) => sum + entry.weight, 0);
        let target = next() * total;
        let index = pool.findIndex((entry) => (target -= entry.weight) < 0);
        if (index < 0) index = pool.length - 1; // float rounding left a sliver past the last weight
        chosen.push(pool[index].item);
        pool.splice(index, 1);
      }
      return chosen;
    },
    fork: (label) => createRandom(hashLabel(seed, label)),
  };
  return random;
}
