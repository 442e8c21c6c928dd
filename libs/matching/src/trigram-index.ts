/**
 * Fuzzy name lookup by trigram similarity (as pg_trgm computes it) without scanning every name:
 * posting lists from trigram to names, read from the rarest up to a fixed budget, then the best
 * few candidates are scored exactly. Used only when nothing matched exactly, so it only ever
 * produces "possible match".
 *
 * It is built for 100,000 records in a browser extension, so it avoids one JavaScript object per
 * trigram: trigrams are packed into integers, found through an open-addressing table, and the
 * posting lists live in one Int32Array.
 */

export interface FuzzyHit<T> {
  /** What was added with the name (the matcher adds records). */
  value: T;
  /** The normalized name that was similar. */
  name: string;
  similarity: number;
}

export interface FuzzySearchOptions {
  minSimilarity: number;
  limit: number;
}

// Characters get small ids in order of first appearance; three ids below 1024 pack into one
// 30-bit integer. Wider alphabets (a registry in several scripts) use larger keys, kept apart.
const SMALL_ID_LIMIT = 1024;
const ID_BASE = 131072; // above any UTF-16 code unit count
const LARGE_KEY_OFFSET = 2 ** 30;
// Ids for characters of a query that appear in no indexed name: distinct, never found.
const UNKNOWN_ID_START = 100_000;

/** How many postings one search may read; a name made only of common words stops early. */
const POSTING_BUDGET = 2500;
/** How many candidates are scored exactly after counting. */
const CANDIDATES_TO_VERIFY = 8;

function trigramKey(a: number, b: number, c: number): number {
  if (a < SMALL_ID_LIMIT && b < SMALL_ID_LIMIT && c < SMALL_ID_LIMIT) {
    return (a << 20) | (b << 10) | c;
  }
  return LARGE_KEY_OFFSET + (a * ID_BASE + b) * ID_BASE + c;
}

/**
 * Writes the key of each trigram of a normalized name into `keys` and returns how many there
 * are; each word is padded "  word " as pg_trgm does. A key repeats when the name repeats a
 * trigram. `keys` must hold 2 × name.length + 2 numbers.
 */
function trigramKeysInto(name: string, idOf: (code: number) => number, keys: Float64Array): number {
  const space = idOf(32);
  let count = 0;
  let previous2 = space;
  let previous1 = space;
  let inWord = false;
  for (let i = 0; i <= name.length; i++) {
    const code = i < name.length ? name.charCodeAt(i) : 32;
    if (code === 32) {
      if (inWord) keys[count++] = trigramKey(previous2, previous1, space);
      previous2 = space;
      previous1 = space;
      inWord = false;
      continue;
    }
    const id = idOf(code);
    keys[count++] = trigramKey(previous2, previous1, id);
    previous2 = previous1;
    previous1 = id;
    inWord = true;
  }
  return count;
}

function grown(array: Int32Array<ArrayBuffer>, minLength: number): Int32Array<ArrayBuffer> {
  if (array.length >= minLength) return array;
  const next = new Int32Array(Math.max(minLength, array.length * 2));
  next.set(array);
  return next;
}

const INITIAL_TABLE_BITS = 15;

/**
 * Trigram key → slot number. Open addressing over typed arrays, Fibonacci hashing (the top bits
 * of key × 2^32/φ, since packed keys differ mostly in their low bits); large keys go to a Map.
 */
class SlotTable {
  private bits = INITIAL_TABLE_BITS;
  private keys = new Int32Array(1 << INITIAL_TABLE_BITS).fill(-1);
  private slots = new Int32Array(1 << INITIAL_TABLE_BITS);
  private readonly largeKeys = new Map<number, number>();
  size = 0;

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
  }

  get(key: number): number {
    if (key >= LARGE_KEY_OFFSET) return this.largeKeys.get(key) ?? -1;
    const mask = this.keys.length - 1;
    for (let at = this.home(key); ; at = (at + 1) & mask) {
      const stored = this.keys[at];
      if (stored === key) return this.slots[at];
      if (stored === -1) return -1;
    }
  }

  getOrAdd(key: number): number {
    if (key >= LARGE_KEY_OFFSET) {
      let slot = this.largeKeys.get(key);
      if (slot === undefined) {
        slot = this.size++;
        this.largeKeys.set(key, slot);
      }
      return slot;
    }
    const mask = this.keys.length - 1;
    for (let at = this.home(key); ; at = (at + 1) & mask) {
      const stored = this.keys[at];
      if (stored === key) return this.slots[at];
      if (stored === -1) {
        const slot = this.size++;
        this.keys[at] = key;
        this.slots[at] = slot;
        if ((this.size - this.largeKeys.size) * 2 > mask) this.grow();
        return slot;
      }
    }
  }

  private grow(): void {
    const { keys, slots } = this;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(-1);
    this.slots = new Int32Array(1 << this.bits);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === -1) continue;
      let at = this.home(key);
      while (this.keys[at] !== -1) at = (at + 1) & mask;
      this.keys[at] = key;
      this.slots[at] = slots[i]!;
    }
  }
}

