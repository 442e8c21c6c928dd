export type SnapshotErrorCode = 'invalid_payload' | 'delta_base_mismatch' | 'delta_not_forward';

/** Thrown by the building side (`serializePayload`, `diffSnapshots`) and by `applyDelta`. */
export class SnapshotError extends Error {
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}
