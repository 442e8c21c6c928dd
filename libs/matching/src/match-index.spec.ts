import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isIdentifyingDomain, registrableDomain } from './domains.js';
import { normalizeLicence } from './licences.js';
import {
  buildIndex,
  restoreIndex,
  storeIndex,
  type MatchableRecord,
  type MatchIndex,
  type PhoneEntry,
} from './match-index.js';
import { nameKeyOfNormalized, normalizeName } from './normalize.js';
import { phoneKey } from './phones.js';

/**
 * The index as it was built before it stored hashes: one Map per kind of key, a list per key.
 * `buildIndex` must answer exactly what these maps hold, in the same order.
 */
function referenceMaps(records: readonly unknown[]) {
  const byLicence = new Map<string, unknown[]>();
  const byDomain = new Map<string, unknown[]>();
  const byPhone = new Map<string, { record: unknown; digits: string }[]>();
  const byNameKey = new Map<string, unknown[]>();
  const addTo = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  };
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  for (const record of records) {
    if (record === null || typeof record !== 'object') continue;
    const r = record as Record<string, unknown>;
    if (typeof r.id !== 'string') continue;
    const number = r.registrationNumber;
    const licence =
      typeof number !== 'string'
        ? ''
        : /^[\x20-\x7e]*$/.test(number)
          ? number.toUpperCase().replace(/[^A-Z0-9]/g, '')
          : normalizeLicence(number);
    if (licence !== '') addTo(byLicence, licence, record);
    let previous: string | undefined;
    for (const list of [r.domains, r.emailDomains]) {
      for (const raw of strings(list)) {
        if (raw === previous) continue;
        previous = raw;
        const domain = registrableDomain(raw);
        if (domain && isIdentifyingDomain(domain)) addTo(byDomain, domain, record);
      }
    }
    for (const phone of strings(r.phones)) {
      const digits = phone.replace(/\D/g, '');
      if (digits.length >= 7) addTo(byPhone, phoneKey(digits), { record, digits });
    }
    const names: string[] = [];
    const add = (name: string) => {
      if (name !== '' && !names.includes(name)) names.push(name);
    };
    if (Array.isArray(r.normalizedNames) && r.normalizedNames.length > 0) {
      for (const name of r.normalizedNames) if (typeof name === 'string') add(name);
    } else {
      if (typeof r.legalName === 'string') add(normalizeName(r.legalName));
      for (const name of strings(r.tradingNames)) add(normalizeName(name));
    }
    for (const name of names) addTo(byNameKey, nameKeyOfNormalized(name), record);
  }
  return { byLicence, byDomain, byPhone, byNameKey };
}

const domain = fc.oneof(
  fc.constantFrom(
    'acme.example',
    'jobs.acme.example',
    'acme.co.uk',
    'careers.acme.co.uk',
    'Acme.CO.UK',
    'https://www.acme.co.uk/jobs?x=1',
    'hr@acme.co.uk',
    'mailto:jobs@beta.example',
    'gmail.com',
    'hotmail.co.uk',
    'facebook.com',
    'acme.blogspot.com',
    'münchen-pflege.de',
    'xn--mnchen-pflege-wob.de',
    '10.0.0.1',
    'localhost',
    'co.uk',
    'acme.co.uk.',
    '-acme.example',
    'a..b.example',
    '',
    ' acme.example ',
  ),
  fc.stringMatching(/^[a-z0-9-]{1,6}(\.[a-z0-9-]{1,4}){1,3}$/),
);
const phone = fc.oneof(
  fc.constantFrom('+442071234567', '+44 20 7123 4567', '020 7123 4567', '12345', '+639171234567'),
  fc.stringMatching(/^\+?[0-9 ()-]{0,16}$/),
);
const name = fc.oneof(
  fc.constantFrom(
    'Acme Health Ltd',
    'ACME HEALTH LIMITED',
    'Health Acme',
    'Société Générale de Santé S.A.S.',
    'acme  health',
    'Ltd',
  ),
  fc.string({ maxLength: 12 }),
);
const normalized = fc.oneof(
  fc.constantFrom('acme health', 'health acme', 'acme  health', ' acme', 'beta care', ''),
  fc.string({ maxLength: 10 }),
);
const registrationNumber = fc.oneof(
  fc.constantFrom(
    'GB-REC-00123',
    'gb rec 00123',
    'GB/REC/00123',
    'Nº 123-É',
    '---',
    '',
    'DE-REC-1',
  ),
  fc.string({ maxLength: 10 }),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: fc.constant(7 as unknown as T) });

