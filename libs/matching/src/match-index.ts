import type { StoredStatus } from '@fair-recruit/domain';
import { isIdentifyingDomain, registrableDomain } from './domains.js';
import {
  HASH_START,
  HashedItems,
  HashedLookup,
  type HashedTable,
  hashStep,
  hashString,
  hashStringBackwards,
  mixHash,
} from './hashed-lookup.js';
import { normalizeLicence } from './licences.js';
import { nameKeyOfNormalized, normalizeName } from './normalize.js';
import { PHONE_KEY_DIGITS, phoneKey } from './phones.js';
import { TrigramIndex, type StoredTrigrams } from './trigram-index.js';
import {
  PackedStrings,
  SelectedStrings,
  type PackedLists,
  type PackedText,
  type RecordColumns,
  type StringColumn,
} from './columns.js';

/** A registry entry as the snapshot and the API hand it to the matcher. */
export interface MatchableRecord {
  id: string;
  jurisdiction: string;
  registrationNumber: string;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  /** E.164. */
  phones?: string[];
  status: StoredStatus;
  authorizedFrom?: string | null;
  authorizedUntil?: string | null;
  statusChangedAt?: string | null;
  statusReason?: string | null;
  /**
   * `normalizeName` of the legal name and every trading name, when the snapshot already carries
   * them; computed here otherwise. Lets the extension load 100,000 records without normalizing.
   */
  normalizedNames?: string[];
}

export interface PhoneEntry {
  record: MatchableRecord;
  /** The E.164 number without its "+". */
  digits: string;
}

/**
 * Everything the matcher looks up, built once per snapshot. The maps go from a normalized key to
 * the records that have it (several: a firm registered in several jurisdictions), in the order of
 * the records. They hold the records themselves rather than ids, which spares an id lookup per hit.
 */
export interface MatchIndex {
  readonly records: readonly MatchableRecord[];
  readonly byLicence: ReadonlyMap<string, readonly MatchableRecord[]>;
  /** Registrable domains of websites and e-mail addresses, without webmail or shared platforms. */
  readonly byDomain: ReadonlyMap<string, readonly MatchableRecord[]>;
  /** Keyed by the last PHONE_KEY_DIGITS digits, see `phones.ts`. */
  readonly byPhone: ReadonlyMap<string, readonly PhoneEntry[]>;
  readonly byNameKey: ReadonlyMap<string, readonly MatchableRecord[]>;
  readonly names: TrigramIndex<MatchableRecord>;
}

function licenceKey(registrationNumber: unknown): string {
  return typeof registrationNumber === 'string' ? normalizeLicence(registrationNumber) : '';
}

/**
 * `hashString(licenceKey(value))` of `text[start, end)`, without making the key for printable
 * ASCII numbers (upper case, letters and digits kept); null when the key is empty.
 */
function licenceHash(text: string, start: number, end: number): number | null {
  let hash = HASH_START;
  let kept = 0;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      const key = licenceKey(text.slice(start, end));
      return key === '' ? null : hashString(key);
    }
    if (code >= 97 && code <= 122) code -= 32;
    if ((code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      hash = hashStep(hash, code);
      kept++;
    }
  }
  return kept === 0 ? null : mixHash(hash);
}

/** Licence keys → records. Items are record positions. */
class LicenceLookup extends HashedLookup<MatchableRecord> {
  constructor(
    items: HashedItems | HashedTable,
    private readonly records: readonly MatchableRecord[],
    /** The registration number of each record, by position. */
    private readonly numbers: StringColumn,
  ) {
    super(items, true);
  }

  protected keyOf(item: number): string | null {
    return licenceKey(this.numbers.at(item));
  }

  protected valueOf(item: number): MatchableRecord {
    return this.records[item];
  }

  protected hashOfKey(key: string): number {
    return hashString(key);
  }
}

