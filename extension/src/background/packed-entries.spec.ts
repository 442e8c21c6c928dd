/**
 * @jest-environment node
 */
import { buildIndex, matchAd, restoreIndex, storeIndex } from '@fair-recruit/matching';
import type { SnapshotEntry } from '@fair-recruit/snapshot';
import { packEntries, unpackEntries } from '@fair-recruit/snapshot';
import { asPackedByPreviousVersion } from './packed-entries-v2.testing.js';
import { SAMPLE_ENTRIES } from './sample-entries.js';

// The samples, with an empty trading name and an empty legal name as well.
const ENTRIES: SnapshotEntry[] = [
  SAMPLE_ENTRIES[0],
  { ...SAMPLE_ENTRIES[1], tradingNames: [...SAMPLE_ENTRIES[1].tradingNames, ''] },
  { ...SAMPLE_ENTRIES[2], legalName: '' },
];

/** What IndexedDB gives back: a structured clone of what was put. */
const keptAndRead = <T>(value: T): T => structuredClone(value);
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('packed entries', () => {
  it('gives back every entry as it was, field for field and in order', () => {
    const entries = unpackEntries(keptAndRead(packEntries(ENTRIES)));
    expect(plain(entries)).toEqual(ENTRIES);
    expect(entries.map((e) => [e.id, e.tradingNames, e.emailDomains, e.statusReason])).toEqual(
      ENTRIES.map((e) => [e.id, e.tradingNames, e.emailDomains, e.statusReason]),
    );
    expect(unpackEntries(keptAndRead(packEntries([])))).toEqual([]);
  });

  it('holds repeated values once, and default ids and e-mail domains equal to web domains not at all', () => {
    const packed = packEntries(ENTRIES);
    // Only the sample from another registry has an id other than `GB:GBREC1042` and the like.
    expect([...packed.otherIds.at]).toEqual([1]);
    expect(packed.otherIds.ids.text).toBe('a0c1d2e3-uuid-of-another-registry');
    expect(packed.statusReason.values).toEqual(['Fees charged to nurses']);
    // Codes in one byte an entry, 0 for none.
    expect(packed.statusReason.codes).toBeInstanceOf(Uint8Array);
    expect([...packed.statusReason.codes]).toEqual(ENTRIES.map((e) => (e.statusReason ? 1 : 0)));
    expect([...packed.emailSameAsDomains]).toEqual([1, 0, 0]);
    expect(packed.emailDomains.values.text).toBe('gmail.com');
  });

  it('matches through an index kept with the entries exactly as through one built on them', () => {
    const entries = unpackEntries(keptAndRead(packEntries(ENTRIES)));
    const built = buildIndex(entries);
    const restored = restoreIndex(keptAndRead(storeIndex(built)), entries)!;
    const asOf = '2026-11-01';
    for (const ad of [
      { organizationName: 'Meridian Care Staffing Ltd' },
      { text: 'Licence No. DMW-123-LB-03-45-2020. Apply by e-mail.' },
      { domains: ['sjr.example'] },
      { phones: ['+44 20 7946 0018'] },
      { organizationName: 'Meridian Kare Staffing' },
      { organizationName: 'Sao Joao Recrutamento' },
    ]) {
      expect(plain(matchAd(restored, ad, { asOf }))).toEqual(plain(matchAd(built, ad, { asOf })));
    }
    expect(matchAd(restored, { domains: ['sjr.example'] }, { asOf }).matches[0].record).toBe(
      entries[1],
    );
  });

  it('refuses columns that do not line up, and anything else', () => {
    const shortColumn = packEntries(ENTRIES);
    shortColumn.count = 4;
    expect(() => unpackEntries(shortColumn)).toThrow('do not line up');
    const badCode = packEntries(ENTRIES);
    badCode.status.codes[1] = 9;
    const noneBelow = packEntries(ENTRIES);
    noneBelow.status.codes = Int32Array.from(noneBelow.status.codes, () => -1);
    expect(() => unpackEntries(badCode)).toThrow('do not line up');
    expect(() => unpackEntries(noneBelow)).toThrow('do not line up');
    const badList = packEntries(ENTRIES);
    badList.domains.ends[0] = 4;
    expect(() => unpackEntries(badList)).toThrow('do not line up');
    const idOutside = packEntries(ENTRIES);
    idOutside.otherIds.at[0] = 3;
    expect(() => unpackEntries(idOutside)).toThrow('do not line up');
    expect(() => unpackEntries({ format: 1 } as never)).toThrow('not packed entries');
  });

  it('reads entries packed by the previous version, which kept every id', () => {
    const previous = asPackedByPreviousVersion(packEntries(ENTRIES), ENTRIES);
    expect(plain(unpackEntries(keptAndRead(previous)))).toEqual(ENTRIES);
  });
});
