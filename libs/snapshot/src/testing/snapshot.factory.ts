// Test data for the snapshot specs: factories with defaults, and fast-check arbitraries.
import { RECRUITER_KINDS, SAFEGUARDS_LIST_2023, STORED_STATUSES } from '@fair-recruit/domain';
import fc from 'fast-check';
import { generateKeyPair, publishedKeyFor, type KeyPair } from '../keys.js';
import { defaultEntryId } from '../wire.js';
import type { PublishedKey, SnapshotEntry, SnapshotPayload } from '../snapshot.types.js';

/** Inside the validity window of `makePayload`'s defaults. */
export const TEST_NOW = new Date('2025-06-01T00:00:00Z');

export function makeEntry(overrides: Partial<SnapshotEntry> = {}): SnapshotEntry {
  return {
    id: 'rec-0001',
    jurisdiction: 'GB',
    registrationNumber: 'EA-1042',
    kind: 'recruiter',
    legalName: 'Meridian Care Staffing Ltd',
    tradingNames: ['Meridian Nurses'],
    normalizedNames: ['meridian care staffing', 'meridian nurses'],
    domains: ['meridiancare.co.uk'],
    emailDomains: ['meridiancare.co.uk'],
    phones: ['+442071234567'],
    status: 'authorized',
    authorizedFrom: '2024-01-15',
    authorizedUntil: '2027-01-14',
    statusChangedAt: '2024-01-15',
    statusReason: null,
    ...overrides,
  };
}

export function makePayload(overrides: Partial<SnapshotPayload> = {}): SnapshotPayload {
  return {
    format: 1,
    version: 7,
    generatedAt: '2025-05-31T12:00:00Z',
    expiresAt: '2025-06-14T12:00:00Z',
    issuer: { name: 'Fair Recruit test issuer', url: 'https://registry.example' },
    jurisdictions: ['GB', 'PH'],
    entries: [
      makeEntry(),
      makeEntry({
        id: 'rec-0002',
        jurisdiction: 'PH',
        registrationNumber: 'DMW-118-LB-061522-R',
        kind: 'both',
        legalName: 'Pacific Bridge Manpower Inc.',
        tradingNames: [],
        normalizedNames: ['pacific bridge manpower'],
        domains: [],
        emailDomains: [],
        phones: [],
        status: 'suspended',
        authorizedUntil: null,
        statusChangedAt: '2025-03-02T09:30:00Z',
        statusReason: 'Placement fee charged to nurses',
      }),
    ],
    safeguardsList: SAFEGUARDS_LIST_2023,
    ...overrides,
  };
}

export interface TestSigner extends KeyPair {
  published: PublishedKey;
  signingKey: { keyId: string; privateKey: Uint8Array };
}

export async function makeSigner(): Promise<TestSigner> {
  const pair = await generateKeyPair();
  const published = publishedKeyFor(pair.publicKey);
  return {
    ...pair,
    published,
    signingKey: { keyId: published.keyId, privateKey: pair.privateKey },
  };
}

// Arbitraries. Strings use the 'binary' unit (any code point) so that escaping and UTF-8 are
// exercised, not just ASCII.

const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const texts = fc.array(text, { maxLength: 3 });

const calendarDay = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

const dateTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

/** Entries whose ids come from `ids`, so that two arbitrary snapshots share some entries. */
export function entryArbitrary(ids: fc.Arbitrary<string> = text): fc.Arbitrary<SnapshotEntry> {
  return fc.record({
    id: ids,
    jurisdiction: fc.constantFrom('GB', 'IE', 'PH'),
    registrationNumber: text,
    kind: fc.constantFrom(...RECRUITER_KINDS),
    legalName: text,
    tradingNames: texts,
    normalizedNames: texts,
    domains: texts,
    emailDomains: texts,
    phones: texts,
    status: fc.constantFrom(...STORED_STATUSES),
    authorizedFrom: fc.option(calendarDay, { nil: null }),
    authorizedUntil: fc.option(calendarDay, { nil: null }),
    statusChangedAt: fc.option(fc.oneof(calendarDay, dateTime), { nil: null }),
    statusReason: fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: null }),
  });
}

export function entriesArbitrary(ids: string[]): fc.Arbitrary<SnapshotEntry[]> {
  return fc.uniqueArray(entryArbitrary(fc.constantFrom(...ids)), {
    selector: (entry) => entry.id,
    maxLength: ids.length,
  });
}

export function payloadArbitrary(ids: string[]): fc.Arbitrary<SnapshotPayload> {
  return fc.record({
    format: fc.constant(1 as const),
    version: fc.nat({ max: 1_000_000 }),
    generatedAt: dateTime,
    expiresAt: dateTime,
    issuer: fc.record({ name: text, url: text }),
    jurisdictions: fc.uniqueArray(fc.constantFrom('GB', 'IE', 'PH'), { minLength: 1 }),
    entries: entriesArbitrary(ids),
    safeguardsList: fc.constantFrom(SAFEGUARDS_LIST_2023, {
      ...SAFEGUARDS_LIST_2023,
      edition: '2026',
      countries: SAFEGUARDS_LIST_2023.countries.slice(1),
    }),
  });
}

/** Entries in one canonical order, to compare snapshots as sets. */
export function byId(entries: SnapshotEntry[]): SnapshotEntry[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const asciiName = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 16 });

/** Entries whose normalized names are often prefixes of their names, as the API's are. */
export const asciiEntryArbitrary: fc.Arbitrary<SnapshotEntry> = fc
  .tuple(
    entryArbitrary(fc.constantFrom('a', 'b', 'c', 'd')),
    asciiName,
    fc.array(asciiName, { maxLength: 2 }),
    fc.array(fc.oneof(fc.nat({ max: 20 }), asciiName), { maxLength: 4 }),
    fc.boolean(),
  )
  .map(([entry, legalName, tradingNames, picks, sameEmail]) => {
    const names = [legalName, ...tradingNames];
    const normalizedNames = picks.map((pick, position) => {
      if (typeof pick === 'string') return pick;
      const source = names[position]?.toLowerCase() ?? 'x';
      return source.slice(0, Math.max(1, Math.min(pick, source.length)));
    });
    const registrationNumber = entry.registrationNumber;
    return {
      ...entry,
      // Half of the ids are the derived one, which the wire leaves out.
      id: sameEmail ? defaultEntryId(entry.jurisdiction, registrationNumber) : entry.id,
      legalName,
      tradingNames,
      normalizedNames,
      emailDomains: sameEmail ? entry.domains : entry.emailDomains,
    };
  });