/**
 * Registrable domains → records. Items are positions in the list of every raw domain value. A raw
 * value that is already a bare lower-case ASCII host (the snapshot's own form) is pushed under
 * each of its parent domains of two labels or more, one of which is its registrable domain
 * whatever the public suffix list says, so the list is consulted only when a lookup checks it.
 */
class DomainLookup extends HashedLookup<MatchableRecord> {
  /** `registrableDomain` of each raw value when identifying, else null; filled on first use. */
  private readonly domainKeys: (string | null | undefined)[];

  constructor(
    items: HashedItems | HashedTable,
    private readonly records: readonly MatchableRecord[],
    readonly raw: StringColumn,
    readonly rawRecord: Int32Array,
    knownKeys: (string | null | undefined)[],
  ) {
    super(items, true);
    this.domainKeys = knownKeys;
  }

  protected keyOf(item: number): string | null {
    let key = this.domainKeys[item];
    if (key === undefined) {
      const domain = registrableDomain(this.raw.at(item) ?? '');
      key = domain && isIdentifyingDomain(domain) ? domain : null;
      this.domainKeys[item] = key;
    }
    return key;
  }

  protected valueOf(item: number): MatchableRecord {
    return this.records[this.rawRecord[item]];
  }

  protected hashOfKey(key: string): number {
    return hashStringBackwards(key);
  }
}

const DOT = 46;
/** Parent-domain hashes of the value being read, pushed only once the whole value is known good. */
let parentHashes = new Int32Array(16);

/**
 * Pushes the raw domain value `text[start, end)` under the hash of each of its parent domains
 * (two labels or more) when it is a bare lower-case ASCII host (`/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/`,
 * as `domains.ts` tests); returns false, having pushed nothing, for any other value. One pass,
 * last character first, as `hashStringBackwards` reads a key.
 */
function pushBareHost(
  items: HashedItems,
  text: string,
  start: number,
  end: number,
  item: number,
): boolean {
  let hash = HASH_START;
  let labelLength = 0;
  let dots = 0;
  for (let i = end - 1; i >= start; i--) {
    const code = text.charCodeAt(i);
    if (code === DOT) {
      if (labelLength === 0) return false;
      // What follows this dot is a parent domain when it has two labels or more.
      if (dots > 0) {
        if (dots > parentHashes.length) {
          const grownHashes = new Int32Array(parentHashes.length * 2);
          grownHashes.set(parentHashes);
          parentHashes = grownHashes;
        }
        parentHashes[dots - 1] = mixHash(hash);
      }
      dots++;
      labelLength = 0;
    } else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45) {
      labelLength++;
    } else {
      return false;
    }
    hash = hashStep(hash, code);
  }
  if (dots === 0 || labelLength === 0) return false;
  for (let d = 0; d < dots - 1; d++) items.push(parentHashes[d], item);
  items.push(mixHash(hash), item);
  return true;
}

/** Phone keys → entries. Items are positions in the list of every raw phone value. */
class PhoneLookup extends HashedLookup<PhoneEntry> {
  constructor(
    items: HashedItems | HashedTable,
    private readonly records: readonly MatchableRecord[],
    readonly raw: StringColumn,
    readonly rawRecord: Int32Array,
  ) {
    super(items, false);
  }

  protected keyOf(item: number): string | null {
    return phoneKey(digitsOf(this.raw.at(item) ?? ''));
  }

  protected valueOf(item: number): PhoneEntry {
    return {
      record: this.records[this.rawRecord[item]],
      digits: digitsOf(this.raw.at(item) ?? ''),
    };
  }

  protected hashOfKey(key: string): number {
    return hashStringBackwards(key);
  }
}

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * The hash of `phoneKey` of the digits of `text[start, end)`, or null when it has fewer than
 * PHONE_KEY_DIGITS digits.
 */
