/**
 * A read-only map from string keys to lists of values that stores 32-bit hashes of the keys
 * rather than the keys. Building the matcher's index for 100,000 records then makes no key
 * strings, no Map entries and no small arrays (which cost more than everything else put together
 * when an extension's worker restarts); a lookup hashes the key it is given, and checks each item
 * with that hash by computing the item's real key, so hash collisions never change an answer.
 *
 * Items are kept in the order they were added, and `get` answers them in that order, as a Map
 * built by pushing onto per-key lists would.
 */

import { isInt32Array } from './columns.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Murmur3's finalizer: spreads the bits of an FNV hash before the top ones pick a bucket. */
export function mixHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export const HASH_START = FNV_OFFSET;

/** One character into an FNV-1a hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** FNV-1a over a string's UTF-16 code units, first to last. */
export function hashString(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return mixHash(hash);
}

/** FNV-1a over a string's UTF-16 code units, last to first. */
export function hashStringBackwards(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = text.length - 1; i >= 0; i--) {
    hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  }
  return mixHash(hash);
}

/** Collects `(hash, item)` pairs; items are small integers that the lookup knows how to read. */
export class HashedItems {
  hashes: Int32Array;
  items: Int32Array;
  length = 0;

  /** `capacity`: how many are expected, so that the arrays need not grow. */
  constructor(capacity = 1024) {
    this.hashes = new Int32Array(Math.max(capacity, 16));
    this.items = new Int32Array(Math.max(capacity, 16));
  }

  push(hash: number, item: number): void {
    if (this.length === this.hashes.length) {
      const hashes = new Int32Array(this.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const items = new Int32Array(this.length * 2);
      items.set(this.items);
      this.items = items;
    }
    this.hashes[this.length] = hash;
    this.items[this.length++] = item;
  }
}

/**
 * A lookup's items grouped by bucket: what `restoreIndex` is given back to skip the build. Where
 * each bucket starts is not kept: one pass over the hashes finds it again, which costs less than
 * reading it back (an extension's restart reads every kept byte from disk).
 */
export interface HashedTable {
  hashes: Int32Array;
  items: Int32Array;
  shift: number;
}

function isTable(value: HashedItems | HashedTable): value is HashedTable {
  // Not `instanceof`: a table read back from storage may come from another realm's Int32Array.
  return !(value instanceof HashedItems);
}

/**
 * The lookup itself. Subclasses say how an item's key is computed (exactly as a Map-based index
 * would have keyed it; null when the item turns out to have none), what value an item stands for,
 * and how a key is hashed (the same hash the builder pushed for that key).
 */
export abstract class HashedLookup<V> implements ReadonlyMap<string, readonly V[]> {
  /** Hashes and items grouped by bucket, each bucket in the order the items were added. */
  private readonly hashes: Int32Array;
  private readonly items: Int32Array;
  private readonly bucketStarts: Int32Array;
  private readonly shift: number;
  /** Every key with its values, made only if someone asks for the size or iterates. */
  private materialized: Map<string, V[]> | undefined;

  protected constructor(
    collected: HashedItems | HashedTable,
    /** Whether a value that repeats its predecessor under the same key is left out. */
    private readonly collapseRepeats: boolean,
  ) {
    if (isTable(collected)) {
      const { hashes, items, shift } = collected;
      if (
        !(isInt32Array(hashes) && isInt32Array(items)) ||
        hashes.length !== items.length ||
        !Number.isInteger(shift) ||
        shift < 2 ||
        shift > 31
      ) {
        throw new Error('not a hashed lookup table');
      }
      // Bucket by bucket, as the builder grouped them: anything else is not such a table.
      const starts = new Int32Array(2 ** (32 - shift) + 1);
      let previous = 0;
      for (let i = 0; i < hashes.length; i++) {
        const bucket = hashes[i] >>> shift;
        if (bucket < previous) throw new Error('not a hashed lookup table');
        previous = bucket;
        starts[bucket + 1]++;
      }
      for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
      this.hashes = hashes;
      this.items = items;
      this.bucketStarts = starts;
      this.shift = shift;
      return;
    }
    const count = collected.length;
    let bits = 1;
    while (1 << bits < count && bits < 30) bits++;
    this.shift = 32 - bits;
    const starts = new Int32Array((1 << bits) + 1);
    const source = collected.hashes;
    for (let i = 0; i < count; i++) starts[(source[i] >>> this.shift) + 1]++;
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    const cursor = starts.slice(0, starts.length - 1);
    const hashes = new Int32Array(count);
    const items = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const at = cursor[source[i] >>> this.shift]++;
      hashes[at] = source[i];
      items[at] = collected.items[i];
    }
    this.hashes = hashes;
    this.items = items;
    this.bucketStarts = starts;
  }

  /** The buckets, to be kept and given back to a subclass's constructor instead of the items. */
  get table(): HashedTable {
    const { hashes, items, shift } = this;
    return { hashes, items, shift };
  }

  /** The key of `item`, computed as a Map-based index would have; null if it has none. */
  protected abstract keyOf(item: number): string | null;
  protected abstract valueOf(item: number): V;
  /** The hash the builder pushed for items with this key. */
  protected abstract hashOfKey(key: string): number;

  /** Whether no item was added: then no key can have values. Cheaper than `size`. */
  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  get(key: string): readonly V[] | undefined {
    if (typeof key !== 'string' || this.items.length === 0) return undefined;
    const hash = this.hashOfKey(key);
    const bucket = hash >>> this.shift;
    let found: V[] | undefined;
    for (let i = this.bucketStarts[bucket], end = this.bucketStarts[bucket + 1]; i < end; i++) {
      if (this.hashes[i] !== hash) continue;
      const item = this.items[i];
      if (this.keyOf(item) !== key) continue;
      const value = this.valueOf(item);
      if (found === undefined) found = [value];
      else if (!this.collapseRepeats || found[found.length - 1] !== value) found.push(value);
    }
    return found;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.all().size;
  }

  forEach(
    callback: (value: readonly V[], key: string, map: ReadonlyMap<string, readonly V[]>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, values] of this.all()) callback.call(thisArg, values, key, this);
  }

  entries(): MapIterator<[string, readonly V[]]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    return this.all().keys();
  }

  values(): MapIterator<readonly V[]> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[string, readonly V[]]> {
    return this.entries();
  }

  /** Every key in the order of its first item, as a Map-based index would hold them. */
  private all(): Map<string, V[]> {
    if (this.materialized) return this.materialized;
    const order = new Int32Array(this.items);
    order.sort();
    const map = new Map<string, V[]>();
    let previousItem = -1;
    for (const item of order) {
      // An item can be pushed under several hashes (a domain under each of its parent domains).
      if (item === previousItem) continue;
      previousItem = item;
      const key = this.keyOf(item);
      if (key === null) continue;
      const value = this.valueOf(item);
      const list = map.get(key);
      if (!list) map.set(key, [value]);
      else if (!this.collapseRepeats || list[list.length - 1] !== value) list.push(value);
    }
    this.materialized = map;
    return map;
  }
}
