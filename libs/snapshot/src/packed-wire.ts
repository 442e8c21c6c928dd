// Snapshot format 2: the entries (and a delta's upserts) as packed columns. Format 1 writes a
// JSON string per value and an array per list (`wire.ts`): a client's `JSON.parse` of 100,000
// entries makes about a million strings and arrays, then the shape check an object per entry,
// and the garbage collector moves all of it. Here each text field is one string with the values'
// lengths, lists add a count per entry, and dates are day numbers, so the parse makes a few long
// strings and arrays of numbers, and the reader turns them into `PackedEntries` (the columns the
// extension keeps, and that `buildIndex` indexes) without a string per value. See
// docs/snapshot-format-2.md for the measurements behind the layout.
import { RECRUITER_KINDS, STORED_STATUSES } from '@fair-recruit/domain';
import { smallestCodes, type Codes, type PackedEntries } from './packed-entries.js';
import {
  asArray,
  asObject,
  at,
  fail,
  isCalendarDay,
  readDateTime,
  readIds,
  readIndexed,
  readJurisdiction,
  readList,
  readOneOf,
  readString,
  readVersion,
  defaultIdHash,
  idHash,
  idPrefixHash,
  uniqueIdsOrFail,
  type Fields,
  type Reader,
} from './shape-checks.js';
import { SnapshotError } from './snapshot.errors.js';
import { compareEntriesForSerialization } from './snapshot-entry.js';
import type { SnapshotEntry } from './snapshot.types.js';
import {
  DictionaryBuilder,
  defaultEntryId,
  normalizedNamesToWire,
  sameStrings,
  type WireDictionary,
} from './wire.js';

/** Non-empty strings written one after the other: value k is `lengths[k]` characters long. */
export interface WireText {
  text: string;
  lengths: number[];
}

/** A list per entry: entry i has `counts[i]` of the values, which follow those of entry i - 1. */
export interface WireLists extends WireText {
  counts: number[];
}

/** `emailDomains.counts[i]` when entry i's e-mail domains are exactly its web domains. */
export const SAME_AS_DOMAINS_COUNT = -1;

/** The entries of a format-2 snapshot or the upserts of a format-2 delta. */
export interface PackedWireEntries {
  count: number;
  /** `[index, id]` for the entries whose id is not `defaultEntryId(...)`, by increasing index. */
  id: [number, string][];
  jurisdiction: WireDictionary;
  registrationNumber: WireText;
  kind: WireDictionary;
  legalName: WireText;
  tradingNames: WireLists;
  /**
   * Per name, `prefixes[k]`: a number n > 0 stands for the first n characters of the lower-cased
   * name at the same position of `[legalName, ...tradingNames]` (printable ASCII names only); 0 for
   * a name written out, the next value of `text`.
   */
  normalizedNames: WireLists & { prefixes: number[] };
  domains: WireLists;
  emailDomains: WireLists;
  phones: WireLists;
  status: WireDictionary;
  /** Days since 1970-01-01; null: none. */
  authorizedFrom: (number | null)[];
  authorizedUntil: (number | null)[];
  statusChangedAt: (number | null)[];
  /** `[index, date-time]` for the entries whose `statusChangedAt` is more than a day (null above). */
  statusChangedAtTimes: [number, string][];
  statusReason: WireDictionary<number | null>;
}

const DAY_MS = 86_400_000;
/** 0000-01-01 and 9999-12-31 as day numbers: the days a `YYYY-MM-DD` can write. */
const FIRST_DAY = dayNumber(0, 1, 1);
const LAST_DAY = dayNumber(9999, 12, 31);

