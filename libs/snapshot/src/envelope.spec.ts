import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromBase64, toBase64 } from './base64.js';
import { diffSnapshots } from './delta.js';
import {
  serializePayload,
  serializeSnapshotBody,
  signEnvelope,
  stampSnapshot,
  verifyEnvelope,
  type VerifyResult,
} from './envelope.js';
import { SnapshotError } from './snapshot.errors.js';
import type { SignedEnvelope, SnapshotPayload } from './snapshot.types.js';
import type { WireEntries } from './wire.js';
import {
  TEST_NOW,
  byId,
  makeEntry,
  makePayload,
  makeSigner,
  payloadArbitrary,
  type TestSigner,
} from './testing/snapshot.factory.js';

let signer: TestSigner;
let otherSigner: TestSigner;
let envelope: SignedEnvelope;

beforeAll(async () => {
  signer = await makeSigner();
  otherSigner = await makeSigner();
  envelope = await signEnvelope(serializePayload(makePayload()), signer.signingKey);
});

function verify(candidate: unknown, options: { minVersion?: number; now?: Date } = {}) {
  return verifyEnvelope(candidate, { pinnedKeys: [signer.published], now: TEST_NOW, ...options });
}

async function signPayloadText(payload: string): Promise<SignedEnvelope> {
  return signEnvelope(payload, signer.signingKey);
}

describe(serializePayload.name, () => {
  it('gives the same string whatever the order of the entries', () => {
    const payload = makePayload();
    const reordered = { ...payload, entries: [...payload.entries].reverse() };

    expect(serializePayload(reordered)).toBe(serializePayload(payload));
  });

  it('sends entries column by column, in serialization order', () => {
    const sent = JSON.parse(serializePayload(makePayload())) as { entries: WireEntries };

    expect(sent.entries).toMatchObject({
      count: 2,
      jurisdiction: { values: ['GB', 'PH'], codes: [0, 1] },
      legalName: ['Meridian Care Staffing Ltd', 'Pacific Bridge Manpower Inc.'],
      tradingNames: [['Meridian Nurses'], []],
      authorizedUntil: ['2027-01-14', null],
      statusReason: { values: ['Placement fee charged to nurses'], codes: [null, 0] },
    });
  });

  it('sends only the ids that differ from the one derived from the registration', () => {
    const payload = makePayload();
    payload.entries[0] = { ...payload.entries[0], id: 'GB:EA1042' };

    const sent = JSON.parse(serializePayload(payload)) as { entries: WireEntries };

    expect(sent.entries.id).toEqual([[1, 'rec-0002']]);
  });

  it('refuses to serialize a snapshot clients would reject', () => {
    const payload = makePayload({ entries: [makeEntry({ legalName: '' })] });

    expect(() => serializePayload(payload)).toThrow(SnapshotError);
    expect(() => serializePayload(payload)).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
  });
});

describe(stampSnapshot.name, () => {
  it('gives the bytes serializePayload gives, from a body serialized once', () => {
    const payload = makePayload();
    const body = serializeSnapshotBody(payload);

    expect(stampSnapshot(body, payload)).toBe(serializePayload(payload));
  });

  it('gives one body for one content, whatever the version and dates', () => {
    const later = makePayload({ version: 99, generatedAt: '2030-01-01T00:00:00Z' });

    expect(serializeSnapshotBody(later)).toBe(serializeSnapshotBody(makePayload()));
  });

  it.each<[string, string, { version: number; generatedAt: string; expiresAt: string }]>([
    ['a negative version', '{"issuer":{}}', { ...makePayload(), version: -1 }],
    ['a date without offset', '{"issuer":{}}', { ...makePayload(), expiresAt: '2025-06-14' }],
    ['a string that is not a body', '{"version":3}', makePayload()],
  ])('refuses %s', (_case, body, header) => {
    expect(() => stampSnapshot(body, header)).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
  });
});