export class TrigramIndex<T> {
  /** Character code → small id, -1 when the character is in no indexed name. */
  private readonly charIds = new Int32Array(65536).fill(-1);
  private alphabetSize = 0;
  private readonly table = new SlotTable();
  private readonly entryValues: T[] = [];
  private readonly entryNames: string[] = [];
  /** The distinct trigram slots of every entry, one after the other. */
  private stream = new Int32Array(1 << 16);
  private streamLength = 0;
  /** Where each entry's slots end in `stream` (they start where the previous entry's end). */
  private entryEnds = new Int32Array(1 << 12);
  private slotCounts = new Int32Array(1 << 12);
  private slotLastEntry = new Int32Array(1 << 12).fill(-1);
  /** Posting lists, laid out by `freeze`: slot s is postings[starts[s]..starts[s+1]). */
  private postings: Int32Array | null = null;
  private postingStarts = new Int32Array(0);
  private counts = new Uint16Array(0);
  private scratch = new Float64Array(256);

  constructor() {
    for (const char of ' abcdefghijklmnopqrstuvwxyz0123456789')
      this.idForIndexing(char.charCodeAt(0));
  }

  get size(): number {
    return this.entryNames.length;
  }

  /** Adds one name of `value`; `normalizedName` is the output of `normalizeName`. */
  add(value: T, normalizedName: string): void {
    if (normalizedName === '') return;
    const entry = this.entryNames.length;
    const keys = this.scratchFor(normalizedName);
    const keyCount = trigramKeysInto(normalizedName, this.idForIndexing, keys);
    this.stream = grown(this.stream, this.streamLength + keyCount);
    this.slotCounts = grown(this.slotCounts, this.table.size + keyCount);
    if (this.slotLastEntry.length < this.table.size + keyCount) {
      const previousLength = this.slotLastEntry.length;
      this.slotLastEntry = grown(this.slotLastEntry, this.table.size + keyCount);
      this.slotLastEntry.fill(-1, previousLength);
    }
    for (let i = 0; i < keyCount; i++) {
      const slot = this.table.getOrAdd(keys[i]);
      if (this.slotLastEntry[slot] === entry) continue; // the name repeats this trigram
      this.slotLastEntry[slot] = entry;
      this.slotCounts[slot]++;
      this.stream[this.streamLength++] = slot;
    }
    this.entryEnds = grown(this.entryEnds, entry + 1);
    this.entryEnds[entry] = this.streamLength;
    this.entryValues.push(value);
    this.entryNames.push(normalizedName);
    this.postings = null;
  }

  /** Lays the posting lists out; done once after loading, and again only if names are added. */
  freeze(): void {
    if (this.postings) return;
    const slotTotal = this.table.size;
    const starts = new Int32Array(slotTotal + 1);
    for (let slot = 0; slot < slotTotal; slot++) {
      starts[slot + 1] = starts[slot] + this.slotCounts[slot];
    }
    const postings = new Int32Array(this.streamLength);
    const cursor = starts.slice(0, slotTotal);
    let position = 0;
    for (let entry = 0; entry < this.entryNames.length; entry++) {
      // Entries are visited in order, so every posting list comes out sorted.
      for (const end = this.entryEnds[entry]; position < end; position++) {
        const slot = this.stream[position];
        postings[cursor[slot]++] = entry;
      }
    }
    this.postingStarts = starts;
    this.postings = postings;
    this.counts = new Uint16Array(this.entryNames.length);
  }

