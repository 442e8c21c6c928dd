// The checks every shape reader of a downloaded snapshot uses (`snapshot-validator.ts` for the
// payload and format 1's columns, `packed-wire.ts` for format 2's): readers of one value, and
// failures that name where the value was.
import { JURISDICTION_CODE_PATTERN } from '@fair-recruit/domain';

export class ShapeError extends Error {}

export type Fields = Record<string, unknown>;

// ECMAScript's own date-time format (milliseconds at most), which every engine parses the same way.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/;

// Readers take the container's path and the key, and join them only to report a failure: a
// snapshot has over a million fields and nearly all of them are fine.

export type Reader<T> = (value: unknown, path: string, key: string | number) => T;

export function readString(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string') fail(at(path, key), 'a string');
  return value;
}

/** A non-empty string: an empty name or domain would match every ad. */
export function readText(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || value.length === 0) fail(at(path, key), 'a non-empty string');
  return value;
}

export function readJurisdiction(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !JURISDICTION_CODE_PATTERN.test(value)) {
    fail(at(path, key), 'an ISO 3166-1 alpha-2 code');
  }
  return value;
}

export function readOneOf<T extends string>(
  value: unknown,
  path: string,
  key: string | number,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) fail(at(path, key), `one of ${allowed.join(', ')}`);
  return value as T;
}

export function readVersion(value: unknown, path: string, key: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(at(path, key), 'a non-negative integer');
  }
  return value;
}

export function readDateTime(value: unknown, path: string, key: string | number): string {
  if (typeof value !== 'string' || !isDateTime(value)) {
    fail(at(path, key), 'an ISO 8601 date-time with an offset');
  }
  return value;
}

export function readList<T>(value: unknown, parent: string, key: string, readItem: Reader<T>): T[] {
  const path = at(parent, key);
  return asArray(value, path).map((item, index) => readItem(item, path, index));
}

export function asObject(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
  return value as Fields;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array');
  return value as unknown[];
}

export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function uniqueOrFail(ids: string[], path: string): Set<string> {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(path, `unique ids (${JSON.stringify(id)} repeats)`);
    seen.add(id);
  }
  return seen;
}

/** `YYYY-MM-DD` of a day that exists. Character codes, not a pattern: it runs 300,000 times a load. */
export function isCalendarDay(text: string): boolean {
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

export function isDateTime(text: string): boolean {
  // The pattern first: on its own, Date.parse accepts "1" or "May 5" in some engines.
  return DATE_TIME.test(text) && Number.isFinite(Date.parse(text));
}

export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function fail(path: string, expected: string): never {
  throw new ShapeError(`${path}: expected ${expected}`);
}

/** `[index, id]` pairs by increasing index: the ids that are not `defaultEntryId`. */
export function readIds(value: unknown, path: string, count: number): Map<number, string> {
  return readIndexed(value, at(path, 'id'), count, readText);
}

/**
 * `[entry index, value]` pairs by increasing index below `count`, each value read by `readItem`;
 * `allowed(index)`, when given, says which entries may have one (`which` says so in a failure).
 */
export function readIndexed<T>(
  value: unknown,
  path: string,
  count: number,
  readItem: Reader<T>,
  allowed?: { at: (index: number) => boolean; which: string },
): Map<number, T> {
  const read = new Map<number, T>();
  let previous = -1;
  asArray(value, path).forEach((pair, n) => {
    const [index, item] = asArray(pair, at(path, n));
    if (
      !Number.isSafeInteger(index) ||
      (index as number) <= previous ||
      (index as number) >= count ||
      (allowed && !allowed.at(index as number))
    ) {
      fail(
        at(at(path, n), 0),
        `an entry index above ${previous} and below ${count}${allowed ? `, ${allowed.which}` : ''}`,
      );
    }
    previous = index as number;
    read.set(previous, readItem(item, at(path, n), 1));
  });
  return read;
}

/**
 * `uniqueOrFail` over entries' ids without making them: `hashes[i]` is `idHash` of entry i's id
 * (`idHash`, or `defaultIdHash` without making the default id), and only ids with equal hashes
 * are made (`idOf`) and compared. Fails on the first id that repeats, as `uniqueOrFail` does.
 */
export function uniqueIdsOrFail(
  hashes: Int32Array,
  idOf: (i: number) => string,
  path: string,
): void {
  const count = hashes.length;
  let bits = 4;
  while (1 << bits < count * 2) bits++;
  const mask = (1 << bits) - 1;
  // Slot → entry index + 1 (0: empty).
  const table = new Int32Array(1 << bits);
  for (let i = 0; i < count; i++) {
    const hash = hashes[i];
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

/** FNV-1a of an id's UTF-16 code units. */
export function idHash(id: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * `idHash(defaultEntryId(jurisdiction, number))` without making the id, in two steps: the hash of
 * the `<jurisdiction>:` it starts with (the same for every entry of a jurisdiction), then
 * `defaultIdHash(prefixHash, text, start, end)` for the number `text[start, end)`.
 */
export function idPrefixHash(jurisdiction: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < jurisdiction.length; i++) {
    hash = Math.imul(hash ^ jurisdiction.charCodeAt(i), FNV_PRIME);
  }
  return Math.imul(hash ^ COLON, FNV_PRIME);
}

export function defaultIdHash(
  prefixHash: number,
  text: string,
  start: number,
  end: number,
): number {
  let hash = prefixHash;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) code -= 32;
    else if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57))) continue;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash;
}