function phoneHash(text: string, start: number, end: number): number | null {
  let hash = HASH_START;
  let digits = 0;
  for (let i = end - 1; i >= start && digits < PHONE_KEY_DIGITS; i--) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      hash = hashStep(hash, code);
      digits++;
    }
  }
  return digits < PHONE_KEY_DIGITS ? null : mixHash(hash);
}

/** Name keys (`nameKeyOfNormalized`) → records. Items are positions in the list of every name. */
class NameKeyLookup extends HashedLookup<MatchableRecord> {
  /** Keys already computed by a lookup, by item and by name. */
  private readonly nameKeys: (string | undefined)[] = [];
  private readonly keyByName = new Map<string, string>();

  constructor(
    items: HashedItems | HashedTable,
    private readonly records: readonly MatchableRecord[],
    readonly names: StringColumn,
    readonly nameRecord: Int32Array,
  ) {
    super(items, true);
  }

  protected keyOf(item: number): string | null {
    let key = this.nameKeys[item];
    if (key === undefined) {
      // Trading names repeat across hundreds of records: sort each distinct name's words once.
      const name = this.names.at(item) ?? '';
      key = this.keyByName.get(name);
      if (key === undefined) {
        key = nameKeyOfNormalized(name);
        this.keyByName.set(name, key);
      }
      this.nameKeys[item] = key;
    }
    return key;
  }

  protected valueOf(item: number): MatchableRecord {
    return this.records[this.nameRecord[item]];
  }

  protected hashOfKey(key: string): number {
    return nameKeyHash(key, 0, key.length);
  }
}

/**
 * A hash of the words of the name `text[start, end)` that ignores their order, so a name and its
 * `nameKey` (the same words sorted) hash alike without sorting anything. Words are what
 * `split(' ')` gives.
 */
function nameKeyHash(text: string, start: number, end: number): number {
  let sum = 0;
  let hash = HASH_START;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      sum = (sum + mixHash(hash)) | 0;
      hash = HASH_START;
    } else {
      hash = hashStep(hash, code);
    }
  }
  return mixHash((sum + mixHash(hash)) | 0);
}

function isRecord(value: unknown): value is MatchableRecord {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

/** Growable Int32Array for record positions. */
class Positions {
  array: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.array = new Int32Array(Math.max(capacity, 16));
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new Int32Array(this.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }
}

/**
 * Builds the lookup structures for a registry snapshot. Records are expected to have distinct ids
 * (the snapshot's entries); anything that is not a record with an id is skipped.
 *
 * `columns`, when the caller holds the records as columns too (a snapshot read in format 2): the
 * keys are hashed from them and no string or array is made per record; `records[i]` is then record
 * i of the columns, each one indexed (a record without normalized names in the columns has its
 * names normalized here, as one given as an object without them). Without columns, the records
 * are packed into columns first.
 * @throws Error when `columns` are given and do not line up with `records`.
 */
export function buildIndex(
  records: readonly MatchableRecord[],
  columns?: RecordColumns,
): MatchIndex {
  if (columns === undefined) {
    const indexed = Array.isArray(records) ? records.filter(isRecord) : [];
    return indexColumns(indexed, recordColumnsOf(indexed), false);
  }
  if (columns.count !== records.length) throw new Error('the columns are not the records');
  return indexColumns(records, columns, true);
}

/** The columns `indexColumns` reads, from records given as objects. */
function recordColumnsOf(records: readonly MatchableRecord[]): RecordColumns {
  const numbers = new TextPacker();
  const domains = new ListPacker();
  const emailDomains = new ListPacker();
  const emailSameAsDomains = new Uint8Array(records.length);
  const phones = new ListPacker();
  const normalizedNames = new ListPacker();
  records.forEach((record, i) => {
    const number: unknown = record.registrationNumber;
    numbers.add(typeof number === 'string' ? number : '');
    const web = strings(record.domains);
    const email = strings(record.emailDomains);
    domains.add(web);
    if (email.length > 0 && email.length === web.length && email.every((d, k) => d === web[k])) {
      emailSameAsDomains[i] = 1;
      emailDomains.add([]);
    } else {
      emailDomains.add(email);
    }
    phones.add(strings(record.phones));
    const given: unknown = record.normalizedNames;
    normalizedNames.add(
      Array.isArray(given) && given.length > 0
        ? strings(given)
        : [record.legalName, ...strings(record.tradingNames)]
            .filter((name) => typeof name === 'string')
            .map((name) => normalizeName(name)),
    );
  });
  return {
    count: records.length,
    registrationNumber: numbers.packed(),
    normalizedNames: normalizedNames.packed(),
    domains: domains.packed(),
    emailSameAsDomains,
    emailDomains: emailDomains.packed(),
    phones: phones.packed(),
  };
}

/** The strings of a field that should be a list of strings; anything else is left out. */
function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const all = value as unknown[];
  const isString = (item: unknown): item is string => typeof item === 'string';
  return all.every(isString) ? all : all.filter(isString);
}

