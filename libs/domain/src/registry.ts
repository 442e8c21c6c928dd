/** Vocabulary of the national registries (ARCHITECTURE.md, "Domain"). */

export const RECRUITER_KINDS = ['recruiter', 'employer', 'both'] as const;
export type RecruiterKind = (typeof RECRUITER_KINDS)[number];

export const SECTORS = ['public', 'private'] as const;
export type Sector = (typeof SECTORS)[number];

/** Statuses a regulator can set; `expired` is never stored, only derived on read. */
export const STORED_STATUSES = [
  'pending',
  'authorized',
  'refused',
  'suspended',
  'revoked',
] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export const EFFECTIVE_STATUSES = [...STORED_STATUSES, 'expired'] as const;
export type EffectiveStatus = (typeof EFFECTIVE_STATUSES)[number];

/**
 * The status machine. `refused` and `revoked` are final: a firm that wants back in applies again
 * under a new registration, so the history of the old one stays readable as it was decided.
 */
export const STATUS_TRANSITIONS: Readonly<Record<StoredStatus, readonly StoredStatus[]>> = {
  pending: ['authorized', 'refused'],
  authorized: ['suspended', 'revoked'],
  suspended: ['authorized', 'revoked'],
  refused: [],
  revoked: [],
};

export function canTransition(from: StoredStatus, to: StoredStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/**
 * What a health worker should read from a record today. An authorization whose period has ended
 * is `expired` even though nobody changed its stored status; `asOf` is a calendar day (UTC).
 */
export function effectiveStatus(
  status: StoredStatus,
  authorizedUntil: string | null | undefined,
  asOf: string = new Date().toISOString().slice(0, 10),
): EffectiveStatus {
  if (status === 'authorized' && authorizedUntil && authorizedUntil < asOf) return 'expired';
  return status;
}

/** Whether a worker can safely deal with the recruiter: only an in-period authorization is. */
export function isInGoodStanding(status: EffectiveStatus): boolean {
  return status === 'authorized';
}

export const ROLES = ['admin', 'regulator', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** ISO 3166-1 alpha-2, upper case. Whether the code is assigned is checked against COUNTRY_NAMES. */
export const JURISDICTION_CODE_PATTERN = /^[A-Z]{2}$/;