const record = fc.record({
  id: fc.oneof({ weight: 9, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(3) }),
  jurisdiction: fc.constantFrom('GB', 'IE'),
  registrationNumber: maybe(registrationNumber),
  legalName: maybe(name),
  tradingNames: maybe(fc.array(maybe(name), { maxLength: 2 })),
  normalizedNames: fc.option(fc.array(maybe(normalized), { maxLength: 3 }), { nil: undefined }),
  domains: maybe(fc.array(maybe(domain), { maxLength: 3 })),
  emailDomains: maybe(fc.array(domain, { maxLength: 2 })),
  phones: fc.option(fc.array(maybe(phone), { maxLength: 2 }), { nil: undefined }),
  status: fc.constant('authorized'),
});

describe(buildIndex.name, () => {
  it('answers every lookup exactly as a Map per kind of key would, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof({ weight: 12, arbitrary: record }, { weight: 1, arbitrary: fc.constant(null) }),
          {
            maxLength: 12,
          },
        ),
        fc.array(fc.oneof(domain, registrationNumber, normalized, phone), { maxLength: 6 }),
        (records, probes) => {
          const index = buildIndex(records as unknown as MatchableRecord[]);
          const reference = referenceMaps(records);
          const phoneRows = (entries: readonly PhoneEntry[] | undefined) =>
            entries?.map((entry) => ({ record: entry.record, digits: entry.digits }));
          for (const kind of ['byLicence', 'byDomain', 'byNameKey'] as const) {
            expect([...index[kind]]).toEqual([...reference[kind]]);
            for (const key of [...reference[kind].keys(), ...probes]) {
              expect(index[kind].get(key)).toEqual(reference[kind].get(key));
            }
          }
          expect([...index.byPhone].map(([key, entries]) => [key, phoneRows(entries)])).toEqual([
            ...reference.byPhone,
          ]);
          for (const key of [...reference.byPhone.keys(), ...probes]) {
            expect(phoneRows(index.byPhone.get(key))).toEqual(reference.byPhone.get(key));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a record by its registrable domain when the snapshot lists a subdomain', () => {
    const index = buildIndex([
      {
        id: 'a',
        jurisdiction: 'GB',
        registrationNumber: 'GB-1',
        legalName: 'Acme',
        tradingNames: [],
        domains: ['careers.acme.co.uk'],
        emailDomains: ['mail.acme.co.uk'],
        status: 'authorized',
      },
    ]);

    expect(index.byDomain.get('acme.co.uk')?.map((r) => r.id)).toEqual(['a']);
    expect(index.byDomain.get('co.uk')).toBeUndefined();
    expect(index.byDomain.get('careers.acme.co.uk')).toBeUndefined();
  });

  it('does not lay the name postings out until the first fuzzy search', () => {
    const index = buildIndex([
      {
        id: 'a',
        jurisdiction: 'GB',
        registrationNumber: 'GB-1',
        legalName: 'Bayanihan Manpower Services',
        tradingNames: [],
        domains: [],
        emailDomains: [],
        status: 'authorized',
      },
    ]);
    const layout = () => (index.names as unknown as { layout: unknown }).layout;

    expect(layout()).toBeNull();
    expect(index.names.search('bayanihan manpowr', { minSimilarity: 0.5, limit: 3 })).toHaveLength(
      1,
    );
    expect(layout()).not.toBeNull();
  });
});

