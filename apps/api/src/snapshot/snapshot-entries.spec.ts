import { describe, expect, it } from '@jest/globals';
import { defaultEntryId } from '@fair-recruit/snapshot';
import { snapshotEntryId, toSnapshotEntries } from './snapshot-entries.js';
import type { SnapshotRow } from './snapshot-store.js';

function row(overrides: Partial<SnapshotRow> = {}): SnapshotRow {
  return {
    jurisdiction: 'GB',
    registrationKey: 'GBREC0001234',
    registrationNumber: 'GB-REC-0001234',
    kind: 'recruiter',
    legalName: 'Meridian Care Staffing Ltd',
    tradingNames: ['Meridian Nurses'],
    domains: ['meridiancare.example'],
    emailDomains: ['meridiancare.example'],
    phones: ['+442079460000'],
    status: 'suspended',
    authorizedFrom: '2024-01-15',
    authorizedUntil: '2027-01-14',
    statusChangedAt: '2025-03-02',
    statusReason: 'Fees charged to nurses',
    ...overrides,
  };
}

describe(toSnapshotEntries.name, () => {
  it('gives each recruiter its public id and normalized names', () => {
    const [entry] = toSnapshotEntries([row()], new Map());

    expect(entry).toEqual({
      ...row(),
      registrationKey: undefined,
      id: 'GB:GBREC0001234',
      normalizedNames: ['meridian care staffing', 'meridian nurses'],
    });
    expect(entry).not.toHaveProperty('registrationKey');
  });

  it('gives the id the wire derives, so that ids cost nothing to send', () => {
    const [entry] = toSnapshotEntries([row()], new Map());

    expect(entry.id).toBe(defaultEntryId(entry.jurisdiction, entry.registrationNumber));
  });

  it('reuses the previous object of an unchanged recruiter, and only of those', () => {
    const [first, second] = toSnapshotEntries(
      [row(), row({ registrationKey: 'GBREC2', registrationNumber: 'GB-REC-2' })],
      new Map(),
    );
    const previous = new Map([first, second].map((entry) => [entry.id, entry]));

    const [same, changed] = toSnapshotEntries(
      [
        row({ tradingNames: ['Meridian Nurses'] }),
        row({ registrationKey: 'GBREC2', registrationNumber: 'GB-REC-2', phones: [] }),
      ],
      previous,
    );

    expect(same).toBe(first);
    expect(changed).not.toBe(second);
    expect(changed.phones).toEqual([]);
  });

  it.each<[string, Partial<SnapshotRow>]>([
    ['status', { status: 'revoked' }],
    ['status reason', { statusReason: 'Passports retained' }],
    ['status day', { statusChangedAt: '2025-03-03' }],
    ['trading names', { tradingNames: [] }],
    ['legal name', { legalName: 'Meridian Care Ltd' }],
    ['validity', { authorizedUntil: null }],
    ['e-mail domains', { emailDomains: [] }],
  ])('builds a new entry when the %s changed', (_field, change) => {
    const [before] = toSnapshotEntries([row()], new Map());

    const [after] = toSnapshotEntries([row(change)], new Map([[before.id, before]]));

    expect(after).not.toBe(before);
    expect(after).toMatchObject(change);
  });
});

describe(snapshotEntryId.name, () => {
  it('joins the jurisdiction and the registration key', () => {
    expect(snapshotEntryId('PH', 'DMW118LB061522R')).toBe('PH:DMW118LB061522R');
  });
});
