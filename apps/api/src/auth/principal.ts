import type { Role } from '@fair-recruit/domain';
import { forbidden, notFound } from '../common/domain-error.js';

/** Who is calling: set by the auth guard from the bearer token. */
export interface Principal {
  /** Null for the system itself (CLI commands, the demo seed). */
  userId: string | null;
  email: string;
  role: Role;
  jurisdictions: string[];
}

export function canRead(principal: Principal, jurisdiction: string): boolean {
  return principal.role !== 'regulator' || principal.jurisdictions.includes(jurisdiction);
}

export function canWrite(principal: Principal, jurisdiction: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'regulator' && principal.jurisdictions.includes(jurisdiction);
}

/**
 * Writes outside the caller's scope are refused with 403; the records themselves are public,
 * so a 404 would hide nothing. Private fields outside the scope answer 404 instead (see
 * `assertCanReadPrivate`), so IDs tried at random learn nothing.
 */
export function assertCanWrite(principal: Principal, jurisdiction: string): void {
  if (!canWrite(principal, jurisdiction)) {
    throw forbidden(
      principal.role === 'observer'
        ? 'Observers have read-only access.'
        : `Your account does not manage the ${jurisdiction} registry.`,
    );
  }
}

export function assertCanReadPrivate(
  principal: Principal,
  jurisdiction: string,
  what: string,
): void {
  if (!canRead(principal, jurisdiction)) throw notFound(what);
}

/** Who acts when the CLI or the demo seed writes: recorded in history and audit as no user. */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: null,
  email: 'system',
  role: 'admin',
  jurisdictions: [],
};