class TextPacker {
  private readonly parts: string[] = [];
  private readonly ends = new Positions();
  private end = 0;

  add(value: string): void {
    this.parts.push(value);
    this.end += value.length;
    this.ends.push(this.end);
  }

  packed(): PackedText {
    return { text: this.parts.join(''), ends: this.ends.array.slice(0, this.ends.length) };
  }
}

class ListPacker {
  private readonly values = new TextPacker();
  private readonly ends = new Positions();
  private count = 0;

  add(values: readonly string[]): void {
    for (const value of values) this.values.add(value);
    this.count += values.length;
    this.ends.push(this.count);
  }

  packed(): PackedLists {
    return { values: this.values.packed(), ends: this.ends.array.slice(0, this.ends.length) };
  }
}

/** Whether `ends` are `count` ends (when given), none below the one before, the last `total`. */
function linesUp(ends: Int32Array, total: number, count = ends.length): boolean {
  if (ends.length !== count) return false;
  for (let i = 0, previous = 0; i < ends.length; previous = ends[i++]) {
    if (!(ends[i] >= previous)) return false;
  }
  return ends.length === 0 ? total === 0 : ends[ends.length - 1] === total;
}

/** A text column, checked to hold `count` strings. */
function packedStrings({ text, ends }: PackedText, count: number): PackedStrings {
  if (!linesUp(ends, text.length, count)) throw new Error('the columns do not line up');
  return new PackedStrings(text, ends);
}

/** A list column's values, checked to line up with `count` records. */
function packedValues({ values, ends }: PackedLists, count: number): PackedStrings {
  const strings = packedStrings(values, values.ends.length);
  if (!linesUp(ends, strings.length, count)) throw new Error('the columns do not line up');
  return strings;
}

/** Whether `a[aStart, aEnd)` and `b[bStart, bEnd)` are the same string. */
function sameRange(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) {
    if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  }
  return true;
}

/**
 * The index over records and their columns, one pass over the records: each key is hashed from
 * its range of the packed text. The lookups keep where each raw value is in the columns, and read
 * it from there when a lookup checks one.
 */