/** The format-2 wire form of `entries`, in serialization order (`compareEntriesForSerialization`). */
export function entriesToPackedWire(entries: readonly SnapshotEntry[]): PackedWireEntries {
  const sorted = [...entries].sort(compareEntriesForSerialization);
  const ids: [number, string][] = [];
  const jurisdiction = new DictionaryBuilder();
  const kind = new DictionaryBuilder();
  const status = new DictionaryBuilder();
  const statusReason = new DictionaryBuilder<number | null>();
  const registrationNumber = new TextWriter();
  const legalName = new TextWriter();
  const tradingNames = new ListWriter();
  const names = new ListWriter();
  const prefixes: number[] = [];
  const domains = new ListWriter();
  const emailDomains = new ListWriter();
  const phones = new ListWriter();
  const authorizedFrom: (number | null)[] = [];
  const authorizedUntil: (number | null)[] = [];
  const statusChangedAt: (number | null)[] = [];
  const statusChangedAtTimes: [number, string][] = [];
  sorted.forEach((entry, index) => {
    if (entry.id !== defaultEntryId(entry.jurisdiction, entry.registrationNumber)) {
      ids.push([index, entry.id]);
    }
    jurisdiction.add(entry.jurisdiction);
    registrationNumber.add(entry.registrationNumber);
    kind.add(entry.kind);
    legalName.add(entry.legalName);
    tradingNames.add(entry.tradingNames);
    const written: string[] = [];
    for (const name of normalizedNamesToWire(entry)) {
      if (typeof name === 'number') {
        prefixes.push(name);
      } else {
        prefixes.push(0);
        written.push(name);
      }
    }
    names.add(written, entry.normalizedNames.length);
    domains.add(entry.domains);
    if (entry.emailDomains.length > 0 && sameStrings(entry.emailDomains, entry.domains)) {
      emailDomains.add([], SAME_AS_DOMAINS_COUNT);
    } else {
      emailDomains.add(entry.emailDomains);
    }
    phones.add(entry.phones);
    status.add(entry.status);
    authorizedFrom.push(dayNumberOf(entry.authorizedFrom, index, 'authorizedFrom'));
    authorizedUntil.push(dayNumberOf(entry.authorizedUntil, index, 'authorizedUntil'));
    const changed = entry.statusChangedAt;
    if (typeof changed === 'string' && !isCalendarDay(changed)) {
      // A date-time: kept whole, beside the days (the API writes days only).
      statusChangedAt.push(null);
      statusChangedAtTimes.push([index, changed]);
    } else {
      statusChangedAt.push(dayNumberOf(changed, index, 'statusChangedAt'));
    }
    statusReason.add(entry.statusReason);
  });
  return {
    count: sorted.length,
    id: ids,
    jurisdiction: jurisdiction.dictionary,
    registrationNumber: registrationNumber.wire(),
    kind: kind.dictionary,
    legalName: legalName.wire(),
    tradingNames: tradingNames.wire(),
    normalizedNames: { ...names.wire(), prefixes },
    domains: domains.wire(),
    emailDomains: emailDomains.wire(),
    phones: phones.wire(),
    status: status.dictionary,
    authorizedFrom,
    authorizedUntil,
    statusChangedAt,
    statusChangedAtTimes,
    statusReason: statusReason.dictionary,
  };
}

/** Days since 1970-01-01 of a `YYYY-MM-DD`, null for null. */
function dayNumberOf(day: string | null, index: number, key: string): number | null {
  if (day === null) return null;
  if (typeof day !== 'string' || !isCalendarDay(day)) {
    throw new SnapshotError(
      'invalid_payload',
      `entries[${index}].${key}: expected a calendar day (YYYY-MM-DD)`,
    );
  }
  return dayNumber(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8)));
}

/** Days since 1970-01-01 of a day of the proleptic Gregorian calendar (any year 0 to 9999). */
function dayNumber(year: number, month: number, day: number): number {
  // Not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / DAY_MS);
}

/** `YYYY-MM-DD` of a day number from FIRST_DAY to LAST_DAY. */
function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

class TextWriter {
  private readonly parts: string[] = [];
  private readonly lengths: number[] = [];

  add(value: string): void {
    this.parts.push(value);
    this.lengths.push(value.length);
  }

  wire(): WireText {
    return { text: this.parts.join(''), lengths: this.lengths };
  }
}

class ListWriter {
  private readonly values = new TextWriter();
  private readonly counts: number[] = [];

  /** An entry's values; `count` when the entry's count is not theirs (prefixes, -1). */
  add(values: readonly string[], count = values.length): void {
    for (const value of values) this.values.add(value);
    this.counts.push(count);
  }

