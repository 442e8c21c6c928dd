// The shape check run on every downloaded snapshot. Hand-written on purpose: the extension bundles
// it, and a schema library would outweigh the rest of the extension. It reads only the fields it
// knows and builds fresh objects (arrays of checked strings are kept), so unknown fields and
// columns (added by a newer format-1 issuer) are dropped rather than trusted.
import {
  JURISDICTION_CODE_PATTERN,
  RECRUITER_KINDS,
  STORED_STATUSES,
  type SafeguardsList,
  type SafeguardsListCountry,
  type WhoRegion,
} from '@fair-recruit/domain';
import {
  SNAPSHOT_FORMAT,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotIssuer,
  type SnapshotPayload,
} from './snapshot.types.js';
import { defaultEntryId, PRINTABLE_ASCII, SAME_AS_DOMAINS, type WireEntries } from './wire.js';

export type SnapshotShapeResult =
  { ok: true; payload: SnapshotPayload | SnapshotDelta } | { ok: false; detail: string };

/** Checks a parsed JSON value and returns it typed and expanded, or says where it went wrong. */
export function checkSnapshotShape(value: unknown): SnapshotShapeResult {
  try {
    return { ok: true, payload: readPayload(value) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, detail: error.message };
    throw error;
  }
}

/** The header fields of a full snapshot (`format`, `version`, `generatedAt`, `expiresAt`) only. */
export function checkSnapshotHeader(value: unknown): { ok: true } | { ok: false; detail: string } {
  try {
    const root = asObject(value, 'payload');
    if (root.format !== SNAPSHOT_FORMAT) fail('format', String(SNAPSHOT_FORMAT));
    readVersion(root.version, '', 'version');
    readDateTime(root.generatedAt, '', 'generatedAt');
    readDateTime(root.expiresAt, '', 'expiresAt');
    return { ok: true };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, detail: error.message };
    throw error;
  }
}

class ShapeError extends Error {}

type Fields = Record<string, unknown>;

// A Record rather than an array so that a region added to the domain type fails to compile here.
const WHO_REGIONS: Record<WhoRegion, true> = {
  AFR: true,
  AMR: true,
  EMR: true,
  SEAR: true,
  WPR: true,
};
const WHO_REGION_CODES = Object.keys(WHO_REGIONS) as WhoRegion[];

// ECMAScript's own date-time format (milliseconds at most), which every engine parses the same way.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/;

function readPayload(value: unknown): SnapshotPayload | SnapshotDelta {
  const root = asObject(value, 'payload');
  if (root.format !== SNAPSHOT_FORMAT) fail('format', String(SNAPSHOT_FORMAT));
  if (root.kind === 'delta') return readDelta(root);
  if (root.kind !== undefined) fail('kind', '"delta" or absent');
  return {
    format: SNAPSHOT_FORMAT,
    version: readVersion(root.version, '', 'version'),
    generatedAt: readDateTime(root.generatedAt, '', 'generatedAt'),
    expiresAt: readDateTime(root.expiresAt, '', 'expiresAt'),
    issuer: readIssuer(root.issuer, '', 'issuer'),
    jurisdictions: readList(root.jurisdictions, '', 'jurisdictions', readJurisdiction),
    entries: readEntries(root.entries, 'entries'),
    safeguardsList: readSafeguardsList(root.safeguardsList, '', 'safeguardsList'),
  };
}

function readDelta(root: Fields): SnapshotDelta {
  const delta: SnapshotDelta = {
    format: SNAPSHOT_FORMAT,
    kind: 'delta',
    version: readVersion(root.version, '', 'version'),
    baseVersion: readVersion(root.baseVersion, '', 'baseVersion'),
    generatedAt: readDateTime(root.generatedAt, '', 'generatedAt'),
    expiresAt: readDateTime(root.expiresAt, '', 'expiresAt'),
    issuer: readIssuer(root.issuer, '', 'issuer'),
    upserts: readEntries(root.upserts, 'upserts'),
    removals: readList(root.removals, '', 'removals', readText),
  };
  if (delta.version <= delta.baseVersion) fail('version', 'a number greater than baseVersion');
  const removed = uniqueOrFail(delta.removals, 'removals');
  const upsertedAndRemoved = delta.upserts.find((entry) => removed.has(entry.id));
  if (upsertedAndRemoved) {
    fail('removals', `no upserted id (${JSON.stringify(upsertedAndRemoved.id)} is both)`);
  }
  if (present(root.jurisdictions)) {
    delta.jurisdictions = readList(root.jurisdictions, '', 'jurisdictions', readJurisdiction);
  }
  if (present(root.safeguardsList)) {
    delta.safeguardsList = readSafeguardsList(root.safeguardsList, '', 'safeguardsList');
  }
  return delta;
}

