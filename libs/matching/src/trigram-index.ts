import { isInt32Array, type Column } from './columns.js';

/**
 * Fuzzy name lookup by trigram similarity (as pg_trgm computes it) without scanning every name:
 * posting lists from trigram to names, read from the rarest up to a fixed budget, then the best
 * few candidates are scored exactly. Used only when nothing matched exactly, so it only ever
 * produces "possible match".
 *
 * It is built for 100,000 records in a browser extension, so it avoids one JavaScript object per
 * trigram: trigrams are packed into integers, found through a direct table (or an open-addressing
 * one for large alphabets), and the posting lists live in one Int32Array. `add` only records the
 * name; `freeze` (or the first search) lays every list out in two passes over the names, and keeps
 * each name's trigrams as slots to score candidates by. An extension keeps all of it (`stored`)
 * and reads it back after its worker restarts (`restored`), the names then read from a column
 * only for the hits a search returns.
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
/** Trigrams of three characters with ids below this are found by direct indexing. */
const DIRECT_ID_BITS = 6;
const DIRECT_ID_LIMIT = 1 << DIRECT_ID_BITS;
const SPACE = 32;
// A count never exceeds the number of lists read, and every list read has a posting within the
// budget: 12 bits hold it. The 4 bits left stamp the search the count belongs to, so counts need
// zeroing only every 15 searches, and 16-bit counts keep the array small enough to stay in cache.
const COUNT_BITS = 12;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
const STAMP_LIMIT = (1 << (16 - COUNT_BITS)) - 1;

function trigramKey(a: number, b: number, c: number): number {
  if (a < SMALL_ID_LIMIT && b < SMALL_ID_LIMIT && c < SMALL_ID_LIMIT) {
    return (a << 20) | (b << 10) | c;
  }
  return LARGE_KEY_OFFSET + (a * ID_BASE + b) * ID_BASE + c;
}

const INITIAL_TABLE_BITS = 15;

/**
 * Trigram key → slot number, for trigrams with a character outside the direct table's alphabet.
 * Open addressing over typed arrays, Fibonacci hashing (the top bits of key × 2^32/φ, since packed
 * keys differ mostly in their low bits); large keys go to a Map.
 */
class SlotTable {
  private bits = INITIAL_TABLE_BITS;
  private keys: Int32Array = new Int32Array(1 << INITIAL_TABLE_BITS).fill(-1);
  private slots: Int32Array = new Int32Array(1 << INITIAL_TABLE_BITS);
  private readonly largeKeys = new Map<number, number>();
  /** Keys in the typed arrays. */
  private size = 0;

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

  /** Records the slot of a key that is not in the table yet. */
  set(key: number, slot: number): void {
    if (key >= LARGE_KEY_OFFSET) {
      this.largeKeys.set(key, slot);
      return;
    }
    const mask = this.keys.length - 1;
    let at = this.home(key);
    while (this.keys[at] !== -1) at = (at + 1) & mask;
    this.keys[at] = key;
    this.slots[at] = slot;
    if (++this.size * 2 > mask) this.grow();
  }

  /** The table as typed arrays and pairs, for `TrigramIndex.stored`. */
  stored(): StoredSlotTable {
    return {
      bits: this.bits,
      keys: this.keys,
      slots: this.slots,
      size: this.size,
      largeKeys: [...this.largeKeys].flat(),
    };
  }