  wire(): WireLists {
    return { counts: this.counts, ...this.values.wire() };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Reads `PackedWireEntries` into the columns they stand for, checking what format 1's reader
 * checks (`snapshot-validator.ts`): values non-empty, prefixes of ASCII names in range, days that
 * exist, dictionary codes in range, ids unique. A failure names the column, and the entry where
 * it can (`entries.domains.lengths[3]`, `entries[2].normalizedNames[1]`).
 */
export function readPackedEntries(value: unknown, path: string): PackedEntries {
  const wire = asObject(value, path);
  const count = readVersion(wire.count, path, 'count');
  const registrationNumber = readText(
    wire.registrationNumber,
    at(path, 'registrationNumber'),
    count,
  );
  const legalName = readText(wire.legalName, at(path, 'legalName'), count);
  const tradingNames = readLists(wire.tradingNames, at(path, 'tradingNames'), count);
  const normalizedNames = readNormalizedNames(wire.normalizedNames, path, count, {
    legalName,
    tradingNames,
  });
  const domains = readLists(wire.domains, at(path, 'domains'), count);
  const emailSameAsDomains = new Uint8Array(count);
  const emailDomains = readLists(wire.emailDomains, at(path, 'emailDomains'), count, (i) => {
    emailSameAsDomains[i] = 1;
  });
  const phones = readLists(wire.phones, at(path, 'phones'), count);
  const jurisdiction = readCodes(wire, path, 'jurisdiction', count, readJurisdiction);
  const ids = readIds(wire.id, path, count);
  const idOf = (i: number) =>
    ids.get(i) ??
    defaultEntryId(
      jurisdiction.values[jurisdiction.codes[i] - 1],
      registrationNumber.text.slice(
        startOf(registrationNumber.ends, i),
        registrationNumber.ends[i],
      ),
    );
  uniqueIdsOrFail(idHashes(ids, jurisdiction, registrationNumber), idOf, path);
  const otherIdAt = Int32Array.from(ids.keys());
  const otherIds = [...ids.values()];
  return {
    format: 3,
    count,
    otherIds: { at: otherIdAt, ids: { text: otherIds.join(''), ends: endsOf(otherIds) } },
    registrationNumber,
    legalName,
    tradingNames,
    normalizedNames,
    domains,
    emailSameAsDomains,
    emailDomains,
    phones,
    jurisdiction,
    kind: readCodes(wire, path, 'kind', count, (item, itemPath, key) =>
      readOneOf(item, itemPath, key, RECRUITER_KINDS),
    ),
    status: readCodes(wire, path, 'status', count, (item, itemPath, key) =>
      readOneOf(item, itemPath, key, STORED_STATUSES),
    ),
    authorizedFrom: readDays(wire.authorizedFrom, at(path, 'authorizedFrom'), count),
    authorizedUntil: readDays(wire.authorizedUntil, at(path, 'authorizedUntil'), count),
    statusChangedAt: readDays(
      wire.statusChangedAt,
      at(path, 'statusChangedAt'),
      count,
      wire.statusChangedAtTimes,
    ),
    statusReason: readCodes(wire, path, 'statusReason', count, readString, true),
  };
}

/** Where value i of packed strings ending at `ends` starts. */
function startOf(ends: Int32Array, i: number): number {
  return i === 0 ? 0 : ends[i - 1];
}

/** `idHash` of every entry's id, the default ones hashed from the columns. */
function idHashes(
  explicit: ReadonlyMap<number, string>,
  jurisdiction: Codes,
  numbers: { text: string; ends: Int32Array },
): Int32Array {
  const prefixHashes = jurisdiction.values.map(idPrefixHash);
  const { codes } = jurisdiction;
  const { text, ends } = numbers;
  const hashes = new Int32Array(ends.length);
  for (let i = 0; i < ends.length; i++) {
    hashes[i] = defaultIdHash(prefixHashes[codes[i] - 1], text, startOf(ends, i), ends[i]);
  }
  for (const [i, id] of explicit) hashes[i] = idHash(id);
  return hashes;
}

function endsOf(values: readonly string[]): Int32Array {
  const ends = new Int32Array(values.length);
  for (let i = 0, end = 0; i < values.length; i++) ends[i] = end += values[i].length;
  return ends;
}

/** An array of `count` numbers that each pass `isValid`. */
function readNumbers(
  value: unknown,
  path: string,
  count: number | null,
  isValid: (n: number) => boolean,
  expected: string,
): number[] {
  const numbers = asArray(value, path);
  if (count !== null && numbers.length !== count) fail(path, `an array of ${count} items`);
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    if (typeof n !== 'number' || !isValid(n)) fail(at(path, i), expected);
  }
  return numbers as number[];
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isLength = (n: number) => Number.isSafeInteger(n) && n > 0;

/** `{ text, lengths }` of `count` non-empty values (any number when null), as packed strings. */
function readText(
  value: unknown,
  path: string,
  count: number | null,
): { text: string; ends: Int32Array } {
  const wire = asObject(value, path);
  if (typeof wire.text !== 'string') fail(at(path, 'text'), 'a string');
  const text = wire.text;
  const lengths = readNumbers(
    wire.lengths,
    at(path, 'lengths'),
    count,
    isLength,
    'a positive integer',
  );
  const ends = new Int32Array(lengths.length);
  let end = 0;
  for (let i = 0; i < lengths.length; i++) ends[i] = end += lengths[i];
  if (end !== text.length) fail(at(path, 'text'), `${end} characters (the sum of lengths)`);
  return { text, ends };
}

/**
 * `{ counts, text, lengths }` of `count` entries as packed lists. `onSame(i)`, when given, is
 * told of each entry whose count is `SAME_AS_DOMAINS_COUNT` (it has no values of its own here).
 */
function readLists(
  value: unknown,
  path: string,
  count: number,
  onSame?: (i: number) => void,
): { values: { text: string; ends: Int32Array }; ends: Int32Array } {
  const wire = asObject(value, path);
  const counts = readNumbers(
    wire.counts,
    at(path, 'counts'),
    count,
    (n) => isCount(n) || (onSame !== undefined && n === SAME_AS_DOMAINS_COUNT),
    onSame ? `a count of values, or ${SAME_AS_DOMAINS_COUNT}` : 'a count of values',
  );
  const ends = new Int32Array(count);
  let end = 0;
  for (let i = 0; i < count; i++) {
    if (counts[i] === SAME_AS_DOMAINS_COUNT) onSame!(i);
    else end += counts[i];
    ends[i] = end;
  }
  const values = readText(wire, path, null);
  if (values.ends.length !== end) fail(at(path, 'lengths'), `${end} lengths (the sum of counts)`);
  return { values, ends };
}

/**
 * The normalized names, written out: a prefix becomes the lower-cased characters of its name,
 * whose source is checked to be printable ASCII (lower-cased the same in every engine). Each
 * source text is lower-cased once rather than per name, and each name is then a slice of it.
 */
function readNormalizedNames(
  value: unknown,
  parent: string,
  count: number,
  sources: {
    legalName: { text: string; ends: Int32Array };
    tradingNames: { values: { text: string; ends: Int32Array }; ends: Int32Array };
  },
): { values: { text: string; ends: Int32Array }; ends: Int32Array } {
  const path = at(parent, 'normalizedNames');
  const wire = asObject(value, path);
  const counts = readNumbers(wire.counts, at(path, 'counts'), count, isCount, 'a count of names');
  let total = 0;
  for (let i = 0; i < count; i++) total += counts[i];
  const prefixes = readNumbers(
    wire.prefixes,
    at(path, 'prefixes'),
    total,
    isCount,
    'a prefix length, or 0',
  );
  let writtenCount = 0;
  for (let k = 0; k < total; k++) if (prefixes[k] === 0) writtenCount++;
  const written = readText(wire, path, writtenCount);
  const { legalName, tradingNames } = sources;
  const legal = new AsciiSource(legalName.text);
  const trading = new AsciiSource(tradingNames.values.text);
  const parts = new Array<string>(total);
  const valueEnds = new Int32Array(total);
  const ends = new Int32Array(count);
  let k = 0;
  let w = 0;
  let end = 0;
  for (let i = 0; i < count; i++) {
    const firstTrading = i === 0 ? 0 : tradingNames.ends[i - 1];
    const tradingCount = tradingNames.ends[i] - firstTrading;
    for (let j = 0; j < counts[i]; j++, k++) {
      const prefix = prefixes[k];
      let name: string | null;
      if (prefix === 0) {
        name = written.text.slice(w === 0 ? 0 : written.ends[w - 1], written.ends[w]);
        w++;
      } else if (j === 0) {
        name = legal.lowerPrefix(i === 0 ? 0 : legalName.ends[i - 1], legalName.ends[i], prefix);
      } else if (j - 1 < tradingCount) {
        const v = firstTrading + j - 1;
        const tradingEnds = tradingNames.values.ends;
        name = trading.lowerPrefix(v === 0 ? 0 : tradingEnds[v - 1], tradingEnds[v], prefix);
      } else {
        name = null;
      }
      if (name === null) {
        return fail(
          `${path.slice(0, path.lastIndexOf('.'))}[${i}].normalizedNames[${j}]`,
          'a written-out name, or the length of a prefix of the ASCII name at that position',
        );
      }
      parts[k] = name;
      valueEnds[k] = end += name.length;
    }
    ends[i] = k;
  }
  return { values: { text: parts.join(''), ends: valueEnds }, ends };
}

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

/**
 * A text of names, for taking lower-cased prefixes of its printable ASCII names. The names must
 * be asked for in the order of the text: where the characters that are not printable ASCII are is
 * found once and walked along.
 */
class AsciiSource {
  private readonly lower: string | null;
  private readonly notPrintable: number[] = [];
  private next = 0;

  constructor(private readonly text: string) {
    const lower = text.toLowerCase();
    // No character lower-cases to fewer UTF-16 units (U+0130 alone to more): the same length
    // means every character kept its position, and a prefix can be sliced out of `lower`.
    this.lower = lower.length === text.length ? lower : null;
    for (const match of text.matchAll(NOT_PRINTABLE_ASCII)) this.notPrintable.push(match.index);
  }

  /** The first `prefix` characters of the name `text[start, end)` lower-cased; null if none. */
  lowerPrefix(start: number, end: number, prefix: number): string | null {
    if (prefix > end - start) return null;
    const positions = this.notPrintable;
    if (this.next > 0 && positions[this.next - 1] >= start) this.next = 0;
    while (this.next < positions.length && positions[this.next] < start) this.next++;
    if (this.next < positions.length && positions[this.next] < end) return null;
    return this.lower !== null
      ? this.lower.slice(start, start + prefix)
      : this.text.slice(start, start + prefix).toLowerCase();
  }
}

/** A dictionary-coded field as kept: each value read once, codes from 1 (0: none). */
function readCodes(
  wire: Fields,
  parent: string,
  key: string,
  count: number,
  read: Reader<string>,
  nullable = false,
): Codes {
  const path = at(parent, key);
  const dictionary = asObject(wire[key], path);
  const values = readList(dictionary.values, path, 'values', read);
  const codes = asArray(dictionary.codes, at(path, 'codes'));
  if (codes.length !== count) fail(at(path, 'codes'), `an array of ${count} (count) items`);
  const coded = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const code = codes[i];
    if (code === null && nullable) continue;
    if (!(typeof code === 'number' && code >= 0 && code < values.length && code % 1 === 0)) {
      fail(at(at(path, 'codes'), i), `an index into values${nullable ? ' or null' : ''}`);
    }
    coded[i] = code + 1;
  }
  return { values, codes: smallestCodes(coded, values.length) };
}

/** Day numbers (null: none) as kept, the distinct days written once; and date-times, if given. */
function readDays(value: unknown, path: string, count: number, times?: unknown): Codes {
  const days = asArray(value, path);
  if (days.length !== count) fail(path, `an array of ${count} (count) items`);
  let first = LAST_DAY;
  let last = FIRST_DAY;
  for (let i = 0; i < count; i++) {
    const day = days[i];
    if (day === null) continue;
    if (
      typeof day !== 'number' ||
      !Number.isSafeInteger(day) ||
      day < FIRST_DAY ||
      day > LAST_DAY
    ) {
      fail(at(path, i), 'a day number (days since 1970-01-01) or null');
    }
    if (day < first) first = day;
    if (day > last) last = day;
  }
  // Each distinct day once, coded by a table over the days' range (a registry's span a few
  // decades) rather than a Map: a lookup per entry and column.
  const values: string[] = [];
  const codeOfDay = new Int32Array(last >= first ? last - first + 1 : 0);
  const coded = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const day = days[i] as number | null;
    if (day === null) continue;
    let code = codeOfDay[day - first];
    if (code === 0) {
      values.push(dayText(day));
      code = codeOfDay[day - first] = values.length;
    }
    coded[i] = code;
  }
  if (times !== undefined) {
    const dateTimes = readIndexed(times, `${path}Times`, count, readDateTime, {
      at: (i) => days[i] === null,
      which: 'whose day is null',
    });
    for (const [i, dateTime] of dateTimes) {
      values.push(dateTime);
      coded[i] = values.length;
    }
  }
  return { values, codes: smallestCodes(coded, values.length) };
}
