import { buildIndex, matchAd, storeIndex } from '@fair-recruit/matching';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffSnapshots } from './delta.js';
import { serializePayload } from './envelope.js';
import { plainEntry } from './packed-entries.js';
import { entriesToPackedWire, SAME_AS_DOMAINS_COUNT } from './packed-wire.js';
import { checkSnapshotShape } from './snapshot-validator.js';
import {
  PACKED_SNAPSHOT_FORMAT,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotPayload,
} from './snapshot.types.js';
import {
  asciiEntryArbitrary,
  entryArbitrary,
  makeEntry,
  makePayload,
} from './testing/snapshot.factory.js';

type Read = SnapshotPayload | SnapshotDelta;

/** The payload read back from `serializePayload(payload, format)`, or the shape check's detail. */
function readBack(payload: Read, format: 1 | 2): Read {
  const result = checkSnapshotShape(JSON.parse(serializePayload(payload, format)));
  if (!result.ok) throw new Error(result.detail);
  return result.payload;
}

const plain = (entries: readonly SnapshotEntry[]) => entries.map(plainEntry);

/** Entries as the API writes them, and arbitrary ones (any text, date-times, non-ASCII names). */
const entries = fc.uniqueArray(
  fc.oneof(asciiEntryArbitrary, entryArbitrary(fc.constantFrom('e', 'f', 'g'))),
  { selector: (entry) => entry.id, maxLength: 6 },
);

