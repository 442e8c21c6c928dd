// The shape check run on every downloaded snapshot. Hand-written on purpose: the extension bundles
// it, and a schema library would outweigh the rest of the extension. It reads only the fields it
// knows and builds fresh objects, so unknown fields (added by a newer format-1 issuer) are dropped
// rather than trusted.
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

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
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

function readEntries(value: unknown, path: string): SnapshotEntry[] {
  const entries = asArray(value, path).map((item, index) => readEntry(item, path, index));
  uniqueOrFail(
    entries.map((entry) => entry.id),
    path,
  );
  return entries;
}

/** Absent lists read as empty and absent values as null: the wire form of `compactEntry`. */
function readEntry(value: unknown, parent: string, index: number): SnapshotEntry {
  const path = at(parent, index);
  const raw = asObject(value, path);
  return {
    id: readText(raw.id, path, 'id'),
    jurisdiction: readJurisdiction(raw.jurisdiction, path, 'jurisdiction'),
    registrationNumber: readText(raw.registrationNumber, path, 'registrationNumber'),
    kind: readOneOf(raw.kind, path, 'kind', RECRUITER_KINDS),
    legalName: readText(raw.legalName, path, 'legalName'),
    tradingNames: readOptionalList(raw.tradingNames, path, 'tradingNames', readText),
    normalizedNames: readOptionalList(raw.normalizedNames, path, 'normalizedNames', readText),
    domains: readOptionalList(raw.domains, path, 'domains', readText),
    emailDomains: readOptionalList(raw.emailDomains, path, 'emailDomains', readText),
    phones: readOptionalList(raw.phones, path, 'phones', readText),
    status: readOneOf(raw.status, path, 'status', STORED_STATUSES),
    authorizedFrom: readOptional(raw.authorizedFrom, path, 'authorizedFrom', readCalendarDay),
    authorizedUntil: readOptional(raw.authorizedUntil, path, 'authorizedUntil', readCalendarDay),
    statusChangedAt: readOptional(raw.statusChangedAt, path, 'statusChangedAt', readDayOrDateTime),
    statusReason: readOptional(raw.statusReason, path, 'statusReason', readString),
  };
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
  key: string,
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

function readCalendarDay(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    fail(at(path, key), 'a calendar day (YYYY-MM-DD)');
  }
  return value;
}

function readDateTime(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !isDateTime(value)) {
    fail(at(path, key), 'an ISO 8601 date-time with an offset');
  }
  return value;
}

function readDayOrDateTime(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !(isCalendarDay(value) || isDateTime(value))) {
    fail(at(path, key), 'an ISO 8601 date-time or calendar day');
  }
  return value;
}

function readOptional<T>(value: unknown, path: string, key: string, read: Reader<T>): T | null {
  return present(value) ? read(value, path, key) : null;
}

function readList<T>(value: unknown, parent: string, key: string, readItem: Reader<T>): T[] {
  const path = at(parent, key);
  return asArray(value, path).map((item, index) => readItem(item, path, index));
}

function readOptionalList<T>(value: unknown, path: string, key: string, readItem: Reader<T>): T[] {
  return present(value) ? readList(value, path, key, readItem) : [];
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

function isCalendarDay(text: string): boolean {
  if (!CALENDAR_DAY.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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
