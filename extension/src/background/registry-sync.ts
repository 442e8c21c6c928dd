import {
  PACKED_SNAPSHOT_FORMAT,
  SIGNATURE_ALGORITHM,
  SnapshotError,
  applyDelta,
  fromBase64,
  isSnapshotDelta,
  keyIdFor,
  verifyEnvelope,
  type PublishedKey,
  type SnapshotPayload,
  type VerifyFailureReason,
} from '@fair-recruit/snapshot';
import type { RegistrySetting } from '../lib/settings.js';
import type { HeldSnapshot, SnapshotStore } from './snapshot-store.js';
import { t, type MessageKey } from '../lib/i18n.js';

export interface SyncDependencies {
  store: SnapshotStore;
  fetch: typeof fetch;
  now: () => Date;
}

export type SyncOutcome =
  | { kind: 'updated'; snapshot: HeldSnapshot; delta: boolean }
  | { kind: 'unchanged' }
  | { kind: 'failed'; message: string };

export function pinnedKeyOf(registry: RegistrySetting): PublishedKey {
  return {
    keyId: keyIdFor(fromBase64(registry.publicKey)),
    alg: SIGNATURE_ALGORITHM,
    publicKey: registry.publicKey,
  };
}

const REFUSALS: Readonly<Record<VerifyFailureReason, MessageKey>> = {
  malformed: 'refusal_malformed',
  unknown_key: 'refusal_unknown_key',
  bad_signature: 'refusal_bad_signature',
  bad_payload: 'refusal_bad_payload',
  expired: 'refusal_expired',
  stale_version: 'refusal_stale_version',
};

function refused(reason: VerifyFailureReason): SyncOutcome {
  return {
    kind: 'failed',
    message: t('sync_rejected', t(REFUSALS[reason])),
  };
}

/**
 * Downloads a registry's snapshot (a delta from the held version when the registry has one),
 * verifies it against the pinned key, and stores it only when it is good. Never throws: a registry
 * that is down or answers garbage leaves the last good snapshot in place.
 */
export async function syncRegistry(
  registry: RegistrySetting,
  deps: SyncDependencies,
  forceFull = false,
): Promise<SyncOutcome> {
  const held = await deps.store.get(registry.url).catch(() => undefined);
  // Format 2: the values packed into long strings, which this worker reads into the columns it
  // keeps without a string per value (libs/snapshot, packed-wire.ts).
  const query = `?format=${PACKED_SNAPSHOT_FORMAT}`;
  const since = held && !forceFull ? `&since=${held.payload.version}` : '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (held?.etag && !forceFull) headers['if-none-match'] = held.etag;

  let response: Response;
  try {
    response = await deps.fetch(`${registry.url}/api/v1/snapshot${query}${since}`, {
      headers,
      cache: 'no-store',
    });
  } catch {
    return { kind: 'failed', message: t('sync_unreachable', registry.url) };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok) {
    return { kind: 'failed', message: t('sync_http', response.status) };
  }
  let envelope: unknown;
  try {
    envelope = await response.json();
  } catch {
    return { kind: 'failed', message: t('sync_notSnapshot') };
  }

  const result = await verifyEnvelope(envelope, {
    pinnedKeys: [pinnedKeyOf(registry)],
    now: deps.now(),
    minVersion: held?.payload.version,
  });
  if (!result.ok) return refused(result.reason);

  let payload: SnapshotPayload;
  if (isSnapshotDelta(result.payload)) {
    if (!held || forceFull) return syncRegistry(registry, deps, true);
    try {
      payload = applyDelta(held.payload, result.payload);
    } catch (error) {
      if (error instanceof SnapshotError && !forceFull) return syncRegistry(registry, deps, true);
      return { kind: 'failed', message: t('sync_deltaMismatch') };
    }
  } else {
    payload = result.payload;
  }
  if (held && payload.version === held.payload.version) return { kind: 'unchanged' };

  const snapshot: HeldSnapshot = {
    url: registry.url,
    payload,
    etag: response.headers.get('etag'),
    savedAt: deps.now().toISOString(),
  };
  const kept = await deps.store.put(snapshot);
  return { kind: 'updated', snapshot: kept, delta: isSnapshotDelta(result.payload) };
}