/**
 * Reads `WireEntries` column by column, then gathers the entries. Each value is checked once: a
 * dictionary's values rather than every entry's copy of them, and only a failure builds a path,
 * naming the entry and field (`entries[3].domains[0]`) or the column (`entries.status.values[1]`).
 * Checked arrays are kept rather than copied: they come from this parse and nothing else holds them.
 */
function readEntries(value: unknown, path: string): SnapshotEntry[] {
  const wire = asObject(value, path);
  const count = readVersion(wire.count, path, 'count');
  const column = (key: keyof WireEntries) => asColumn(wire[key], path, key, count);

  const jurisdiction = readDictionary(wire, path, 'jurisdiction', count, readJurisdiction);
  const registrationNumber = textColumn(column('registrationNumber'), path, 'registrationNumber');
  const kind = readDictionary(wire, path, 'kind', count, (item, itemPath, key) =>
    readOneOf(item, itemPath, key, RECRUITER_KINDS),
  );
  const legalName = textColumn(column('legalName'), path, 'legalName');
  const tradingNames = listColumn(column('tradingNames'), path, 'tradingNames');
  const normalizedNames = readNormalizedNames(
    column('normalizedNames'),
    legalName,
    tradingNames,
    path,
  );
  const domains = listColumn(column('domains'), path, 'domains');
  const emailDomainsOrSame = column('emailDomains');
  const emailDomains = listColumn(
    emailDomainsOrSame.map((item, i) => (item === SAME_AS_DOMAINS ? domains[i] : item)),
    path,
    'emailDomains',
  );
  const phones = listColumn(column('phones'), path, 'phones');
  const status = readDictionary(wire, path, 'status', count, (item, itemPath, key) =>
    readOneOf(item, itemPath, key, STORED_STATUSES),
  );
  const authorizedFrom = dayColumn(
    column('authorizedFrom'),
    path,
    'authorizedFrom',
    CALENDAR_DAY_VALUE,
  );
  const authorizedUntil = dayColumn(
    column('authorizedUntil'),
    path,
    'authorizedUntil',
    CALENDAR_DAY_VALUE,
  );
  const statusChangedAt = dayColumn(
    column('statusChangedAt'),
    path,
    'statusChangedAt',
    DAY_OR_DATE_TIME_VALUE,
  );
  const statusReason = readDictionary(wire, path, 'statusReason', count, readString, true);
  const ids = readIds(wire.id, path, count);

  uniqueIdsOrFail(ids, jurisdiction, registrationNumber, path);
  const entries = new Array<SnapshotEntry>(count);
  for (let i = 0; i < count; i++) {
    entries[i] = {
      id: ids.get(i) ?? defaultEntryId(jurisdiction[i], registrationNumber[i]),
      jurisdiction: jurisdiction[i],
      registrationNumber: registrationNumber[i],
      kind: kind[i],
      legalName: legalName[i],
      tradingNames: tradingNames[i],
      normalizedNames: normalizedNames[i],
      domains: domains[i],
      emailDomains: emailDomains[i],
      phones: phones[i],
      status: status[i],
      authorizedFrom: authorizedFrom[i],
      authorizedUntil: authorizedUntil[i],
      statusChangedAt: statusChangedAt[i],
      statusReason: statusReason[i],
    };
  }
  return entries;
}

/**
 * `uniqueOrFail` over the entries' ids, without making them: an id is hashed from what it is made
 * of (`defaultEntryId` writes "<jurisdiction>:<letters and digits of the number, upper case>"), and
 * only ids with equal hashes are built and compared. Fails on the first id that repeats, as
 * `uniqueOrFail` does.
 */