function indexColumns(
  records: readonly MatchableRecord[],
  columns: RecordColumns,
  /** Whether a record without normalized names in the columns has its names normalized here. */
  normalizeWhereNone: boolean,
): MatchIndex {
  const count = records.length;
  const numbers = packedStrings(columns.registrationNumber, count);
  const webDomains = packedValues(columns.domains, count);
  const emailDomains = packedValues(columns.emailDomains, count);
  const phones = packedValues(columns.phones, count);
  const names = packedValues(columns.normalizedNames, count);
  const emailSame = columns.emailSameAsDomains;
  if (emailSame.length !== count) throw new Error('the columns do not line up');

  // Sized for what the columns hold, so that nothing is copied as it grows: a domain is pushed
  // under its registrable domain and usually one parent.
  const domainValues = webDomains.length + emailDomains.length;
  const licenceItems = new HashedItems(count);
  const domainItems = new HashedItems(domainValues * 2);
  /** Per raw domain: its position among the web domains' values, or -1 minus it among e-mails'. */
  const domainSource = new Positions(domainValues);
  const domainRecord = new Positions(domainValues);
  const domainKeys: (string | null | undefined)[] = [];
  const phoneItems = new HashedItems(phones.length);
  const phoneSource = new Positions(phones.length);
  const phoneRecord = new Positions(phones.length);
  const nameItems = new HashedItems(names.length);
  /** Per name: its position among the columns' names, or -1 minus it among `normalized`. */
  const nameSource = new Positions(names.length);
  const nameRecord = new Positions(names.length);
  /** Names normalized here, for records whose columns have none (`normalizeWhereNone`). */
  const normalized: string[] = [];
  /** Where the record whose names start at `nameSource` position `first` has its own here. */
  const normalizedFrom = (first: number) =>
    first < nameSource.length && nameSource.array[first] < 0
      ? -1 - nameSource.array[first]
      : normalized.length;

  const { text: numberText, ends: numberEnds } = numbers;
  const phoneText = phones.text;
  const nameText = names.text;
  const domainTexts = [webDomains.text, emailDomains.text];
  const domainEnds = [webDomains.ends, emailDomains.ends];
  const domainListEnds = [columns.domains.ends, columns.emailDomains.ends];
  const domainStart = (source: number) =>
    source >= 0 ? valueStart(webDomains.ends, source) : valueStart(emailDomains.ends, -1 - source);

  for (let position = 0; position < count; position++) {
    const licence = licenceHash(numberText, valueStart(numberEnds, position), numberEnds[position]);
    if (licence !== null) licenceItems.push(licence, position);

    // The website is often the e-mail domain too: take each distinct value of a record once.
    const firstDomain = domainSource.length;
    for (let list = 0; list < (emailSame[position] === 1 ? 1 : 2); list++) {
      const text = domainTexts[list];
      const ends = domainEnds[list];
      const listEnds = domainListEnds[list];
      for (let k = valueStart(listEnds, position); k < listEnds[position]; k++) {
        const start = valueStart(ends, k);
        const end = ends[k];
        if (start === end) continue;
        let repeated = false;
        for (let d = firstDomain; d < domainSource.length && !repeated; d++) {
          const source = domainSource.array[d];
          const other = domainTexts[source >= 0 ? 0 : 1];
          const otherEnd = domainEnds[source >= 0 ? 0 : 1][source >= 0 ? source : -1 - source];
          repeated = sameRange(text, start, end, other, domainStart(source), otherEnd);
        }
        if (repeated) continue;
        const item = domainSource.length;
        if (pushBareHost(domainItems, text, start, end, item)) {
          domainKeys.push(undefined);
        } else {
          const domain = registrableDomain(text.slice(start, end));
          if (!domain || !isIdentifyingDomain(domain)) continue;
          domainKeys.push(domain);
          domainItems.push(hashStringBackwards(domain), item);
        }
        domainSource.push(list === 0 ? k : -1 - k);
        domainRecord.push(position);
      }
    }

    const phoneEnds = columns.phones.ends;
    for (let k = valueStart(phoneEnds, position); k < phoneEnds[position]; k++) {
      const hash = phoneHash(phoneText, valueStart(phones.ends, k), phones.ends[k]);
      if (hash === null) continue;
      phoneItems.push(hash, phoneSource.length);
      phoneSource.push(k);
      phoneRecord.push(position);
    }

    const firstName = nameSource.length;
    const nameEnds = columns.normalizedNames.ends;
    if (normalizeWhereNone && valueStart(nameEnds, position) === nameEnds[position]) {
      // As for a record given as an object without them (`recordColumnsOf`).
      const record = records[position];
      for (const raw of [record.legalName, ...strings(record.tradingNames)]) {
        const name = typeof raw === 'string' ? normalizeName(raw) : '';
        if (name === '' || normalized.indexOf(name, normalizedFrom(firstName)) !== -1) continue;
        nameItems.push(nameKeyHash(name, 0, name.length), nameSource.length);
        nameSource.push(-1 - normalized.length);
        normalized.push(name);
        nameRecord.push(position);
      }
    }
    for (let k = valueStart(nameEnds, position); k < nameEnds[position]; k++) {
      const start = valueStart(names.ends, k);
      const end = names.ends[k];
      if (start === end) continue;
      let repeated = false;
      for (let n = firstName; n < nameSource.length && !repeated; n++) {
        const other = nameSource.array[n];
        repeated = sameRange(
          nameText,
          start,
          end,
          nameText,
          valueStart(names.ends, other),
          names.ends[other],
        );
      }
      if (repeated) continue;
      nameItems.push(nameKeyHash(nameText, start, end), nameSource.length);
      nameSource.push(k);
      nameRecord.push(position);
    }
  }

  const used = (positions: Positions) => positions.array.subarray(0, positions.length);
  const nameStrings = new SelectedStrings(used(nameSource), names, normalized);
  const nameRecords = used(nameRecord);
  // The name postings are laid out by the first fuzzy search (`TrigramIndex.search`), not here:
  // a worker that restarts answers exact matches, its badges and its popup without them.
  const fuzzy = TrigramIndex.over<MatchableRecord>(nameStrings, {
    length: nameRecords.length,
    at: (i) => records[nameRecords[i]],
  });
  return {
    records,
    byLicence: new LicenceLookup(licenceItems, records, numbers),
    byDomain: new DomainLookup(
      domainItems,
      records,
      new SelectedStrings(used(domainSource), webDomains, emailDomains),
      used(domainRecord),
      domainKeys,
    ),
    byPhone: new PhoneLookup(
      phoneItems,
      records,
      new SelectedStrings(used(phoneSource), phones, phones),
      used(phoneRecord),
    ),
    byNameKey: new NameKeyLookup(nameItems, records, nameStrings, nameRecords),
    names: fuzzy,
  };
}