  /** The most similar names, at most one per record, best first. */
  search(normalizedName: string, options: FuzzySearchOptions): FuzzyHit<T>[] {
    if (normalizedName === '' || this.entryNames.length === 0) return [];
    this.freeze();
    const postings = this.postings!;
    const starts = this.postingStarts;

    // The query's distinct trigrams: known ones by slot, unknown ones only counted.
    const unknownIds = new Map<number, number>();
    const idOf = (code: number) => {
      const id = this.charIds[code];
      if (id !== -1) return id;
      let temporary = unknownIds.get(code);
      if (temporary === undefined) {
        temporary = UNKNOWN_ID_START + unknownIds.size;
        unknownIds.set(code, temporary);
      }
      return temporary;
    };
    const keys = this.scratchFor(normalizedName);
    const queryKeys = new Set<number>();
    const keyCount = trigramKeysInto(normalizedName, idOf, keys);
    for (let i = 0; i < keyCount; i++) queryKeys.add(keys[i]);
    const queryCount = queryKeys.size;
    const querySlots = new Set<number>();
    for (const key of queryKeys) {
      const slot = this.table.get(key);
      if (slot !== -1) querySlots.add(slot);
    }
    if (querySlots.size === 0) return [];
    const slots = [...querySlots].sort(
      (a, b) => starts[a + 1] - starts[a] - (starts[b + 1] - starts[b]),
    );
    // Every list is long: the name is made of words many registered names share, and any
    // "possible match" would be arbitrary.
    if (starts[slots[0] + 1] - starts[slots[0]] > POSTING_BUDGET) return [];

    // Which lists fit the budget is known from their lengths alone, so is the number skipped.
    let read = 0;
    let skipped = 0;
    const readSlots: number[] = [];
    for (const slot of slots) {
      const length = starts[slot + 1] - starts[slot];
      if (read + length > POSTING_BUDGET) {
        skipped++;
      } else {
        read += length;
        readSlots.push(slot);
      }
    }
    // Similarity ≥ t needs shared ≥ t × |query| (the union is at least the query), and at most
    // `skipped` shared trigrams can hide in unread lists: fewer counted cannot make it.
    const minCount = Math.max(1, Math.ceil(options.minSimilarity * queryCount) - skipped);

    const counts = this.counts;
    const touched: number[] = [];
    const reachable: number[] = [];
    for (const slot of readSlots) {
      for (let i = starts[slot], to = starts[slot + 1]; i < to; i++) {
        const entry = postings[i];
        const count = ++counts[entry];
        if (count === 1) touched.push(entry);
        if (count === minCount) reachable.push(entry);
      }
    }

    // The entries with the most shared trigrams among those that can still reach the threshold,
    // kept in a small sorted array: sorting every touched entry costs more than the search.
    const candidates: number[] = [];
    for (const entry of reachable) {
      const entryCount = this.trigramCount(entry);
      const count = counts[entry];
      // Best case: every skipped trigram is shared too. Drop what cannot reach the threshold.
      const shared = Math.min(count + skipped, entryCount, queryCount);
      if (shared / (queryCount + entryCount - shared) < options.minSimilarity) continue;
      const worst = candidates[candidates.length - 1];
      if (candidates.length === CANDIDATES_TO_VERIFY && count <= counts[worst]) continue;
      let at = Math.min(candidates.length, CANDIDATES_TO_VERIFY - 1);
      while (at > 0 && counts[candidates[at - 1]] < count) at--;
      candidates.splice(at, 0, entry);
      if (candidates.length > CANDIDATES_TO_VERIFY) candidates.pop();
    }
    for (const entry of touched) counts[entry] = 0;

    const bestByValue = new Map<T, FuzzyHit<T>>();
    for (const entry of candidates) {
      const similarity = this.similarity(querySlots, queryCount, entry);
      if (similarity < options.minSimilarity) continue;
      const value = this.entryValues[entry];
      const previous = bestByValue.get(value);
      if (!previous || previous.similarity < similarity) {
        bestByValue.set(value, { value, name: this.entryNames[entry], similarity });
      }
    }
    return [...bestByValue.values()]
      .sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name))
      .slice(0, options.limit);
  }

  private trigramCount(entry: number): number {
    return this.entryEnds[entry] - (entry === 0 ? 0 : this.entryEnds[entry - 1]);
  }

  private similarity(querySlots: ReadonlySet<number>, queryCount: number, entry: number): number {
    const end = this.entryEnds[entry];
    const start = entry === 0 ? 0 : this.entryEnds[entry - 1];
    let shared = 0;
    for (let i = start; i < end; i++) if (querySlots.has(this.stream[i])) shared++;
    return shared / (queryCount + (end - start) - shared);
  }

  private scratchFor(name: string): Float64Array {
    if (this.scratch.length < name.length * 2 + 2) this.scratch = new Float64Array(name.length * 4);
    return this.scratch;
  }

  private readonly idForIndexing = (code: number): number => {
    let id = this.charIds[code];
    if (id === -1) {
      id = this.alphabetSize++;
      this.charIds[code] = id;
    }
    return id;
  };
}
