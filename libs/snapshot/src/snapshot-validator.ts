// The shape check run on every downloaded snapshot. Hand-written on purpose: the extension bundles
// it, and a schema library would outweigh the rest of the extension. It reads only the fields it
// knows and builds fresh objects (arrays of checked strings are kept), so unknown fields and
// columns (added by a newer format-1 issuer) are dropped rather than trusted.
import {
  RECRUITER_KINDS,
  STORED_STATUSES,
  type SafeguardsList,
  type SafeguardsListCountry,
  type WhoRegion,
} from '@fair-recruit/domain';
import { unpackEntries } from './packed-entries.js';
import { readPackedEntries } from './packed-wire.js';
import {
  PACKED_SNAPSHOT_FORMAT,
  SNAPSHOT_FORMATS,
  type SnapshotFormat,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotIssuer,
  type SnapshotPayload,
} from './snapshot.types.js';
import { defaultEntryId, PRINTABLE_ASCII, SAME_AS_DOMAINS, type WireEntries } from './wire.js';
import {
  asArray,
  asObject,
  at,
  defaultIdHash,
  fail,
  idHash,
  idPrefixHash,
  isCalendarDay,
  isDateTime,
  present,
  readDateTime,
  readIds,
  readJurisdiction,
  readList,
  readOneOf,
  readString,
  readText,
  readVersion,
  ShapeError,
  uniqueIdsOrFail,
  uniqueOrFail,
  type Fields,
  type Reader,
} from './shape-checks.js';

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
    readFormat(root.format);
    readVersion(root.version, '', 'version');
    readDateTime(root.generatedAt, '', 'generatedAt');
    readDateTime(root.expiresAt, '', 'expiresAt');
    return { ok: true };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, detail: error.message };
    throw error;
  }
}

// A Record rather than an array so that a region added to the domain type fails to compile here.
const WHO_REGIONS: Record<WhoRegion, true> = {
  AFR: true,
  AMR: true,
  EMR: true,
  SEAR: true,
  WPR: true,
};
const WHO_REGION_CODES = Object.keys(WHO_REGIONS) as WhoRegion[];

function readFormat(value: unknown): SnapshotFormat {
  if (!SNAPSHOT_FORMATS.includes(value as SnapshotFormat)) {
    fail('format', SNAPSHOT_FORMATS.join(' or '));
  }
  return value as SnapshotFormat;
}

function readPayload(value: unknown): SnapshotPayload | SnapshotDelta {
  const root = asObject(value, 'payload');
  const format = readFormat(root.format);
  if (root.kind === 'delta') return readDelta(root, format);
  if (root.kind !== undefined) fail('kind', '"delta" or absent');
  const header = {
    format,
    version: readVersion(root.version, '', 'version'),
    generatedAt: readDateTime(root.generatedAt, '', 'generatedAt'),
    expiresAt: readDateTime(root.expiresAt, '', 'expiresAt'),
    issuer: readIssuer(root.issuer, '', 'issuer'),
    jurisdictions: readList(root.jurisdictions, '', 'jurisdictions', readJurisdiction),
  };
  if (format === PACKED_SNAPSHOT_FORMAT) {
    const columns = readPackedEntries(root.entries, 'entries');
    return {
      ...header,
      entries: unpackEntries(columns),
      columns,
      safeguardsList: readSafeguardsList(root.safeguardsList, '', 'safeguardsList'),
    };
  }
  return {
    ...header,
    entries: readEntries(root.entries, 'entries'),
    safeguardsList: readSafeguardsList(root.safeguardsList, '', 'safeguardsList'),
  };
}

function readDelta(root: Fields, format: SnapshotFormat): SnapshotDelta {
  const delta: SnapshotDelta = {
    format,
    kind: 'delta',
    version: readVersion(root.version, '', 'version'),
    baseVersion: readVersion(root.baseVersion, '', 'baseVersion'),
    generatedAt: readDateTime(root.generatedAt, '', 'generatedAt'),
    expiresAt: readDateTime(root.expiresAt, '', 'expiresAt'),
    issuer: readIssuer(root.issuer, '', 'issuer'),
    upserts:
      format === PACKED_SNAPSHOT_FORMAT
        ? unpackEntries(readPackedEntries(root.upserts, 'upserts'))
        : readEntries(root.upserts, 'upserts'),
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

  const idOf = (i: number) => ids.get(i) ?? defaultEntryId(jurisdiction[i], registrationNumber[i]);
  const idHashes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const id = ids.get(i);
    const number = registrationNumber[i];
    idHashes[i] =
      id === undefined
        ? defaultIdHash(idPrefixHash(jurisdiction[i]), number, 0, number.length)
        : idHash(id);
  }
  uniqueIdsOrFail(idHashes, idOf, path);
  const entries = new Array<SnapshotEntry>(count);
  for (let i = 0; i < count; i++) {
    entries[i] = {
      id: idOf(i),
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
