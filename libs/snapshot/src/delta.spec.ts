import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyDelta, diffSnapshots } from './delta.js';
import { serializePayload, signEnvelope, verifyEnvelope } from './envelope.js';
import { isSnapshotDelta, type SnapshotPayload } from './snapshot.types.js';
import {
  byId,
  makeEntry,
  makePayload,
  makeSigner,
  payloadArbitrary,
} from './testing/snapshot.factory.js';

const meridian = makeEntry();
const pacific = makePayload().entries[1];
const newcomer = makeEntry({
  id: 'rec-0003',
  legalName: 'Northlight Health Jobs GmbH',
  jurisdiction: 'DE',
});

describe(diffSnapshots.name, () => {
  it('carries changed and new entries whole, and the ids of those that left', () => {
    const revoked = { ...meridian, status: 'revoked' as const, statusReason: 'Passports retained' };
    const older = makePayload({ entries: [meridian, pacific] });
    const newer = makePayload({ version: 8, entries: [revoked, newcomer] });

    const delta = diffSnapshots(older, newer);

    expect(delta).toMatchObject({ kind: 'delta', version: 8, baseVersion: 7 });
    expect(byId(delta.upserts)).toEqual([revoked, newcomer]);
    expect(delta.removals).toEqual([pacific.id]);
  });

  it('leaves out unchanged entries, jurisdictions and safeguards list', () => {
    const older = makePayload();
    const newer = makePayload({ version: 8, entries: [...older.entries].reverse() });

    const delta = diffSnapshots(older, newer);

    expect(delta.upserts).toEqual([]);
    expect(delta.removals).toEqual([]);
    expect(delta).not.toHaveProperty('jurisdictions');
    expect(delta).not.toHaveProperty('safeguardsList');
  });

  it('includes the jurisdictions and the safeguards list when they changed', () => {
    const safeguardsList = { ...SAFEGUARDS_LIST_2023, edition: '2026' };
    const newer = makePayload({ version: 8, jurisdictions: ['GB', 'PH', 'DE'], safeguardsList });

    const delta = diffSnapshots(makePayload(), newer);

    expect(delta.jurisdictions).toEqual(['GB', 'PH', 'DE']);
    expect(delta.safeguardsList).toBe(safeguardsList);
  });

  it('refuses to go backwards or stand still', () => {
    expect(() => diffSnapshots(makePayload({ version: 8 }), makePayload({ version: 8 }))).toThrow(
      expect.objectContaining({ code: 'delta_not_forward' }),
    );
  });
});

describe(applyDelta.name, () => {
  it('takes version, dates and issuer from the delta and keeps what it does not carry', () => {
    const older = makePayload();
    const newer = makePayload({
      version: 9,
      generatedAt: '2025-06-02T00:00:00Z',
      expiresAt: '2025-06-16T00:00:00Z',
      entries: [meridian, pacific, newcomer],
    });

    const applied = applyDelta(older, diffSnapshots(older, newer));

    expect({ ...applied, entries: byId(applied.entries) }).toEqual(newer);
  });

  it('refuses a delta computed from another version', () => {
    const delta = diffSnapshots(makePayload({ version: 5 }), makePayload({ version: 8 }));

    expect(() => applyDelta(makePayload({ version: 7 }), delta)).toThrow(
      expect.objectContaining({
        code: 'delta_base_mismatch',
        message: 'delta applies to version 5, the snapshot is version 7',
      }),
    );
  });

  it('rebuilds the newer snapshot from the older one and their diff', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(payloadArbitrary(ids), payloadArbitrary(ids), (older, later) => {
        const newer = { ...later, version: older.version + 1 + later.version };

        const applied = applyDelta(older, diffSnapshots(older, newer));

        expect({ ...applied, entries: byId(applied.entries) }).toEqual({
          ...newer,
          entries: byId(newer.entries),
        });
      }),
    );
  });

  it('rebuilds the newer snapshot from a delta that went through signing and verification', async () => {
    const signer = await makeSigner();
    const ids = ['a', 'b', 'c', 'd'];
    await fc.assert(
      fc.asyncProperty(payloadArbitrary(ids), payloadArbitrary(ids), async (older, later) => {
        const newer: SnapshotPayload = { ...later, version: older.version + 1 + later.version };
        const delta = diffSnapshots(older, newer);
        const envelope = await signEnvelope(serializePayload(delta), signer.signingKey);

        const result = await verifyEnvelope(envelope, {
          pinnedKeys: [signer.published],
          now: new Date(newer.expiresAt),
          minVersion: older.version,
        });
        if (!result.ok || !isSnapshotDelta(result.payload)) throw new Error(JSON.stringify(result));
        const applied = applyDelta(older, result.payload);

        expect({ ...applied, entries: byId(applied.entries) }).toEqual({
          ...newer,
          entries: byId(newer.entries),
        });
      }),
      { numRuns: 50 },
    );
  });
});
