import type { RecruiterKind, Sector, StoredStatus } from '@fair-recruit/domain';
import { useEffect, type DependencyList } from 'react';
import { api } from '../../api/client';
import { useSession, type Principal } from '../../auth/session';
import { useApi, type Loaded } from '../../components/use-api';

/** A registry as `GET /jurisdictions` lists it. */
export interface Jurisdiction {
  code: string;
  name: string;
  authority: { name: string; website?: string; email?: string };
}

export interface Address {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface StatusChange {
  fromStatus: StoredStatus | null;
  toStatus: StoredStatus;
  reason: string;
  reference: string | null;
  changedAt: string;
}

/** A recruiter as a regulator reads it (`GET /regulator/recruiters/:id`). */
export interface Recruiter {
  id: string;
  jurisdiction: string;
  registrationNumber: string;
  kind: RecruiterKind;
  sector: Sector;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  phones: string[];
  address: Address | null;
  authorizedFrom: string | null;
  authorizedUntil: string | null;
  conditions: string | null;
  status: StoredStatus;
  effectiveStatus: string;
  statusChangedAt: string;
  updatedAt: string;
  history?: StatusChange[];
  internalNotes?: string | null;
  version?: number;
}

/** One entry of an audit chain (`GET /audit/:chain/events`). */
export interface AuditEvent {
  chain: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export function canWrite(principal: Principal | null, jurisdiction: string): boolean {
  if (!principal) return false;
  if (principal.role === 'admin') return true;
  return principal.role === 'regulator' && principal.jurisdictions.includes(jurisdiction);
}

export function canRead(principal: Principal | null, jurisdiction: string): boolean {
  if (!principal) return false;
  return principal.role !== 'regulator' || principal.jurisdictions.includes(jurisdiction);
}

/**
 * `useApi` for console pages: a 401 means the session ended (expired, signed out elsewhere, account
 * disabled), so the session is forgotten and the console frame sends the user to log in again.
 */
export function useConsoleApi<T>(
  load: (signal: AbortSignal, token: string | null) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const { token, expired } = useSession();
  const loaded = useApi((signal) => load(signal, token), [token, ...deps]);
  useEffect(() => {
    if (loaded.error?.status === 401) expired();
  }, [loaded.error, expired]);
  return loaded;
}

/** The registries this user may read (admins and observers: all; regulators: their own). */
export function useJurisdictions(mode: 'read' | 'write'): Loaded<Jurisdiction[]> {
  const { principal } = useSession();
  return useConsoleApi(
    async (signal) => {
      const page = await api<{ items: Jurisdiction[] }>('/jurisdictions', { signal });
      return page.items.filter((j) =>
        mode === 'write' ? canWrite(principal, j.code) : canRead(principal, j.code),
      );
    },
    [principal, mode],
  );
}
