import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from './delta.js';
import { serializePayload } from './envelope.js';
import { checkSnapshotShape } from './snapshot-validator.js';
import { makeEntry, makePayload } from './testing/snapshot.factory.js';
import type { WireEntries } from './wire.js';

type Wire = Record<string, unknown> & { entries: WireEntries };
type WireDelta = Record<string, unknown> & {
  upserts: WireEntries;
  removals: string[];
};

/** A valid full snapshot as it travels, for a test to break one thing in. */
function sentSnapshot(): Wire {
  return JSON.parse(serializePayload(makePayload())) as Wire;
}

function sentDelta(): WireDelta {
  const older = makePayload();
  const newer = makePayload({
    version: 8,
    entries: [makeEntry({ status: 'suspended' }), makeEntry({ id: 'rec-0003' })],
  });
  return JSON.parse(serializePayload(diffSnapshots(older, newer))) as WireDelta;
}

describe(checkSnapshotShape.name, () => {
  it('gives an entry the id derived from its registration unless the wire names another', () => {
    const sent = sentSnapshot();
    sent.entries.id = [[1, 'PH:DMW118LB061522R-bis']];

    const result = checkSnapshotShape(sent);

    expect(result).toMatchObject({
      ok: true,
      payload: {
        entries: [{ id: 'GB:EA1042' }, { id: 'PH:DMW118LB061522R-bis' }],
      },
    });
  });

  it('reads e-mail domains sent as "the same as the web domains"', () => {
    const sent = sentSnapshot();

    expect(sent.entries.emailDomains[0]).toBe(0);
    expect(checkSnapshotShape(sent)).toMatchObject({
      ok: true,
      payload: { entries: [{ emailDomains: ['meridiancare.co.uk'] }, { emailDomains: [] }] },
    });
  });

  it('reads a normalized name sent as the length of a prefix of the lower-cased name', () => {
    const sent = sentSnapshot();

    expect(sent.entries.normalizedNames[0]).toEqual([22, 15]);
    expect(checkSnapshotShape(sent)).toMatchObject({
      ok: true,
      payload: {
        entries: [{ normalizedNames: ['meridian care staffing', 'meridian nurses'] }, {}],
      },
    });
  });

  it('accepts a delta that adds the jurisdiction list only when it changed', () => {
    const delta = sentDelta();

    expect(checkSnapshotShape(delta)).toMatchObject({ ok: true, payload: { kind: 'delta' } });
    expect(delta).not.toHaveProperty('jurisdictions');
  });

  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30'])('accepts the day %s', (day) => {
    expect(checkSnapshotShape(withEntry(sentSnapshot(), { authorizedUntil: day }))).toMatchObject({
      ok: true,
      payload: { entries: [{ authorizedUntil: day }, {}] },
    });
  });

  it.each(['2025-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])(
    'refuses the day %s, which does not exist',
    (day) => {
      expect(checkSnapshotShape(withEntry(sentSnapshot(), { authorizedUntil: day }))).toEqual({
        ok: false,
        detail: 'entries[0].authorizedUntil: expected a calendar day (YYYY-MM-DD)',
      });
    },
  );

  it.each<[string, (sent: Wire) => unknown, string]>([
    ['a later format', (sent) => ({ ...sent, format: 3 }), 'format: expected 1 or 2'],
    ['an unknown kind', (sent) => ({ ...sent, kind: 'patch' }), 'kind: expected "delta" or absent'],
    [
      'a fractional version',
      (sent) => ({ ...sent, version: 1.5 }),
      'version: expected a non-negative integer',
    ],
    [
      'a local time without offset',
      (sent) => ({ ...sent, expiresAt: '2025-06-14T12:00:00' }),
      'expiresAt:',
    ],
    [
      'microseconds',
      (sent) => ({ ...sent, expiresAt: '2025-06-14T12:00:00.000001Z' }),
      'expiresAt:',
    ],
    ['a loosely written date', (sent) => ({ ...sent, expiresAt: 'June 14, 2025' }), 'expiresAt:'],
    [
      'a lower-case jurisdiction',
      (sent) => ({ ...sent, jurisdictions: ['gb'] }),
      'jurisdictions[0]:',
    ],
    [
      'entries as a list of objects',
      (sent) => ({ ...sent, entries: [{ id: 'rec-0001' }] }),
      'entries: expected an object',
    ],
    [
      'a column shorter than the count',
      (sent) => ({ ...sent, entries: { ...sent.entries, legalName: ['Meridian'] } }),
      'entries.legalName: expected an array of 2 (count) items',
    ],
    [
      'a missing column',
      (sent) => ({ ...sent, entries: { ...sent.entries, phones: undefined } }),
      'entries.phones: expected an array',
    ],
    [
      'a dictionary code outside its values',
      (sent) => withEntry(sent, { kind: 7 }),
      'entries.kind.codes[0]: expected an index into values',
    ],
    [
      'a repeated id',
      (sent) => ({
        ...sent,
        entries: {
          ...sent.entries,
          id: [
            [0, 'rec-0001'],
            [1, 'rec-0001'],
          ],
        },
      }),
      'entries: expected unique ids ("rec-0001" repeats)',
    ],
    [
      "an id naming another entry's derived id",
      (sent) => ({ ...sent, entries: { ...sent.entries, id: [[1, 'GB:EA1042']] } }),
      'entries: expected unique ids ("GB:EA1042" repeats)',
    ],
    [
      'two registration numbers that derive the same id',
      (sent) => ({
        ...sent,
        entries: {
          ...sent.entries,
          id: [],
          jurisdiction: { values: ['GB'], codes: [0, 0] },
          registrationNumber: ['EA-1042', 'ea 1042'],
        },
      }),
      'entries: expected unique ids ("GB:EA1042" repeats)',
    ],
    [
      'ids out of order',
      (sent) => ({
        ...sent,
        entries: {
          ...sent.entries,
          id: [
            [1, 'b'],
            [0, 'a'],
          ],
        },
      }),
      'entries.id[1][0]: expected an entry index above 1 and below 2',
    ],
    [
      'a prefix longer than the name',
      (sent) => withEntry(sent, { normalizedNames: [99] }),
      'entries[0].normalizedNames[0]: expected a non-empty string, or the length of a prefix',
    ],
    [
      'a prefix of a name that is not ASCII',
      (sent) => withEntry(sent, { legalName: 'Méridian Care', normalizedNames: [4] }),
      'entries[0].normalizedNames[0]: expected a non-empty string, or the length of a prefix',
    ],
    [
      'a prefix with no name at its position',
      (sent) => withEntry(sent, { normalizedNames: [22, 15, 3] }),
      'entries[0].normalizedNames[2]:',
    ],
    [
      'an empty domain',
      (sent) => withEntry(sent, { domains: [''] }),
      'entries[0].domains[0]: expected a non-empty string',
    ],
    [
      'a day that does not exist',
      (sent) => withEntry(sent, { authorizedUntil: '2027-02-30' }),
      'entries[0].authorizedUntil: expected a calendar day',
    ],
    [
      'a date-time as validity day',
      (sent) => withEntry(sent, { authorizedFrom: '2024-01-15T00:00:00Z' }),
      'entries[0].authorizedFrom:',
    ],
    [
      'the derived status',
      (sent) => withEntry(sent, { status: 'expired' }),
      'entries.status.values[2]: expected one of pending',
    ],
    [
      'an unknown kind of firm',
      (sent) => withEntry(sent, { kind: 'agency' }),
      'entries.kind.values[2]:',
    ],
    [
      'an unknown WHO region',
      (sent) => ({
        ...sent,
        safeguardsList: {
          edition: 'x',
          source: '',
          countries: [{ code: 'AF', name: 'Afghanistan', whoRegion: 'XX' }],
        },
      }),
      'safeguardsList.countries[0].whoRegion:',
    ],
    [
      'no safeguards list',
      (sent) => ({ ...sent, safeguardsList: undefined }),
      'safeguardsList: expected an object',
    ],
  ])('refuses %s', (_case, mutate, detail) => {
    const result = checkSnapshotShape(mutate(sentSnapshot()));

    expect(result.ok).toBe(false);
    expect((result as { detail: string }).detail).toContain(detail);
  });

  it.each<[string, (sent: WireDelta) => unknown, string]>([
    [
      'a delta that does not move forward',
      (sent) => ({ ...sent, version: 7 }),
      'version: expected a number greater than baseVersion',
    ],
    [
      'an id both upserted and removed',
      (sent) => ({ ...sent, removals: ['rec-0003'] }),
      'removals: expected no upserted id ("rec-0003" is both)',
    ],
    [
      'a repeated removal',
      (sent) => ({ ...sent, removals: ['x', 'x'] }),
      'removals: expected unique ids',
    ],
    [
      'a delta without removals',
      (sent) => ({ ...sent, removals: undefined }),
      'removals: expected an array',
    ],
  ])('refuses %s', (_case, mutate, detail) => {
    const result = checkSnapshotShape(mutate(sentDelta()));

    expect(result.ok).toBe(false);
    expect((result as { detail: string }).detail).toContain(detail);
  });
});

/**
 * Entry 0 with `fields` replaced on the wire: the first item of a column, or for a dictionary-coded
 * field a new dictionary value (a number is written as the code itself).
 */
function withEntry(sent: Wire, fields: Record<string, unknown>): Wire {
  const entries = structuredClone(sent.entries) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const column = entries[key];
    if (Array.isArray(column)) {
      column[0] = value;
    } else {
      const dictionary = column as { values: unknown[]; codes: unknown[] };
      if (typeof value === 'number') dictionary.codes[0] = value;
      else dictionary.codes[0] = dictionary.values.push(value) - 1;
    }
  }
  return { ...sent, entries: entries as unknown as WireEntries };
}
