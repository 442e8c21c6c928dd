/** The public shapes these pages read (apps/api recruiters/dto, jurisdictions/dto, stats, safeguards). */

export const STATUSES = [
  'authorized',
  'pending',
  'suspended',
  'revoked',
  'refused',
  'expired',
] as const;
export const KINDS = ['recruiter', 'employer', 'both'] as const;

export interface StatusChange {
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  reference: string | null;
  changedAt: string;
}

export interface Recruiter {
  id: string;
  jurisdiction: string;
  registrationNumber: string;
  kind: string;
  sector: string;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  phones: string[];
  address: {
    street?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  } | null;
  authorizedFrom: string | null;
  authorizedUntil: string | null;
  conditions: string | null;
  status: string;
  effectiveStatus: string;
  statusChangedAt: string;
  updatedAt: string;
  history?: StatusChange[];
}

export interface Jurisdiction {
  code: string;
  name: string;
  authority: { name: string; website?: string; email?: string };
}

export interface SafeguardsList {
  edition: string;
  source: string;
  countries: { code: string; name: string; whoRegion: string }[];
}
