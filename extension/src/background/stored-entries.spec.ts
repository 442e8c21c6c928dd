/**
 * @jest-environment node
 */
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import type { SnapshotEntry, SnapshotPayload } from '@fair-recruit/snapshot';
import {
  fromStoredEntries,
  payloadFromStored,
  storedPayloadJson,
  toStoredEntries,
} from './stored-entries.js';

function entry(overrides: Partial<SnapshotEntry> = {}): SnapshotEntry {
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

const ENTRIES: SnapshotEntry[] = [
  entry(),
  entry({
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
  entry({
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

/** The entries as plain objects, as JSON and every reader of their fields see them. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('stored entries', () => {
  it('gives back every entry as it was, field for field and in order', () => {
    const entries = fromStoredEntries(toStoredEntries(ENTRIES));
    expect(plain(entries)).toEqual(ENTRIES);
    expect(entries.map((entry) => [entry.id, entry.status, entry.statusReason])).toEqual(
      ENTRIES.map((entry) => [entry.id, entry.status, entry.statusReason]),
    );
  });

  it('survives JSON, with the payload around the entries', () => {
    const payload: SnapshotPayload = {
      format: 1,
      version: 7,
      generatedAt: '2026-11-01T00:00:00Z',
      expiresAt: '2026-11-15T00:00:00Z',
      issuer: { name: 'Test registry', url: 'https://registry.example' },
      jurisdictions: ['GB', 'IE', 'PH'],
      entries: ENTRIES,
      safeguardsList: SAFEGUARDS_LIST_2023,
    };
    expect(plain(payloadFromStored(storedPayloadJson(payload)))).toEqual(payload);
  });

  it('shares what entries repeat: empty lists, e-mail domains equal to web domains, reasons', () => {
    const [first, second, third] = fromStoredEntries(
      JSON.parse(JSON.stringify(toStoredEntries(ENTRIES))),
    );
    expect(first.emailDomains).toBe(first.domains);
    expect(second.emailDomains).not.toBe(second.domains);
    expect(first.tradingNames).toBe(third.domains);
    expect(Object.isFrozen(first.tradingNames)).toBe(true);
    expect(toStoredEntries(ENTRIES).statusReason.values).toEqual(['Fees charged to nurses']);
  });

  it('refuses columns that do not line up', () => {
    const stored = toStoredEntries(ENTRIES);
    stored.legalName.pop();
    expect(() => fromStoredEntries(stored)).toThrow('do not line up');
  });
});
