import type { StoredStatus } from '@fair-recruit/domain';
import { isIdentifyingDomain, registrableDomain } from './domains.js';
import { normalizeLicence } from './licences.js';
import { nameKeyOfNormalized, normalizeName } from './normalize.js';
import { phoneKey } from './phones.js';
import { TrigramIndex } from './trigram-index.js';

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
 * the records that have it (several: a firm registered in several jurisdictions). They hold the
 * records themselves rather than ids, which spares an id lookup per hit and a 100,000-entry map.
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

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  // One record's keys are added one after the other, so a repeat can only be the last value.
  else if (list[list.length - 1] !== value) list.push(value);
}

const ASCII_LICENCE = /^[\x20-\x7e]*$/;

function licenceKey(registrationNumber: unknown): string {
  if (typeof registrationNumber !== 'string') return '';
  // Most registration numbers are ASCII; skip the Unicode folding for them.
  return ASCII_LICENCE.test(registrationNumber)
    ? registrationNumber.toUpperCase().replace(/[^A-Z0-9]/g, '')
    : normalizeLicence(registrationNumber);
}

const NO_STRINGS: readonly string[] = [];

/** The strings of a list that should hold only strings (records come from outside). */
function strings(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return NO_STRINGS;
  return value.every((item) => typeof item === 'string')
    ? value
    : value.filter((item): item is string => typeof item === 'string');
}

/** The record's distinct normalized names: given by the snapshot, or computed. */
function namesOf(record: MatchableRecord): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (name !== '' && !names.includes(name)) names.push(name);
  };
  const given = record.normalizedNames;
  if (Array.isArray(given) && given.length > 0) {
    for (const name of given) if (typeof name === 'string') add(name);
    return names;
  }
  if (typeof record.legalName === 'string') add(normalizeName(record.legalName));
  for (const name of strings(record.tradingNames)) add(normalizeName(name));
  return names;
}

function isRecord(value: unknown): value is MatchableRecord {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

/**
 * Builds the lookup structures for a registry snapshot. Records are expected to have distinct ids
 * (the snapshot's entries); anything that is not a record with an id is skipped.
 */
export function buildIndex(records: readonly MatchableRecord[]): MatchIndex {
  const indexed: MatchableRecord[] = [];
  const byLicence = new Map<string, MatchableRecord[]>();
  const byDomain = new Map<string, MatchableRecord[]>();
  const byPhone = new Map<string, PhoneEntry[]>();
  const byNameKey = new Map<string, MatchableRecord[]>();
  const names = new TrigramIndex<MatchableRecord>();

  for (const record of Array.isArray(records) ? (records as readonly unknown[]) : []) {
    if (!isRecord(record)) continue;
    indexed.push(record);
    const licence = licenceKey(record.registrationNumber);
    if (licence !== '') addTo(byLicence, licence, record);

    // The website is often the e-mail domain too: parse each distinct value of a record once.
    let previousRaw: string | undefined;
    for (const list of [record.domains, record.emailDomains]) {
      for (const raw of strings(list)) {
        if (raw === previousRaw) continue;
        previousRaw = raw;
        const domain = registrableDomain(raw);
        if (domain && isIdentifyingDomain(domain)) addTo(byDomain, domain, record);
      }
    }

    for (const phone of strings(record.phones)) {
      const digits = phone.replace(/\D/g, '');
      if (digits.length >= 7) addTo(byPhone, phoneKey(digits), { record, digits });
    }

    for (const name of namesOf(record)) {
      addTo(byNameKey, nameKeyOfNormalized(name), record);
      names.add(record, name);
    }
  }

  names.freeze();
  return { records: indexed, byLicence, byDomain, byPhone, byNameKey, names };
}