  /** The table `stored` gave, its slots below `slotTotal`; throws if it cannot be that. */
  static restored(stored: StoredSlotTable, slotTotal: number): SlotTable {
    const { bits, keys, slots, size, largeKeys } = stored;
    const length = 2 ** bits;
    if (
      !Number.isInteger(bits) ||
      bits < INITIAL_TABLE_BITS ||
      bits > 30 ||
      keys.length !== length ||
      slots.length !== length ||
      !(size >= 0 && size * 2 <= length - 1) ||
      !Array.isArray(largeKeys) ||
      largeKeys.length % 2 !== 0
    ) {
      throw new Error('not a trigram slot table');
    }
    let used = 0;
    for (let i = 0; i < length; i++) {
      if (keys[i] === -1) continue;
      used++;
      if (!(slots[i] >= 0 && slots[i] < slotTotal)) throw new Error('not a trigram slot table');
    }
    // As many keys as it says, so that an empty place remains and every probe ends.
    if (used !== size) throw new Error('not a trigram slot table');
    const table = new SlotTable();
    table.bits = bits;
    table.keys = keys;
    table.slots = slots;
    table.size = size;
    for (let i = 0; i < largeKeys.length; i += 2) {
      if (!(largeKeys[i + 1] >= 0 && largeKeys[i + 1] < slotTotal)) {
        throw new Error('not a trigram slot table');
      }
      table.largeKeys.set(largeKeys[i], largeKeys[i + 1]);
    }
    return table;
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

interface StoredSlotTable {
  bits: number;
  keys: Int32Array;
  slots: Int32Array;
  size: number;
  /** Keys too large for the typed arrays, each followed by its slot. */
  largeKeys: number[];
}

/**
 * A laid-out index as typed arrays (`TrigramIndex.stored`): what a browser extension keeps beside
 * its snapshot, so that its first fuzzy search after a restart does not lay 130,000 names out again.
 */
export interface StoredTrigrams {
  /** The characters of the names, in the order of their ids. */
  alphabet: string;
  /** The direct table's used places, each followed by its slot (most of the table is empty). */
  directPairs: Int32Array;
  table: StoredSlotTable;
  slotTotal: number;
  /** The posting budget the lists were laid out for: lists longer than it are not kept. */
  budget: number;
  lengths: Int32Array;
  starts: Int32Array;
  postings: Int32Array;
  trigramCounts: Int32Array;
  /**
   * Each entry's distinct trigrams as slots, entry after entry (`trigramCounts` of each). Absent
   * from what earlier versions kept: a search then reads them from the names first, which made
   * the first page after a worker restart ~150 ms slower; kept, they cost 7.6 MB more to read back
   * for 100,000 synthetic recruiters.
   */
  entryTrigrams?: Uint16Array | Int32Array;
}

/** Posting lists and per-entry figures, laid out by `freeze` for the names added so far. */
interface Layout {
  /** Per slot: how many names have the trigram. */
  lengths: Int32Array;
  /**
   * Slot s's list is postings[starts[s]..starts[s+1]), empty for a list longer than the posting
   * budget: no search can read one (lists are read whole, within the budget), and such lists hold
   * most postings (three in four for 100,000 registered names), which a restart would read for
   * nothing. Their lengths still count when a search orders the query's lists.
   */
  starts: Int32Array;
  postings: Int32Array;
  /**
   * Entry e's distinct trigrams are entrySlots[entryStarts[e]..entryStarts[e + 1]): a candidate is
   * scored against the query's slots without reading its name (reading the eight candidates' names,
   * from wherever they lie in memory, and hashing their trigrams took about half of a search for a
   * misspelt name).
   */
  entryStarts: Int32Array;
  /**
   * 16 bits while there are few enough slots: 7.6 MB for 100,000 synthetic recruiters. Null in an
   * index restored without them until a search reads them from the names.
   */
  entrySlots: Uint16Array | Int32Array | null;
  /** Per entry: shared trigrams counted by a search, under that search's stamp (see COUNT_BITS). */
  counts: Uint16Array;
  /** Per slot: `searchMark` when the slot is one of the query's trigrams. */
  queryMarks: Int32Array;
}

/** The first `length` slots of a stream, in the narrowest array that holds them. */
function narrowSlots(stream: Int32Array, length: number, slotTotal: number) {
  const slots = slotTotal <= 0x10000 ? new Uint16Array(length) : new Int32Array(length);
  slots.set(stream.subarray(0, length));
  return slots;
}

/** Where each entry's trigrams begin, from how many each has; throws on a negative count. */
function entryStartsOf(trigramCounts: Int32Array): Int32Array {
  const starts = new Int32Array(trigramCounts.length + 1);
  for (let entry = 0; entry < trigramCounts.length; entry++) {
    if (!(trigramCounts[entry] >= 0)) throw new Error('not a trigram count');
    starts[entry + 1] = starts[entry] + trigramCounts[entry];
  }
  return starts;
}

/**
 * Kept entry slots, checked against the lists they were kept with (every slot one of them, as
 * many as the counts say); null when there are none, and throws when they cannot be those.
 */
function restoredEntrySlots(
  slots: unknown,
  entryStarts: Int32Array,
  slotTotal: number,
): Uint16Array | Int32Array | null {
  if (slots === undefined) return null;
  const type = Object.prototype.toString.call(slots);
  if (type !== '[object Uint16Array]' && type !== '[object Int32Array]') {
    throw new Error('not a stored trigram index');
  }
  const kept = slots as Uint16Array | Int32Array;
  if (entryStarts[entryStarts.length - 1] !== kept.length) {
    throw new Error('not a stored trigram index');
  }
  for (let i = 0; i < kept.length; i++) {
    if (!(kept[i] >= 0 && kept[i] < slotTotal)) throw new Error('not a stored trigram index');
  }
  return kept;
}

/** The lists with fresh counts and marks for searching them. */
function layoutOf(
  lengths: Int32Array,
  starts: Int32Array,
  postings: Int32Array,
  entryStarts: Int32Array,
  entrySlots: Uint16Array | Int32Array | null,
): Layout {
  return {
    lengths,
    starts,
    postings,
    entryStarts,
    entrySlots,
    counts: new Uint16Array(entryStarts.length - 1),
    queryMarks: new Int32Array(starts.length - 1),
  };
}

export class TrigramIndex<T> {
  /** Character code → small id, -1 when the character is in no indexed name. */
  private readonly charIds = new Int32Array(65536).fill(-1);
  private alphabetSize = 0;
  /** Arrays as `add` fills them; columns read from storage for a restored index. */
  private entryValues: Column<T> = [];
  private entryNames: Column<string> = [];
  private directSlots: Int32Array = new Int32Array(0);
  private table = new SlotTable();
  private slotTotal = 0;
  private layout: Layout | null = null;
  private searchMark = 0;
  private countStamp = 0;
  private querySlots = new Int32Array(64);
  private readonly candidates = new Int32Array(CANDIDATES_TO_VERIFY);

  constructor() {
    for (const char of ' abcdefghijklmnopqrstuvwxyz0123456789') this.idOf(char.charCodeAt(0));
  }

  get size(): number {
    return this.entryNames.length;
  }

  /**
   * What a restart needs to search without laying the lists out again: the lists and the tables
   * that find them (laid out first if they are not). The names and values are not in it: the
   * caller keeps them, and gives them back to `restored` in the same order.
   */
  stored(): StoredTrigrams {
    this.freeze();
    const { lengths, starts, postings } = this.layout!;
    const { entryStarts, entrySlots } = this.entryTrigrams();
    const trigramCounts = new Int32Array(entryStarts.length - 1);
    for (let entry = 0; entry < trigramCounts.length; entry++) {
      trigramCounts[entry] = entryStarts[entry + 1] - entryStarts[entry];
    }
    const codes = new Array<number>(this.alphabetSize);
    for (let code = 0; code < this.charIds.length; code++) {
      if (this.charIds[code] !== -1) codes[this.charIds[code]] = code;
    }
    const directPairs: number[] = [];
    for (let i = 0; i < this.directSlots.length; i++) {
      if (this.directSlots[i] !== -1) directPairs.push(i, this.directSlots[i]);
    }
    return {
      alphabet: codes.map((code) => String.fromCharCode(code)).join(''),
      directPairs: Int32Array.from(directPairs),
      table: this.table.stored(),
      slotTotal: this.slotTotal,
      budget: POSTING_BUDGET,
      lengths,
      starts,
      postings,
      trigramCounts,
      entryTrigrams: entrySlots,
    };
  }

  /**
   * The index `stored` gave, over the same names and values in the same order; throws when what
   * is given cannot be that index (out of bounds anywhere), so that the caller builds one instead.
   */
  static restored<T>(
    stored: StoredTrigrams,
    names: Column<string>,
    values: Column<T>,
  ): TrigramIndex<T> {
    const { alphabet, directPairs, slotTotal, lengths, starts, postings, trigramCounts } = stored;
    const entryCount = names.length;
    const fail = (): never => {
      throw new Error('not a stored trigram index');
    };
    const directLength = 1 << (3 * DIRECT_ID_BITS);
    if (
      values.length !== entryCount ||
      typeof alphabet !== 'string' ||
      alphabet.length >= UNKNOWN_ID_START ||
      !isInt32Array(directPairs) ||
      directPairs.length % 2 !== 0 ||
      !Number.isInteger(slotTotal) ||
      stored.budget !== POSTING_BUDGET ||
      !isInt32Array(lengths) ||
      lengths.length !== slotTotal ||
      !isInt32Array(starts) ||
      starts.length !== slotTotal + 1 ||
      starts[0] !== 0 ||
      !isInt32Array(postings) ||
      starts[slotTotal] !== postings.length ||
      !isInt32Array(trigramCounts) ||
      trigramCounts.length !== entryCount
    ) {
      fail();
    }
    for (let slot = 0; slot < slotTotal; slot++) {
      const kept = lengths[slot] <= POSTING_BUDGET ? lengths[slot] : 0;
      if (!(lengths[slot] >= 0 && starts[slot + 1] - starts[slot] === kept)) fail();
    }
    for (let i = 0; i < postings.length; i++) {
      if (!(postings[i] >= 0 && postings[i] < entryCount)) fail();
    }
    const directSlots = new Int32Array(directLength).fill(-1);
    for (let i = 0; i < directPairs.length; i += 2) {
      const [at, slot] = [directPairs[i], directPairs[i + 1]];
      if (!(at >= 0 && at < directLength && slot >= 0 && slot < slotTotal)) fail();
      directSlots[at] = slot;
    }
    const index = new TrigramIndex<T>();
    index.charIds.fill(-1);
    for (let id = 0; id < alphabet.length; id++) {
      const code = alphabet.charCodeAt(id);
      if (index.charIds[code] !== -1) fail();
      index.charIds[code] = id;
    }
    index.alphabetSize = alphabet.length;
    index.table = SlotTable.restored(stored.table, slotTotal);
    index.directSlots = directSlots;
    index.slotTotal = slotTotal;
    index.entryNames = names;
    index.entryValues = values;
    const entryStarts = entryStartsOf(trigramCounts);
    const entrySlots = restoredEntrySlots(stored.entryTrigrams, entryStarts, slotTotal);
    index.layout = layoutOf(lengths, starts, postings, entryStarts, entrySlots);
    return index;
  }

  /**
   * An index over names and values that the caller holds as columns (`buildIndex` from a
   * snapshot's columns), entry i being `values.at(i)` under the name `names.at(i)` (never empty);
   * laid out on the first search, as after `add`.
   */
  static over<T>(names: Column<string>, values: Column<T>): TrigramIndex<T> {
    if (names.length !== values.length) throw new Error('names and values do not line up');
    const index = new TrigramIndex<T>();
    index.entryNames = names;
    index.entryValues = values;
    return index;
  }

  /** The entries as arrays that `add` can extend (a restored index reads them from columns). */
  private growable(): { values: T[]; names: string[] } {
    if (!Array.isArray(this.entryValues) || !Array.isArray(this.entryNames)) {
      const values: T[] = [];
      const names: string[] = [];
      for (let i = 0; i < this.entryNames.length; i++) {
        values.push(this.entryValues.at(i)!);
        names.push(this.entryNames.at(i)!);
      }
      this.entryValues = values;
      this.entryNames = names;
    }
    return { values: this.entryValues as T[], names: this.entryNames as string[] };
  }

  /** Adds one name of `value`; `normalizedName` is the output of `normalizeName`. */
  add(value: T, normalizedName: string): void {
    if (normalizedName === '') return;
    const { values, names } = this.growable();
    values.push(value);
    names.push(normalizedName);
    this.layout = null;
  }

  /** Lays the posting lists out; done once after loading, and again only if names are added. */
  freeze(): void {
    if (this.layout) return;
    const entryCount = this.entryNames.length;
    this.directSlots = new Int32Array(1 << (3 * DIRECT_ID_BITS)).fill(-1);
    this.table = new SlotTable();
    this.slotTotal = 0;

    // Pass 1: each entry's distinct slots, one entry after the other, and the length of every list.
    const { stream, length, trigramCounts, slotCounts } = this.readNames(true);

    // Pass 2: every list no search can skip, in entry order, so each comes out sorted.
    const slotTotal = this.slotTotal;
    const lengths = slotCounts.slice(0, slotTotal);
    const starts = new Int32Array(slotTotal + 1);
    for (let slot = 0; slot < slotTotal; slot++) {
      starts[slot + 1] = starts[slot] + (lengths[slot] <= POSTING_BUDGET ? lengths[slot] : 0);
    }
    const postings = new Int32Array(starts[slotTotal]);
    const cursor = starts.slice(0, slotTotal);
    let position = 0;
    for (let entry = 0; entry < entryCount; entry++) {
      for (const end = position + trigramCounts[entry]; position < end; position++) {
        const slot = stream[position];
        if (lengths[slot] <= POSTING_BUDGET) postings[cursor[slot]++] = entry;
      }
    }
    const entrySlots = narrowSlots(stream, length, slotTotal);
    this.layout = layoutOf(lengths, starts, postings, entryStartsOf(trigramCounts), entrySlots);
    this.searchMark = 0;
    this.countStamp = 0;
  }

  /**
   * Each entry's distinct slots, one entry after the other, and how many names have each slot. A
   * name of n characters has at most n + 1 trigrams (one per letter, one per word end). Trigrams
   * without a slot get one with `createSlots`, and are left out without (a restored index, whose
   * slots were all made from these names).
   */
  private readNames(createSlots: boolean) {
    const names = this.entryNames;
    const entryCount = names.length;
    let capacity = 0;
    for (let entry = 0; entry < entryCount; entry++) capacity += names.at(entry)!.length + 1;
    const stream = new Int32Array(capacity);
    const trigramCounts = new Int32Array(entryCount);
    let slotCounts = new Int32Array(Math.max(4096, this.slotTotal));
    let lastEntry = new Int32Array(slotCounts.length).fill(-1);
    const space = this.charIds[SPACE];
    let length = 0;
    for (let entry = 0; entry < entryCount; entry++) {
      const name = names.at(entry)!;
      const start = length;
      let previous2 = space;
      let previous1 = space;
      let inWord = false;
      for (let i = 0; i <= name.length; i++) {
        const code = i < name.length ? name.charCodeAt(i) : SPACE;
        let id: number;
        if (code === SPACE) {
          if (!inWord) continue;
          id = space;
        } else {
          id = createSlots ? this.idOf(code) : this.charIds[code];
        }
        let slot = id === -1 ? -1 : this.slotOf(previous2, previous1, id);
        if (slot === -1 && createSlots) {
          slot = this.newSlot(previous2, previous1, id);
          if (slot === slotCounts.length) {
            slotCounts = grown(slotCounts, 0);
            lastEntry = grown(lastEntry, -1);
          }
        }
        if (slot !== -1 && lastEntry[slot] !== entry) {
          lastEntry[slot] = entry;
          slotCounts[slot]++;
          stream[length++] = slot;
        }
        if (code === SPACE) {
          previous2 = space;
          previous1 = space;
          inWord = false;
        } else {
          previous2 = previous1;
          previous1 = id;
          inWord = true;
        }
      }
      trigramCounts[entry] = length - start;
    }
    return { stream, length, trigramCounts, slotCounts };
  }

  /** The entries' trigrams, read from the names first when an index was restored without them. */
  private entryTrigrams(): { entryStarts: Int32Array; entrySlots: Uint16Array | Int32Array } {
    const layout = this.layout!;
    if (!layout.entrySlots) {
      const { stream, length, trigramCounts } = this.readNames(false);
      layout.entryStarts = entryStartsOf(trigramCounts);
      layout.entrySlots = narrowSlots(stream, length, this.slotTotal);
    }
    return { entryStarts: layout.entryStarts, entrySlots: layout.entrySlots };
  }

  /** The most similar names, at most one per record, best first. */
  search(normalizedName: string, options: FuzzySearchOptions): FuzzyHit<T>[] {
    if (normalizedName === '' || this.size === 0) return [];
    this.freeze();
    const { lengths, starts, postings, entryStarts, counts, queryMarks } = this.layout!;
    const mark = this.nextSearchMark();

    // The query's distinct trigrams: known ones by slot, in order of first appearance; the others
    // (a character or a combination no indexed name has) only counted.
    if (this.querySlots.length < normalizedName.length + 1) {
      this.querySlots = new Int32Array(normalizedName.length * 2 + 2);
    }
    const querySlots = this.querySlots;
    let slotCount = 0;
    let missingKeys: number[] | undefined;
    let unknownCodes: number[] | undefined;
    const space = this.charIds[SPACE];
    let previous2 = space;
    let previous1 = space;
    let inWord = false;
    for (let i = 0; i <= normalizedName.length; i++) {
      const code = i < normalizedName.length ? normalizedName.charCodeAt(i) : SPACE;
      let id: number;
      if (code === SPACE) {
        if (!inWord) continue;
        id = space;
      } else {
        id = this.charIds[code];
        if (id === -1) {
          unknownCodes ??= [];
          let known = unknownCodes.indexOf(code);
          if (known === -1) {
            known = unknownCodes.length;
            unknownCodes.push(code);
          }
          id = UNKNOWN_ID_START + known;
        }
      }
      const slot = id < UNKNOWN_ID_START ? this.slotOf(previous2, previous1, id) : -1;
      if (slot !== -1) {
        if (queryMarks[slot] !== mark) {
          queryMarks[slot] = mark;
          querySlots[slotCount++] = slot;
        }
      } else {
        const key = trigramKey(previous2, previous1, id);
        missingKeys ??= [];
        if (!missingKeys.includes(key)) missingKeys.push(key);
      }
      if (code === SPACE) {
        previous2 = space;
        previous1 = space;
        inWord = false;
      } else {
        previous2 = previous1;
        previous1 = id;
        inWord = true;
      }
    }
    const queryCount = slotCount + (missingKeys?.length ?? 0);
    if (slotCount === 0) return [];
    // Shortest lists first; a stable insertion sort keeps the query's order among equals.
    for (let i = 1; i < slotCount; i++) {
      const slot = querySlots[i];
      const slotLength = lengths[slot];
      let j = i - 1;
      while (j >= 0 && lengths[querySlots[j]] > slotLength) {
        querySlots[j + 1] = querySlots[j];
        j--;
      }
      querySlots[j + 1] = slot;
    }
    // Every list is long: the name is made of words many registered names share, and any
    // "possible match" would be arbitrary.
    if (lengths[querySlots[0]] > POSTING_BUDGET) return [];

    // Lists are read shortest first while they fit the budget; once one does not, no longer one
    // does, so the number skipped is known from the lengths alone.
    let read = 0;
    let readCount = 0;
    while (readCount < slotCount) {
      const slot = querySlots[readCount];
      const slotLength = lengths[slot];
      if (read + slotLength > POSTING_BUDGET) break;
      read += slotLength;
      readCount++;
    }
    const skipped = slotCount - readCount;
    // Similarity ≥ t needs shared ≥ t × |query| (the union is at least the query), and at most
    // `skipped` shared trigrams can hide in unread lists: fewer counted cannot make it.
    const minCount = Math.max(1, Math.ceil(options.minSimilarity * queryCount) - skipped);

    // Counts carry the search's stamp in their high bits, so nothing has to be zeroed afterwards.
    // The candidates to score are kept while counting: the CANDIDATES_TO_VERIFY entries with the
    // most shared trigrams (the lower entry first among equals) that can still reach the threshold.
    // Counts only grow, so an entry that cannot beat the last kept candidate when its count is
    // final is not among them; nearly every posting is turned away by that one comparison.
    const stamp = this.nextCountStamp() << COUNT_BITS;
    const candidates = this.candidates;
    const minSimilarity = options.minSimilarity;
    let candidateCount = 0;
    let lastCount = 0;
    let lastEntry = 0;
    for (let s = 0; s < readCount; s++) {
      const slot = querySlots[s];
      const lastList = s === readCount - 1;
      for (let i = starts[slot], to = starts[slot + 1]; i < to; i++) {
        const entry = postings[i];
        // No count passes s + 1 in list s. In the last list, once every kept candidate has that
        // many, the rest of the list (higher entries: lists are in entry order) cannot displace one.
        if (lastList && candidateCount === CANDIDATES_TO_VERIFY && lastCount > s) break;
        const stamped = counts[entry];
        const count = (stamped & ~COUNT_MASK) === stamp ? (stamped & COUNT_MASK) + 1 : 1;
        counts[entry] = stamp | count;
        if (
          count < minCount ||
          (candidateCount === CANDIDATES_TO_VERIFY &&
            (count < lastCount || (count === lastCount && entry > lastEntry)))
        ) {
          continue;
        }
        // Best case: every skipped trigram is shared too. Drop what cannot reach the threshold.
        const entryCount = entryStarts[entry + 1] - entryStarts[entry];
        const shared = Math.min(count + skipped, entryCount, queryCount);
        if (shared / (queryCount + entryCount - shared) < minSimilarity) continue;
        candidateCount = keepCandidate(candidates, candidateCount, entry, count, counts);
        if (candidateCount === CANDIDATES_TO_VERIFY) {
          lastEntry = candidates[CANDIDATES_TO_VERIFY - 1];
          lastCount = counts[lastEntry] & COUNT_MASK;
        }
      }
    }

    const { entryStarts: trigramStarts, entrySlots: trigramSlots } = this.entryTrigrams();
    const hits: FuzzyHit<T>[] = [];
    for (let c = 0; c < candidateCount; c++) {
      const entry = candidates[c];
      // pg_trgm similarity: the query's slots carry this search's mark.
      const from = trigramStarts[entry];
      const to = trigramStarts[entry + 1];
      let shared = 0;
      for (let k = from; k < to; k++) if (queryMarks[trigramSlots[k]] === mark) shared++;
      const similarity = shared / (queryCount + (to - from) - shared);
      if (similarity < options.minSimilarity) continue;
      const value = this.entryValues.at(entry)!;
      const previous = hits.findIndex((hit) => hit.value === value);
      if (previous === -1) {
        hits.push({ value, name: this.entryNames.at(entry)!, similarity });
      } else if (hits[previous].similarity < similarity) {
        hits[previous] = { value, name: this.entryNames.at(entry)!, similarity };
      }
    }
    return hits
      .sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name))
      .slice(0, options.limit);
  }