describe('snapshot format 2', () => {
  it('reads back the entries format 1 reads back, field for field and in the same order', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const payload = makePayload({ entries: list });

        const packed = readBack(payload, 2) as SnapshotPayload;
        const columnar = readBack(payload, 1) as SnapshotPayload;

        expect(packed.format).toBe(PACKED_SNAPSHOT_FORMAT);
        expect(plain(packed.entries)).toEqual(columnar.entries);
        expect(packed.columns?.count).toBe(list.length);
      }),
    );
  });

  it('reads back a delta’s upserts and removals as format 1 does', () => {
    fc.assert(
      fc.property(entries, entries, (before, after) => {
        const delta = diffSnapshots(
          makePayload({ version: 1, entries: before }),
          makePayload({ version: 2, entries: after }),
        );

        const packed = readBack(delta, 2) as SnapshotDelta;
        const columnar = readBack(delta, 1) as SnapshotDelta;

        expect(plain(packed.upserts)).toEqual(columnar.upserts);
        expect(packed.removals).toEqual(columnar.removals);
      }),
    );
  });

  it('gives columns that index as the entries do', () => {
    fc.assert(
      fc.property(fc.uniqueArray(asciiEntryArbitrary, { selector: (e) => e.id }), (list) => {
        const packed = readBack(makePayload({ entries: list }), 2) as SnapshotPayload;

        const fromColumns = buildIndex(packed.entries, packed.columns);
        const fromObjects = buildIndex(plain(packed.entries));

        expect(storeIndex(fromColumns)).toEqual(storeIndex(fromObjects));
      }),
    );
  });

  it('matches an ad against the columns as against the entries', () => {
    const entry = makeEntry({ id: 'GB:EA1042' });
    const packed = readBack(makePayload({ entries: [entry] }), 2) as SnapshotPayload;
    const ad = { organizationName: 'Meridian Care Staffng', text: 'Licence EA-1042. Apply now.' };

    const fromColumns = matchAd(buildIndex(packed.entries, packed.columns), ad);
    const fromObjects = matchAd(buildIndex([entry]), ad);

    expect(fromColumns.verdict).toBe('authorized');
    expect(JSON.parse(JSON.stringify(fromColumns))).toEqual(
      JSON.parse(JSON.stringify(fromObjects)),
    );
  });

  it('takes prefixes from the right names when a name before them lower-cases longer', () => {
    // "İ" (U+0130) lower-cases to two characters: the legal names' text does not keep its length.
    const entries = [
      makeEntry({ id: 'a', jurisdiction: 'GB', legalName: 'İstanbul Care', normalizedNames: [] }),
      makeEntry({
        id: 'b',
        jurisdiction: 'IE',
        legalName: 'Zeta Health',
        normalizedNames: ['zeta'],
      }),
    ];

    const read = readBack(makePayload({ entries }), 2) as SnapshotPayload;

    expect(read.entries.map((entry) => entry.normalizedNames)).toEqual([[], ['zeta']]);
  });

  it('refuses a prefix of a name that is not printable ASCII', () => {
    const entries = [
      makeEntry({ legalName: 'São Care', tradingNames: [], normalizedNames: ['sao care'] }),
    ];
    const sent = JSON.parse(serializePayload(makePayload({ entries }), 2)) as {
      entries: { normalizedNames: Record<string, unknown> };
    };
    expect(sent.entries.normalizedNames).toEqual({
      counts: [1],
      text: 'sao care',
      lengths: [8],
      prefixes: [0],
    });
    Object.assign(sent.entries.normalizedNames, { text: '', lengths: [], prefixes: [3] });

    const result = checkSnapshotShape(sent);

    expect(result).toEqual({
      ok: false,
      detail: expect.stringContaining('entries[0].normalizedNames[0]: expected') as unknown,
    });
  });

  it('writes dates as day numbers, and a date-time whole beside them', () => {
    const wire = entriesToPackedWire([
      makeEntry({
        authorizedFrom: '1970-01-02',
        authorizedUntil: '0000-01-01',
        statusChangedAt: '2025-03-02T09:30:00Z',
      }),
    ]);

    expect(wire.authorizedFrom).toEqual([1]);
    expect(wire.authorizedUntil).toEqual([-719528]);
    expect(wire.statusChangedAt).toEqual([null]);
    expect(wire.statusChangedAtTimes).toEqual([[0, '2025-03-02T09:30:00Z']]);
    const read = readBack(
      makePayload({ entries: [makeEntry({ authorizedUntil: '9999-12-31' })] }),
      2,
    );
    expect((read as SnapshotPayload).entries[0].authorizedUntil).toBe('9999-12-31');
  });

  it('packs values into one text per field, with e-mail domains as their web domains', () => {
    const wire = entriesToPackedWire([
      makeEntry({ id: 'GB:A1', registrationNumber: 'A1', legalName: 'Acme Health Ltd' }),
      makeEntry({
        id: 'GB:B2',
        registrationNumber: 'B2',
        legalName: 'Bravo Care',
        tradingNames: [],
        normalizedNames: ['bravo care', 'bravo'],
        emailDomains: ['mail.example'],
      }),
    ]);

    expect(wire.registrationNumber).toEqual({ text: 'A1B2', lengths: [2, 2] });
    expect(wire.emailDomains).toEqual({
      counts: [SAME_AS_DOMAINS_COUNT, 1],
      text: 'mail.example',
      lengths: [12],
    });
    // Acme's first name is not a prefix of its legal name, Bravo's second has no name at its
    // position: both written out.
    expect(wire.normalizedNames).toEqual({
      counts: [2, 2],
      text: 'meridian care staffingbravo',
      lengths: [22, 5],
      prefixes: [0, 15, 10, 0],
    });
    expect(wire.id).toEqual([]);
  });

  describe('refuses, naming where', () => {
    const good = () =>
      JSON.parse(
        serializePayload(
          makePayload({
            entries: [
              makeEntry({ id: 'GB:A1', registrationNumber: 'A1' }),
              makeEntry({ id: 'GB:B2', registrationNumber: 'B2', legalName: 'Bravo Care' }),
            ],
          }),
          2,
        ),
      ) as { entries: Record<string, Record<string, unknown>> };

    const cases: [string, (entries: Record<string, Record<string, unknown>>) => void, string][] = [
      [
        'lengths that do not add up to the text',
        (e) => (e.legalName.text = `${String(e.legalName.text)}x`),
        'entries.legalName.text: expected',
      ],
      [
        'an empty value',
        (e) => ((e.registrationNumber.lengths as number[])[0] = 0),
        'entries.registrationNumber.lengths[0]: expected a positive integer',
      ],
      [
        'a count of lengths that is not the count of entries',
        (e) => (e.registrationNumber.lengths as number[]).push(1),
        'entries.registrationNumber.lengths: expected an array of 2 items',
      ],
      [
        'counts that do not add up to the values',
        (e) => ((e.domains.counts as number[])[1] = 5),
        'entries.domains.lengths: expected 6 lengths',
      ],
      [
        '"same as domains" where it does not apply',
        (e) => ((e.phones.counts as number[])[0] = SAME_AS_DOMAINS_COUNT),
        'entries.phones.counts[0]: expected a count of values',
      ],
      [
        'a prefix longer than its name',
        (e) => ((e.normalizedNames.prefixes as number[])[2] = 99),
        'entries[1].normalizedNames[0]: expected',
      ],
      [
        'a prefix of a name that is not there',
        (e) => {
          (e.normalizedNames.counts as number[])[1] = 3;
          (e.normalizedNames.prefixes as number[]).push(4);
        },
        'entries[1].normalizedNames[2]: expected',
      ],
      [
        'a day that is not a whole number',
        (e) => ((e.authorizedFrom as unknown as number[])[1] = 1.5),
        'entries.authorizedFrom[1]: expected a day number',
      ],
      [
        'a day past 9999',
        (e) => ((e.authorizedUntil as unknown as number[])[0] = 3_000_000),
        'entries.authorizedUntil[0]: expected a day number',
      ],
      [
        'a date-time beside a day',
        (e) =>
          ((e as Record<string, unknown>).statusChangedAtTimes = [[0, '2025-03-02T09:30:00Z']]),
        'entries.statusChangedAtTimes[0][0]: expected an entry index',
      ],
      [
        'a code outside its dictionary',
        (e) => ((e.status.codes as number[])[1] = 7),
        'entries.status.codes[1]: expected an index into values',
      ],
      [
        'an id twice',
        (e) => (e.registrationNumber.text = 'A1A1'),
        'entries: expected unique ids ("GB:A1" repeats)',
      ],
    ];

    it.each(cases)('%s', (_, corrupt, detail) => {
      const payload = good();
      corrupt(payload.entries);

      const result = checkSnapshotShape(payload);

      expect(result.ok).toBe(false);
      expect((result as { detail: string }).detail).toContain(detail);
    });

    it('nothing when unchanged', () => {
      expect(checkSnapshotShape(good()).ok).toBe(true);
    });
  });
});