/** Where value `k` of packed strings ending at `ends` starts. */
function valueStart(ends: Int32Array, k: number): number {
  return k === 0 ? 0 : ends[k - 1];
}

/** Strings by position and the record each belongs to. */
interface StoredColumn {
  text: string;
  ends: Int32Array;
  record: Int32Array;
}

/**
 * An index as typed arrays and packed strings, for a browser extension to keep beside the
 * snapshot (structured clone copies these at memory speed) and restore after its worker restarts
 * instead of building it again: `restoreIndex(stored, records)`, with the same records in the same
 * order. Only for indexes that `buildIndex` made.
 */
export interface StoredIndex {
  /** 2 since only the fuzzy-name lists a search can read are kept (`StoredTrigrams.budget`). */
  format: 2;
  recordCount: number;
  licence: HashedTable;
  domain: HashedTable & StoredColumn;
  phone: HashedTable & StoredColumn;
  nameKey: HashedTable & StoredColumn;
  /** The fuzzy-name index over the same names (`nameKey`'s column), laid out. */
  trigrams: StoredTrigrams;
}

function storedColumn(raw: StringColumn, record: Int32Array): StoredColumn {
  const { text, ends } = raw instanceof PackedStrings ? raw : PackedStrings.of(raw);
  // A copy: structured clone of a view would copy the whole buffer it was grown in.
  return { text, ends, record: record.slice() };
}

