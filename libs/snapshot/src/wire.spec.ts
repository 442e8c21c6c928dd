import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { serializePayload } from './envelope.js';
import { checkSnapshotShape } from './snapshot-validator.js';
import type { SnapshotEntry } from './snapshot.types.js';
import { asciiEntryArbitrary, byId, makeEntry, makePayload } from './testing/snapshot.factory.js';
import { defaultEntryId, entriesToWire, SAME_AS_DOMAINS } from './wire.js';

describe(defaultEntryId.name, () => {
  it('joins the jurisdiction and the registration number in upper case without separators', () => {
    expect(defaultEntryId('GB', 'gb-rec 00/12_a.b')).toBe('GB:GBREC0012AB');
  });

  it('keeps only ASCII letters and digits, so every engine derives the same id', () => {
    expect(defaultEntryId('DE', 'Nr-ß1-é2')).toBe('DE:NR12');
  });
});

describe(entriesToWire.name, () => {
  it('writes a normalized name as a prefix length only when the ASCII name lower-cased starts with it', () => {
    const wire = entriesToWire([
      makeEntry({
        legalName: 'Meridian Care Staffing Ltd',
        tradingNames: ['São Lucas Saúde', 'M.C.S. Nurses'],
        normalizedNames: ['meridian care staffing', 'sao lucas saude', 'mcs nurses'],
      }),
    ]);

    expect(wire.normalizedNames).toEqual([[22, 'sao lucas saude', 'mcs nurses']]);
  });

  it('writes e-mail domains as "the same as the web domains" only when they are', () => {
    const wire = entriesToWire([
      makeEntry({ id: 'a', domains: ['a.example'], emailDomains: ['a.example'] }),
      makeEntry({ id: 'b', domains: ['b.example'], emailDomains: ['mail.example'] }),
      makeEntry({ id: 'c', domains: [], emailDomains: [] }),
    ]);

    expect(wire.emailDomains).toEqual([SAME_AS_DOMAINS, ['mail.example'], []]);
  });

  it('writes each repeated value once, coded in order of first appearance', () => {
    const wire = entriesToWire([
      makeEntry({ id: 'a', status: 'revoked', statusReason: 'Fees charged' }),
      makeEntry({ id: 'b', status: 'authorized', statusReason: null }),
      makeEntry({ id: 'c', status: 'revoked', statusReason: 'Fees charged' }),
    ]);

    expect(wire.status).toEqual({ values: ['revoked', 'authorized'], codes: [0, 1, 0] });
    expect(wire.statusReason).toEqual({ values: ['Fees charged'], codes: [0, null, 0] });
  });

  it('orders entries by jurisdiction, then legal name, then id', () => {
    const wire = entriesToWire([
      makeEntry({ id: '2', jurisdiction: 'PH', legalName: 'Alpha' }),
      makeEntry({ id: '3', jurisdiction: 'GB', legalName: 'Beta' }),
      makeEntry({ id: '1', jurisdiction: 'GB', legalName: 'Beta' }),
    ]);

    expect(wire.id).toEqual([
      [0, '1'],
      [1, '3'],
      [2, '2'],
    ]);
  });
});

describe('the wire layout', () => {
  it('gives back exactly the entries that were sent', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(asciiEntryArbitrary, { selector: (entry) => entry.id, maxLength: 4 }),
        (entries) => {
          const payload = makePayload({ entries });

          const result = checkSnapshotShape(JSON.parse(serializePayload(payload)));

          expect(result.ok).toBe(true);
          const read = (result as { payload: { entries: SnapshotEntry[] } }).payload.entries;
          expect(byId(read)).toEqual(byId(entries));
        },
      ),
    );
  });
});
