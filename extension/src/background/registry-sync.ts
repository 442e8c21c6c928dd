import {
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

const REFUSALS: Readonly<Record<VerifyFailureReason, string>> = {
  malformed: 'it is not a signed snapshot',
  unknown_key: 'it is signed with a key you have not pinned for this registry',
  bad_signature: 'its signature does not match the pinned key (it may have been tampered with)',
  bad_payload: 'its content is not a valid snapshot',
  expired: 'it has expired',
  stale_version: 'it is older than the snapshot already held',
};

function refused(reason: VerifyFailureReason): SyncOutcome {
  return {
    kind: 'failed',
    message: `The registry's snapshot was rejected because ${REFUSALS[reason]}. The last good snapshot is kept.`,
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
  const since = held && !forceFull ? `?since=${held.payload.version}` : '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (held?.etag && !forceFull) headers['if-none-match'] = held.etag;

  let response: Response;
  try {
    response = await deps.fetch(`${registry.url}/api/v1/snapshot${since}`, {
      headers,
      cache: 'no-store',
    });
  } catch {
    return { kind: 'failed', message: `Could not reach the registry at ${registry.url}.` };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok) {
    return { kind: 'failed', message: `The registry answered HTTP ${response.status}.` };
  }
  let envelope: unknown;
  try {
    envelope = await response.json();
  } catch {
    return { kind: 'failed', message: 'The registry answered something that is not a snapshot.' };
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
      return { kind: 'failed', message: 'The registry sent an update that does not apply.' };
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
