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
import { PackedStrings, type StringColumn } from './columns.js';

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

const ASCII_LICENCE = /^[\x20-\x7e]*$/;

function licenceKey(registrationNumber: unknown): string {
  if (typeof registrationNumber !== 'string') return '';
  // Most registration numbers are ASCII; skip the Unicode folding for them.
  return ASCII_LICENCE.test(registrationNumber)
    ? registrationNumber.toUpperCase().replace(/[^A-Z0-9]/g, '')
    : normalizeLicence(registrationNumber);
}

/**
 * `hashString(licenceKey(value))` without making the key for printable ASCII numbers (upper case,
 * letters and digits kept); null when the key is empty.
 */
function licenceHash(value: string): number | null {
  let hash = HASH_START;
  let kept = 0;
  for (let i = 0; i < value.length; i++) {
    let code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      const key = licenceKey(value);
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
 * Pushes a raw domain value under the hash of each of its parent domains (two labels or more)
 * when it is a bare lower-case ASCII host (`/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/`, as `domains.ts`
 * tests); returns false, having pushed nothing, for any other value. One pass, last character
 * first, as `hashStringBackwards` reads a key.
 */
function pushBareHost(items: HashedItems, raw: string, item: number): boolean {
  let hash = HASH_START;
  let labelLength = 0;
  let dots = 0;
  for (let i = raw.length - 1; i >= 0; i--) {
    const code = raw.charCodeAt(i);
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

/** The hash of `phoneKey` of the value's digits, or null when it has fewer than 7 digits. */
function phoneHash(phone: string): number | null {
  let hash = HASH_START;
  let digits = 0;
  for (let i = phone.length - 1; i >= 0 && digits < PHONE_KEY_DIGITS; i--) {
    const code = phone.charCodeAt(i);
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
    return nameKeyHash(key);
  }
}

/**
 * A hash of the words of a name that ignores their order, so a name and its `nameKey` (the same
 * words sorted) hash alike without sorting anything. Words are what `split(' ')` gives.
 */
function nameKeyHash(name: string): number {
  let sum = 0;
  let hash = HASH_START;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
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
  array = new Int32Array(1024);
  length = 0;

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
 */
export function buildIndex(records: readonly MatchableRecord[]): MatchIndex {
  const indexed: MatchableRecord[] = [];
  const licenceNumbers: string[] = [];
  const licenceItems = new HashedItems();
  const domainRaw: string[] = [];
  const domainRecord = new Positions();
  const domainKeys: (string | null | undefined)[] = [];
  const domainItems = new HashedItems();
  const phoneRaw: string[] = [];
  const phoneRecord = new Positions();
  const phoneItems = new HashedItems();
  const nameStrings: string[] = [];
  const nameRecord = new Positions();
  const nameItems = new HashedItems();
  const names = new TrigramIndex<MatchableRecord>();

  for (const record of Array.isArray(records) ? (records as readonly unknown[]) : []) {
    if (!isRecord(record)) continue;
    const position = indexed.length;
    indexed.push(record);

    const registrationNumber: unknown = record.registrationNumber;
    const number = typeof registrationNumber === 'string' ? registrationNumber : '';
    licenceNumbers.push(number);
    const licence = number === '' ? null : licenceHash(number);
    if (licence !== null) licenceItems.push(licence, position);

    // The website is often the e-mail domain too: take each distinct value of a record once.
    let previousRaw: string | undefined;
    for (let list = 0; list < 2; list++) {
      const values: unknown = list === 0 ? record.domains : record.emailDomains;
      if (!Array.isArray(values)) continue;
      for (const raw of values as unknown[]) {
        if (typeof raw !== 'string' || raw === previousRaw) continue;
        previousRaw = raw;
        const item = domainRaw.length;
        if (pushBareHost(domainItems, raw, item)) {
          domainKeys.push(undefined);
        } else {
          const domain = registrableDomain(raw);
          if (!domain || !isIdentifyingDomain(domain)) continue;
          domainKeys.push(domain);
          domainItems.push(hashStringBackwards(domain), item);
        }
        domainRaw.push(raw);
        domainRecord.push(position);
      }
    }

    const phones: unknown = record.phones;
    if (Array.isArray(phones)) {
      for (const phone of phones as unknown[]) {
        if (typeof phone !== 'string') continue;
        const hash = phoneHash(phone);
        if (hash === null) continue;
        phoneItems.push(hash, phoneRaw.length);
        phoneRaw.push(phone);
        phoneRecord.push(position);
      }
    }

    const firstName = nameStrings.length;
    const given: unknown = record.normalizedNames;
    const fromSnapshot = Array.isArray(given) && given.length > 0;
    const candidates: unknown[] = fromSnapshot
      ? (given as unknown[])
      : [record.legalName, ...(Array.isArray(record.tradingNames) ? record.tradingNames : [])];
    for (const candidate of candidates) {
      if (typeof candidate !== 'string') continue;
      const name = fromSnapshot ? candidate : normalizeName(candidate);
      if (name === '' || nameStrings.indexOf(name, firstName) !== -1) continue;
      nameItems.push(nameKeyHash(name), nameStrings.length);
      nameStrings.push(name);
      nameRecord.push(position);
      names.add(record, name);
    }
  }

  // The name postings are laid out by the first fuzzy search (`TrigramIndex.search`), not here:
  // a worker that restarts answers exact matches, its badges and its popup without them.
  return {
    records: indexed,
    byLicence: new LicenceLookup(licenceItems, indexed, licenceNumbers),
    byDomain: new DomainLookup(
      domainItems,
      indexed,
      domainRaw,
      domainRecord.array.subarray(0, domainRecord.length),
      domainKeys,
    ),
    byPhone: new PhoneLookup(
      phoneItems,
      indexed,
      phoneRaw,
      phoneRecord.array.subarray(0, phoneRecord.length),
    ),
    byNameKey: new NameKeyLookup(
      nameItems,
      indexed,
      nameStrings,
      nameRecord.array.subarray(0, nameRecord.length),
    ),
    names,
  };
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