describe(restoreIndex.name, () => {
  const phoneRows = (entries: readonly PhoneEntry[] | undefined) =>
    entries?.map((entry) => ({ record: entry.record, digits: entry.digits }));
  /** What an extension keeps in IndexedDB and reads back after its worker restarts. */
  const keptAndRestored = (index: MatchIndex) =>
    restoreIndex(structuredClone(storeIndex(index)), index.records);

  it('answers every lookup and fuzzy search as the index it was stored from', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof({ weight: 12, arbitrary: record }, { weight: 1, arbitrary: fc.constant(null) }),
          { maxLength: 12 },
        ),
        fc.array(fc.oneof(domain, registrationNumber, normalized, phone), { maxLength: 6 }),
        (records, probes) => {
          const built = buildIndex(records as unknown as MatchableRecord[]);
          const restored = keptAndRestored(built);
          expect(restored).not.toBeNull();
          const reference = referenceMaps(records);
          for (const kind of ['byLicence', 'byDomain', 'byNameKey'] as const) {
            for (const key of [...reference[kind].keys(), ...probes]) {
              expect(restored![kind].get(key)).toEqual(built[kind].get(key));
            }
            expect([...restored![kind]]).toEqual([...built[kind]]);
          }
          for (const key of [...reference.byPhone.keys(), ...probes]) {
            expect(phoneRows(restored!.byPhone.get(key))).toEqual(
              phoneRows(built.byPhone.get(key)),
            );
          }
          expect(restored!.names.size).toBe(built.names.size);
          for (const probe of [...reference.byNameKey.keys(), ...probes]) {
            const options = { minSimilarity: 0.3, limit: 3 };
            expect(restored!.names.search(probe, options)).toEqual(
              built.names.search(probe, options),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is null, so the index is built again, for other records or a damaged copy', () => {
    const records: MatchableRecord[] = [
      {
        id: 'a',
        jurisdiction: 'GB',
        registrationNumber: 'GB-1',
        legalName: 'Acme Health Ltd',
        tradingNames: ['Acme Care'],
        domains: ['acme.co.uk'],
        emailDomains: [],
        phones: ['+442071234567'],
        status: 'authorized',
      },
    ];
    const built = buildIndex(records);
    const stored = storeIndex(built);
    expect(restoreIndex(stored, records)?.byDomain.get('acme.co.uk')).toEqual(records);
    expect(restoreIndex(stored, [...records, ...records])).toBeNull();
    expect(restoreIndex({ ...stored, format: 1 as 2 }, records)).toBeNull();
    const pointsOutside = structuredClone(stored);
    pointsOutside.nameKey.items[0] = 5;
    expect(restoreIndex(pointsOutside, records)).toBeNull();
    const wrongRecord = structuredClone(stored);
    wrongRecord.domain.record[0] = 1;
    expect(restoreIndex(wrongRecord, records)).toBeNull();
    const misaligned = structuredClone(stored);
    misaligned.phone.text += 'x';
    expect(restoreIndex(misaligned, records)).toBeNull();
    const postingOutside = structuredClone(stored);
    postingOutside.trigrams.postings[0] = 2;
    expect(restoreIndex(postingOutside, records)).toBeNull();
    const listCutShort = structuredClone(stored);
    listCutShort.trigrams.lengths[0] += 1;
    expect(restoreIndex(listCutShort, records)).toBeNull();
    const otherBudget = structuredClone(stored);
    otherBudget.trigrams.budget += 1;
    expect(restoreIndex(otherBudget, records)).toBeNull();
    const directOutside = structuredClone(stored);
    directOutside.trigrams.directPairs[1] = directOutside.trigrams.slotTotal;
    expect(restoreIndex(directOutside, records)).toBeNull();
    // The last bucket first: the items are not grouped bucket by bucket any more.
    const unordered = structuredClone(stored);
    unordered.nameKey.hashes[0] = -1;
    expect(restoreIndex(unordered, records)).toBeNull();
    const fullTable = structuredClone(stored);
    fullTable.trigrams.table.keys.fill(7);
    expect(restoreIndex(fullTable, records)).toBeNull();
    expect(restoreIndex(null as unknown as typeof stored, records)).toBeNull();
  });
});