describe(verifyEnvelope.name, () => {
  describe('accepts', () => {
    it('a snapshot signed by a pinned key, with every entry expanded', async () => {
      const result = await verify(envelope);

      expect(result).toEqual({ ok: true, payload: makePayload() });
    });

    it('a delta signed by a pinned key', async () => {
      const older = makePayload();
      const newer = makePayload({ version: 8, entries: [makeEntry({ status: 'revoked' })] });
      const delta = diffSnapshots(older, newer);

      const result = await verify(await signPayloadText(serializePayload(delta)));

      expect(result).toEqual({ ok: true, payload: delta });
    });

    it('the version the client already holds, as a re-download', async () => {
      expect(await verify(envelope, { minVersion: 7 })).toMatchObject({ ok: true });
    });

    it('a snapshot at the very moment it expires', async () => {
      const now = new Date(makePayload().expiresAt);

      expect(await verify(envelope, { now })).toMatchObject({ ok: true });
    });

    it('any snapshot it signed, exactly as it was built', async () => {
      await fc.assert(
        fc.asyncProperty(payloadArbitrary(['a', 'b', 'c', 'd']), async (payload) => {
          const signed = await signPayloadText(serializePayload(payload));

          const result = await verify(signed, { now: new Date(payload.expiresAt) });

          expect(result.ok).toBe(true);
          const verified = (result as { payload: SnapshotPayload }).payload;
          expect({ ...verified, entries: byId(verified.entries) }).toEqual({
            ...payload,
            entries: byId(payload.entries),
          });
        }),
        { numRuns: 50 },
      );
    });

    it('newer fields it does not know, and drops them', async () => {
      const sent = JSON.parse(envelope.payload) as { entries: Record<string, unknown> };
      const extended = {
        ...sent,
        mirrors: ['https://mirror.example'],
        entries: { ...sent.entries, logoUrl: ['https://example.org/logo.png', null] },
      };

      const result = await verify(await signPayloadText(JSON.stringify(extended)));

      expect(result).toEqual({ ok: true, payload: makePayload() });
    });
  });

  describe('refuses', () => {
    it('a payload with one character changed, as bad_signature', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: envelope.payload.length - 1 }),
          fc.integer({ min: 0, max: 6 }),
          async (index, bit) => {
            const changed = String.fromCharCode(envelope.payload.charCodeAt(index) ^ (1 << bit));
            const payload =
              envelope.payload.slice(0, index) + changed + envelope.payload.slice(index + 1);

            expect(await verify({ ...envelope, payload })).toMatchObject({
              ok: false,
              reason: 'bad_signature',
            });
          },
        ),
        { numRuns: 50 },
      );
    });

    it('a signature with one bit flipped, as bad_signature', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: 63 }), fc.nat({ max: 7 }), async (index, bit) => {
          const signature = fromBase64(envelope.signature);
          signature[index] ^= 1 << bit;

          expect(await verify({ ...envelope, signature: toBase64(signature) })).toMatchObject({
            ok: false,
            reason: 'bad_signature',
          });
        }),
        { numRuns: 50 },
      );
    });

    it('a bad signature before reading the payload', async () => {
      const result = await verify({ ...envelope, payload: 'not json at all' });

      expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
    });

    it('a key that is not pinned, as unknown_key', async () => {
      const signed = await signEnvelope(envelope.payload, otherSigner.signingKey);

      expect(await verify(signed)).toMatchObject({ ok: false, reason: 'unknown_key' });
    });

    it('a pinned key id that names a different key, as bad_signature', async () => {
      const substituted = { ...otherSigner.published, keyId: signer.published.keyId };

      const result = await verifyEnvelope(envelope, { pinnedKeys: [substituted], now: TEST_NOW });

      expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
    });

    it('an expired snapshot', async () => {
      const now = new Date(Date.parse(makePayload().expiresAt) + 1);

      expect(await verify(envelope, { now })).toEqual({
        ok: false,
        reason: 'expired',
        detail: 'expired at 2025-06-14T12:00:00Z',
      });
    });

    it('a version older than the one held, as stale_version', async () => {
      expect(await verify(envelope, { minVersion: 8 })).toMatchObject({
        ok: false,
        reason: 'stale_version',
      });
    });

    it('a signed payload that is not JSON, as bad_payload', async () => {
      const result = await verify(await signPayloadText('{"format":1,'));

      expect(result).toEqual({ ok: false, reason: 'bad_payload', detail: 'payload is not JSON' });
    });

    it('a signed payload of the wrong shape, naming the field', async () => {
      const sent = JSON.parse(envelope.payload) as { entries: WireEntries };
      sent.entries.domains[1] = [''];

      const result = await verify(await signPayloadText(JSON.stringify(sent)));

      expect(result).toMatchObject({ ok: false, reason: 'bad_payload' });
      expect((result as { detail: string }).detail).toBe(
        'entries[1].domains[0]: expected a non-empty string',
      );
    });

    it.each<[string, (valid: SignedEnvelope) => unknown]>([
      ['null', () => null],
      ['a string', (valid) => JSON.stringify(valid)],
      ['an array', (valid) => [valid]],
      ['an envelope without a payload', ({ payload: _payload, ...rest }) => rest],
      ['an envelope without a key id', ({ keyId: _keyId, ...rest }) => rest],
      [
        'a payload that is an object',
        (valid) => ({ ...valid, payload: JSON.parse(valid.payload) as unknown }),
      ],
      ['another algorithm', (valid) => ({ ...valid, alg: 'RS256' })],
      ['a signature that is not base64', (valid) => ({ ...valid, signature: 'not base64!' })],
      [
        'a signature that is too short',
        (valid) => ({ ...valid, signature: toBase64(new Uint8Array(63)) }),
      ],
    ])('%s, as malformed', async (_case, mutate) => {
      expect(await verify(mutate(envelope))).toMatchObject({ ok: false, reason: 'malformed' });
    });
  });

  describe('never throws', () => {
    const REASONS = [
      'malformed',
      'unknown_key',
      'bad_signature',
      'expired',
      'stale_version',
      'bad_payload',
    ];

    function expectFailure(result: VerifyResult) {
      expect(result.ok).toBe(false);
      expect(REASONS).toContain((result as { reason: string }).reason);
    }

    it('on any value at all', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({
            withNullPrototype: true,
            withBoxedValues: true,
            withMap: true,
            withSet: true,
          }),
          async (value) => expectFailure(await verify(value)),
        ),
      );
    });

    it('on objects whose fields throw when read', async () => {
      const throwing = new Proxy(
        {},
        {
          get() {
            throw new Error('boom');
          },
        },
      );

      expect(await verify(throwing)).toMatchObject({ ok: false, reason: 'malformed' });
    });

    it('on a valid envelope with any one field replaced by any JSON value', async () => {
      const fields = ['payload', 'keyId', 'alg', 'signature'] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), async (field, value) => {
          fc.pre(value !== envelope[field]);
          expectFailure(await verify({ ...envelope, [field]: value }));
        }),
      );
    });

    it('on any signed string', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
          expect(await verify(await signPayloadText(text))).toMatchObject({
            ok: false,
            reason: 'bad_payload',
          });
        }),
        { numRuns: 50 },
      );
    });

    it('on any signed JSON value', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          expectFailure(await verify(await signPayloadText(JSON.stringify(value) ?? 'null')));
        }),
        { numRuns: 50 },
      );
    });

    it('on a signed snapshot with any one part replaced or removed', async () => {
      const sent: unknown = JSON.parse(envelope.payload);
      const paths = pathsIn(sent);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths),
          fc.oneof(fc.jsonValue(), fc.constant(undefined)),
          async (path, replacement) => {
            const mutated = JSON.stringify(replaceAt(sent, path, replacement)) ?? 'null';

            const result = await verify(await signPayloadText(mutated));

            // Some replacements are still valid snapshots (another name, a later expiry).
            if (!result.ok) expect(['bad_payload', 'expired']).toContain(result.reason);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});

type Path = (string | number)[];

/** Every position in a JSON value, the root included. */
function pathsIn(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Array.isArray(value)
    ? value.map((item, index) => pathsIn(item, [...prefix, index]))
    : Object.entries(value).map(([key, item]) => pathsIn(item, [...prefix, key]));
  return [prefix, ...children.flat()];
}

function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = replacement;
  return copy;
}