function uniqueIdsOrFail(
  explicit: ReadonlyMap<number, string>,
  jurisdiction: readonly string[],
  registrationNumber: readonly string[],
  path: string,
): void {
  const count = jurisdiction.length;
  const idOf = (i: number) =>
    explicit.get(i) ?? defaultEntryId(jurisdiction[i], registrationNumber[i]);
  let bits = 4;
  while (1 << bits < count * 2) bits++;
  const mask = (1 << bits) - 1;
  // Slot → entry index + 1 (0: empty); the hashes of the entries by index.
  const table = new Int32Array(1 << bits);
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const id = explicit.get(i);
    const hash =
      id === undefined ? defaultIdHash(jurisdiction[i], registrationNumber[i]) : idHash(id);
    hashes[i] = hash;
    let slot = Math.imul(hash, 0x9e3779b1) >>> (32 - bits);
    for (let other = table[slot]; other !== 0; other = table[slot]) {
      if (hashes[other - 1] === hash && idOf(other - 1) === idOf(i)) {
        fail(path, `unique ids (${JSON.stringify(idOf(i))} repeats)`);
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = i + 1;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const COLON = 58;

function idHash(id: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** `idHash(defaultEntryId(jurisdiction, registrationNumber))`, without making the id. */
function defaultIdHash(jurisdiction: string, registrationNumber: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < jurisdiction.length; i++) {
    hash = Math.imul(hash ^ jurisdiction.charCodeAt(i), FNV_PRIME);
  }
  hash = Math.imul(hash ^ COLON, FNV_PRIME);
  for (let i = 0; i < registrationNumber.length; i++) {
    let code = registrationNumber.charCodeAt(i);
    if (code >= 97 && code <= 122) code -= 32;
    else if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57))) continue;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash;
}

function asColumn(value: unknown, path: string, key: string, count: number): unknown[] {
  const column = asArray(value, at(path, key));
  if (column.length !== count) fail(at(path, key), `an array of ${count} (count) items`);
  return column;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function textColumn(column: unknown[], path: string, key: string): string[] {
  for (let i = 0; i < column.length; i++) {
    if (!isText(column[i])) readText(column[i], at(path, i), key);
  }
  return column as string[];
}

/** Lists of non-empty strings: names, domains, phone numbers. */
function listColumn(column: unknown[], path: string, key: string): string[][] {
  for (let i = 0; i < column.length; i++) {
    const list = column[i];
    if (!Array.isArray(list)) fail(at(at(path, i), key), 'an array');
    for (let j = 0; j < list.length; j++) {
      if (!isText(list[j])) readText(list[j], at(at(path, i), key), j);
    }
  }
  return column as string[][];
}

const CALENDAR_DAY_VALUE = { isValid: isCalendarDay, expected: 'a calendar day (YYYY-MM-DD)' };
const DAY_OR_DATE_TIME_VALUE = {
  isValid: (text: string) => isCalendarDay(text) || isDateTime(text),
  expected: 'an ISO 8601 date-time or calendar day',
};

/** Days (or date-times), `null` when absent. */
function dayColumn(
  column: unknown[],
  path: string,
  key: string,
  { isValid, expected }: typeof CALENDAR_DAY_VALUE,
): (string | null)[] {
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value !== null && (typeof value !== 'string' || !isValid(value))) {
      fail(at(at(path, i), key), expected);
    }
  }
  return column as (string | null)[];
}

/** `[index, id]` pairs by increasing index: the ids that are not `defaultEntryId`. */
function readIds(value: unknown, path: string, count: number): Map<number, string> {
  const ids = new Map<number, string>();
  const idsPath = at(path, 'id');
  let previous = -1;
  asArray(value, idsPath).forEach((pair, n) => {
    const [index, id] = asArray(pair, at(idsPath, n));
    if (
      !Number.isSafeInteger(index) ||
      (index as number) <= previous ||
      (index as number) >= count
    ) {
      fail(at(at(idsPath, n), 0), `an entry index above ${previous} and below ${count}`);
    }
    previous = index as number;
    ids.set(previous, readText(id, at(idsPath, n), 1));
  });
  return ids;
}

/** Every entry's value of a dictionary-coded field; each of the dictionary's values read once. */
function readDictionary<T>(
  wire: Fields,
  parent: string,
  key: keyof WireEntries,
  count: number,
  read: Reader<T>,
  nullable = false,
): (T | null)[] & T[] {
  const path = at(parent, key);
  const dictionary = asObject(wire[key], path);
  const values = readList(dictionary.values, path, 'values', read);
  const codes = asColumn(dictionary.codes, path, 'codes', count);
  const decoded = new Array<T | null>(count);
  for (let i = 0; i < count; i++) {
    const code = codes[i];
    if (code === null && nullable) {
      decoded[i] = null;
    } else if (typeof code === 'number' && code >= 0 && code < values.length && code % 1 === 0) {
      decoded[i] = values[code];
    } else {
      fail(at(at(path, 'codes'), i), `an index into values${nullable ? ' or null' : ''}`);
    }
  }
  return decoded as (T | null)[] & T[];
}

