import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from './delta.js';
import { serializePayload } from './envelope.js';
import { checkSnapshotShape } from './snapshot-validator.js';
import { makeEntry, makePayload } from './testing/snapshot.factory.js';

type Wire = Record<string, unknown> & { entries: Record<string, unknown>[] };
type WireDelta = Record<string, unknown> & {
  upserts: Record<string, unknown>[];
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
  it('reads absent lists as empty and absent values as null', () => {
    const sent = sentSnapshot();
    sent.entries[0] = { ...sent.entries[0], phones: undefined, statusReason: null };

    const result = checkSnapshotShape(sent);

    expect(result).toMatchObject({
      ok: true,
      payload: { entries: [{ phones: [], statusReason: null }, {}] },
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
    ['a later format', (sent) => ({ ...sent, format: 2 }), 'format: expected 1'],
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
      'an entry that is not an object',
      (sent) => ({ ...sent, entries: ['rec-0001'] }),
      'entries[0]: expected an object',
    ],
    [
      'a repeated id',
      (sent) => ({ ...sent, entries: [sent.entries[0], sent.entries[0]] }),
      'entries: expected unique ids ("rec-0001" repeats)',
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
      'entries[0].status: expected one of pending',
    ],
    ['an unknown kind of firm', (sent) => withEntry(sent, { kind: 'agency' }), 'entries[0].kind:'],
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

function withEntry(sent: Wire, fields: Record<string, unknown>): Wire {
  return { ...sent, entries: [{ ...sent.entries[0], ...fields }, ...sent.entries.slice(1)] };
}
