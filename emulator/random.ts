/**
 * A small seeded random source (mulberry32) whose whole state is one 32-bit integer, so that the
 * emulator's choices are reproducible for a seed and survive a restart through the state file.
 */
export class SeededRandom {
  #state: number;

  constructor(state: number) {
    this.#state = state >>> 0;
  }

  /** Derives independent streams (inventory, fates, faults, ids) from one configured seed. */
  static derive(seed: number, stream: string): SeededRandom {
    let hash = 2166136261 ^ (seed >>> 0);
    for (const char of `${stream}:${seed}`) {
      hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
    }
    return new SeededRandom(hash >>> 0);
  }

  get state(): number {
    return this.#state;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Uniform in [min, max]. */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `rate`; always draws, so the stream does not depend on the rate. */
  chance(rate: number): boolean {
    return this.next() < rate;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** A random (version 4 layout) lower-case UUID. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(4) + 8) & 0xf).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const a = items[i] as T;
      items[i] = items[j] as T;
      items[j] = a;
    }
    return items;
  }
}