/** A number on the wire stands for a prefix of the lower-cased name at the same position. */
function readNormalizedNames(
  column: unknown[],
  legalNames: string[],
  tradingNames: string[][],
  path: string,
): string[][] {
  const key = 'normalizedNames';
  for (let i = 0; i < column.length; i++) {
    const list = column[i];
    if (!Array.isArray(list)) fail(at(at(path, i), key), 'an array');
    for (let j = 0; j < list.length; j++) {
      const item: unknown = list[j];
      if (isText(item)) continue;
      const source = j === 0 ? legalNames[i] : tradingNames[i][j - 1];
      if (
        typeof item !== 'number' ||
        source === undefined ||
        !PRINTABLE_ASCII.test(source) ||
        !Number.isSafeInteger(item) ||
        item < 1 ||
        item > source.length
      ) {
        fail(
          at(at(at(path, i), key), j),
          'a non-empty string, or the length of a prefix of the ASCII name at that position',
        );
      }
      list[j] = source.slice(0, item).toLowerCase();
    }
  }
  return column as string[][];
}

function readIssuer(value: unknown, parent: string, key: string): SnapshotIssuer {
  const path = at(parent, key);
  const issuer = asObject(value, path);
  return { name: readText(issuer.name, path, 'name'), url: readText(issuer.url, path, 'url') };
}

function readSafeguardsList(value: unknown, parent: string, key: string): SafeguardsList {
  const path = at(parent, key);
  const list = asObject(value, path);
  return {
    edition: readText(list.edition, path, 'edition'),
    source: readString(list.source, path, 'source'),
    countries: readList(list.countries, path, 'countries', readCountry),
  };
}

function readCountry(
  value: unknown,
  parent: string,
  index: number | string,
): SafeguardsListCountry {
  const path = at(parent, index);
  const country = asObject(value, path);
  return {
    code: readJurisdiction(country.code, path, 'code'),
    name: readText(country.name, path, 'name'),
    whoRegion: readOneOf(country.whoRegion, path, 'whoRegion', WHO_REGION_CODES),
  };
}

// Readers take the container's path and the key, and join them only to report a failure: a
// snapshot has over a million fields and nearly all of them are fine.

type Reader<T> = (value: unknown, path: string, key: string | number) => T;

function readString(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string') fail(at(path, key), 'a string');
  return value;
}

/** A non-empty string: an empty name or domain would match every ad. */
function readText(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || value.length === 0) fail(at(path, key), 'a non-empty string');
  return value;
}

function readJurisdiction(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !JURISDICTION_CODE_PATTERN.test(value)) {
    fail(at(path, key), 'an ISO 3166-1 alpha-2 code');
  }
  return value;
}

function readOneOf<T extends string>(
  value: unknown,
  path: string,
  key: string | number,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) fail(at(path, key), `one of ${allowed.join(', ')}`);
  return value as T;
}

function readVersion(value: unknown, path: string, key: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(at(path, key), 'a non-negative integer');
  }
  return value;
}

function readDateTime(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !isDateTime(value)) {
    fail(at(path, key), 'an ISO 8601 date-time with an offset');
  }
  return value;
}

function readList<T>(value: unknown, parent: string, key: string, readItem: Reader<T>): T[] {
  const path = at(parent, key);
  return asArray(value, path).map((item, index) => readItem(item, path, index));
}

function asObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
  return value as Fields;
}

function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array');
  return value as unknown[];
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function uniqueOrFail(ids: string[], path: string): Set<string> {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(path, `unique ids (${JSON.stringify(id)} repeats)`);
    seen.add(id);
  }
  return seen;
}

/** `YYYY-MM-DD` of a day that exists. Character codes, not a pattern: it runs 300,000 times a load. */
function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH)
    return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  return month >= 1 && month <= 12 && day >= 1 && year >= 0 && day <= daysInMonth(year, month);
}

const DASH = 45;
const ZERO = 48;

/** The number written in `text[start, end)`, or -1 unless every character is a digit 0-9. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// Arithmetic rather than a Date round trip: a snapshot has hundreds of thousands of days to check.
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDateTime(text: string): boolean {
  // The pattern first: on its own, Date.parse accepts "1" or "May 5" in some engines.
  return DATE_TIME.test(text) && Number.isFinite(Date.parse(text));
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function fail(path: string, expected: string): never {
  throw new ShapeError(`${path}: expected ${expected}`);
}
