import type { SnapshotEntry } from '@fair-recruit/snapshot';

// Registry entries for the worker's tests: one authorized, one suspended in another registry with
// accents, trading names and webmail, one revoked with nothing but its number.

export function sampleEntry(overrides: Partial<SnapshotEntry> = {}): SnapshotEntry {
  return {
    id: 'GB:GBREC1042',
    jurisdiction: 'GB',
    registrationNumber: 'GB-REC-1042',
    kind: 'recruiter',
    legalName: 'Meridian Care Staffing Ltd',
    tradingNames: [],
    normalizedNames: ['meridian care staffing'],
    domains: ['meridiancare.example'],
    emailDomains: ['meridiancare.example'],
    phones: ['+442079460018'],
    status: 'authorized',
    authorizedFrom: '2025-01-01',
    authorizedUntil: '2027-12-31',
    statusChangedAt: '2025-01-01',
    statusReason: null,
    ...overrides,
  };
}

export const SAMPLE_ENTRIES: readonly SnapshotEntry[] = [
  sampleEntry(),
  sampleEntry({
    id: 'a0c1d2e3-uuid-of-another-registry',
    jurisdiction: 'PH',
    registrationNumber: 'DMW-123-LB-03-45-2020',
    kind: 'both',
    legalName: 'Agência São João Lda',
    tradingNames: ['São João Recrutamento'],
    normalizedNames: ['agencia sao joao', 'sao joao recrutamento'],
    domains: ['saojoao.example', 'sjr.example'],
    emailDomains: ['gmail.com'],
    phones: [],
    status: 'suspended',
    authorizedFrom: null,
    authorizedUntil: null,
    statusChangedAt: '2026-10-02T09:30:00.000Z',
    statusReason: 'Fees charged to nurses',
  }),
  sampleEntry({
    id: 'IE:IE7',
    jurisdiction: 'IE',
    registrationNumber: 'IE-7',
    domains: [],
    emailDomains: [],
    normalizedNames: [],
    status: 'revoked',
    statusReason: 'Fees charged to nurses',
  }),
];