  /** A fresh mark for a search; stamps and queryMarks start again when they run out. */
  private nextSearchMark(): number {
    if (this.searchMark >= 0x7ffffff0) {
      this.layout!.queryMarks.fill(0);
      this.searchMark = 0;
    }
    return ++this.searchMark;
  }

  private nextCountStamp(): number {
    if (this.countStamp === STAMP_LIMIT) {
      this.layout!.counts.fill(0);
      this.countStamp = 0;
    }
    return ++this.countStamp;
  }

  private slotOf(a: number, b: number, c: number): number {
    if ((a | b | c) < DIRECT_ID_LIMIT) {
      return this.directSlots[(a << (2 * DIRECT_ID_BITS)) | (b << DIRECT_ID_BITS) | c];
    }
    return this.table.get(trigramKey(a, b, c));
  }

  private newSlot(a: number, b: number, c: number): number {
    const slot = this.slotTotal++;
    if ((a | b | c) < DIRECT_ID_LIMIT) {
      this.directSlots[(a << (2 * DIRECT_ID_BITS)) | (b << DIRECT_ID_BITS) | c] = slot;
    } else {
      this.table.set(trigramKey(a, b, c), slot);
    }
    return slot;
  }

  private idOf(code: number): number {
    let id = this.charIds[code];
    if (id === -1) {
      id = this.alphabetSize++;
      this.charIds[code] = id;
    }
    return id;
  }
}

/**
 * Puts `entry`, whose count has just become `count`, in its place among the `size` candidates
 * (most shared trigrams first, then the lower entry), moving it up if it is there already and
 * dropping the last if there is no room; returns the new size.
 */
function keepCandidate(
  candidates: Int32Array,
  size: number,
  entry: number,
  count: number,
  counts: Uint16Array,
): number {
  let at = 0;
  while (at < size && candidates[at] !== entry) at++;
  if (at === size) {
    if (size < candidates.length) size++;
    at = size - 1;
  }
  while (at > 0) {
    const before = candidates[at - 1];
    const beforeCount = counts[before] & COUNT_MASK;
    if (beforeCount > count || (beforeCount === count && before < entry)) break;
    candidates[at] = before;
    at--;
  }
  candidates[at] = entry;
  return size;
}

/** A copy twice as long, the new half filled with `fill`. */
function grown(array: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