export function storeIndex(index: MatchIndex): StoredIndex {
  const { byLicence, byDomain, byPhone, byNameKey } = index;
  if (
    !(byLicence instanceof LicenceLookup) ||
    !(byDomain instanceof DomainLookup) ||
    !(byPhone instanceof PhoneLookup) ||
    !(byNameKey instanceof NameKeyLookup)
  ) {
    throw new Error('only an index that buildIndex made can be stored');
  }
  return {
    format: 2,
    recordCount: index.records.length,
    licence: byLicence.table,
    domain: { ...byDomain.table, ...storedColumn(byDomain.raw, byDomain.rawRecord) },
    phone: { ...byPhone.table, ...storedColumn(byPhone.raw, byPhone.rawRecord) },
    nameKey: { ...byNameKey.table, ...storedColumn(byNameKey.names, byNameKey.nameRecord) },
    // `buildIndex` adds each name to both, in the same order: the names are kept once.
    trigrams: index.names.stored(),
  };
}

/** Whether every item and record position of a stored lookup points inside its columns. */
function inRange(table: HashedTable, items: number, record?: Int32Array, records = 0): boolean {
  for (let i = 0; i < table.items.length; i++) {
    const item = table.items[i];
    if (!(item >= 0 && item < items)) return false;
  }
  if (record) {
    if (record.length !== items) return false;
    for (let i = 0; i < record.length; i++) {
      if (!(record[i] >= 0 && record[i] < records)) return false;
    }
  }
  return true;
}

/** Records' registration numbers by position, read when a licence lookup checks one. */
class RegistrationNumbers implements StringColumn {
  constructor(private readonly records: readonly MatchableRecord[]) {}
  get length(): number {
    return this.records.length;
  }
  at(index: number): string | undefined {
    const value: unknown = this.records[index]?.registrationNumber;
    return typeof value === 'string' ? value : '';
  }
}

/**
 * Raw values the caller holds elsewhere (a browser extension: in the records' own columns), given
 * instead of the stored ones, whose text and ends it may then leave empty. Same values, same order.
 */
export interface HeldColumns {
  domainRaw?: StringColumn;
  phoneRaw?: StringColumn;
}

/**
 * The index `storeIndex` kept, over `records` (the records it was built from, in their order);
 * null when what is given is not such an index, or not for that many records (build it then).
 * Nothing is computed per record: keys and names are read from the columns when a lookup or a
 * fuzzy search checks them, and the fuzzy-name lists are used as they were laid out.
 */
export function restoreIndex(
  stored: StoredIndex,
  records: readonly MatchableRecord[],
  held: HeldColumns = {},
): MatchIndex | null {
  try {
    if (stored?.format !== 2 || stored.recordCount !== records.length) return null;
    const count = records.length;
    const column = (c: StoredColumn) => new PackedStrings(c.text, c.ends);
    const domainRaw = held.domainRaw ?? column(stored.domain);
    const phoneRaw = held.phoneRaw ?? column(stored.phone);
    const names = column(stored.nameKey);
    const nameRecord = stored.nameKey.record;
    const byLicence = new LicenceLookup(stored.licence, records, new RegistrationNumbers(records));
    const byDomain = new DomainLookup(stored.domain, records, domainRaw, stored.domain.record, []);
    const byPhone = new PhoneLookup(stored.phone, records, phoneRaw, stored.phone.record);
    const byNameKey = new NameKeyLookup(stored.nameKey, records, names, nameRecord);
    if (
      !inRange(stored.licence, count) ||
      !inRange(stored.domain, domainRaw.length, stored.domain.record, count) ||
      !inRange(stored.phone, phoneRaw.length, stored.phone.record, count) ||
      !inRange(stored.nameKey, names.length, nameRecord, count)
    ) {
      return null;
    }
    const fuzzy = TrigramIndex.restored<MatchableRecord>(stored.trigrams, names, {
      length: nameRecord.length,
      at: (i) => records[nameRecord[i]],
    });
    return { records, byLicence, byDomain, byPhone, byNameKey, names: fuzzy };
  } catch {
    return null;
  }
}
