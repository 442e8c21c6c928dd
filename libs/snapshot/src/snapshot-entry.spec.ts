import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compactEntry, expandEntry } from './snapshot-entry.js';
import { entryArbitrary, makeEntry } from './testing/snapshot.factory.js';

describe(compactEntry.name, () => {
  it('leaves out empty lists and null values', () => {
    const entry = makeEntry({
      tradingNames: [],
      domains: [],
      emailDomains: [],
      phones: [],
      authorizedUntil: null,
      statusReason: null,
    });

    expect(compactEntry(entry)).toEqual({
      id: entry.id,
      jurisdiction: entry.jurisdiction,
      registrationNumber: entry.registrationNumber,
      kind: entry.kind,
      legalName: entry.legalName,
      status: entry.status,
      normalizedNames: entry.normalizedNames,
      authorizedFrom: entry.authorizedFrom,
      statusChangedAt: entry.statusChangedAt,
    });
  });

  it('writes keys in the same order whatever order the entry was built in', () => {
    const entry = makeEntry();
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry;

    expect(JSON.stringify(compactEntry(reversed))).toBe(JSON.stringify(compactEntry(entry)));
  });
});

describe(expandEntry.name, () => {
  it('restores exactly the entry that was compacted', () => {
    fc.assert(
      fc.property(entryArbitrary(), (entry) => {
        expect(expandEntry(compactEntry(entry))).toEqual(entry);
      }),
    );
  });
});
