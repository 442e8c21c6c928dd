import { describe, expect, it } from '@jest/globals';
import { planImport, type ExistingRecruiter } from './import-plan.js';
import type { ImportRecord } from './import-rows.js';

function record(row: number, overrides: Partial<ImportRecord> = {}): ImportRecord {
  return {
    row,
    registrationNumber: `GB-${row}`,
    registrationKey: `GB${row}`,
    fields: { kind: 'recruiter', sector: 'private', legalName: `Firm ${row} Ltd` },
    address: {},
    status: null,
    statusReason: null,
    decisionReference: null,
    ...overrides,
  };
}

function existing(key: string, overrides: Partial<ExistingRecruiter> = {}): ExistingRecruiter {
  return {
    id: `id-${key}`,
    registrationNumber: key,
    registrationKey: key,
    kind: 'recruiter',
    sector: 'private',
    legalName: 'Firm Ltd',
    tradingNames: [],
    domains: ['firm.example'],
    emailDomains: [],
    phones: [],
    address: { city: 'Leeds', country: 'GB' },
    authorizedFrom: '2026-01-01',
    authorizedUntil: null,
    conditions: null,
    status: 'authorized',
    version: 3,
    statusChangedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe(planImport.name, () => {
  it('leaves a record alone when the row holds what it already has', async () => {
    const current = existing('GB2', { address: { country: 'GB', city: 'Leeds' } });
    const plan = await planImport(
      1,
      [
        record(2, {
          fields: { kind: 'recruiter', sector: 'private', legalName: 'Firm Ltd' },
          address: { city: 'Leeds' },
          status: 'authorized',
        }),
      ],
      [],
      new Map([['GB2', current]]),
    );
    expect(plan).toMatchObject({ creates: [], updates: [], unchanged: 1, errors: [] });
  });

  it('lists the fields that change, and merges address parts with the stored ones', async () => {
    const plan = await planImport(
      1,
      [
        record(2, {
          fields: { kind: 'both', sector: 'private', legalName: 'Firm Ltd' },
          address: { city: 'York' },
        }),
      ],
      [],
      new Map([['GB2', existing('GB2')]]),
    );
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0].changed).toEqual(['kind', 'address']);
    expect(plan.updates[0].values.address).toEqual({ city: 'York', country: 'GB' });
  });

  it('needs a reason for a status change and follows the status machine', async () => {
    const plan = await planImport(
      3,
      [
        record(2, { status: 'suspended' }),
        record(3, { status: 'pending', statusReason: 'Back to the start' }),
        record(4, { status: 'suspended', statusReason: ' Fees ', decisionReference: 'D-9' }),
      ],
      [],
      new Map([
        ['GB2', existing('GB2')],
        ['GB3', existing('GB3')],
        ['GB4', existing('GB4')],
      ]),
    );
    expect(plan.errors).toEqual([
      {
        row: 2,
        field: 'statusReason',
        message: 'is required when the status changes (authorized → suspended)',
      },
      { row: 3, field: 'status', message: 'an authorized record cannot become pending' },
    ]);
    expect(plan.updates.map((u) => u.decision)).toEqual([
      { from: 'authorized', to: 'suspended', reason: 'Fees', reference: 'D-9' },
    ]);
    expect(plan.invalid).toBe(2);
  });

  it('gives a new record the file’s status straight after its registration', async () => {
    const plan = await planImport(
      1,
      [record(2, { status: 'revoked', statusReason: 'Revoked in 2019' })],
      [],
      new Map(),
    );
    expect(plan.creates[0].decision).toEqual({
      from: 'pending',
      to: 'revoked',
      reason: 'Revoked in 2019',
      reference: null,
    });
  });

  it('refuses a registration number seen on an earlier row, and a period that ends first', async () => {
    const plan = await planImport(
      2,
      [
        record(2),
        record(3, { registrationKey: 'GB2' }),
        record(4, {
          fields: {
            kind: 'recruiter',
            sector: 'private',
            legalName: 'X',
            authorizedFrom: '2026-05-01',
            authorizedUntil: '2026-04-01',
          },
        }),
      ],
      [],
      new Map(),
    );
    expect(plan.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'registrationNumber'],
      [4, 'authorizedUntil'],
    ]);
    expect(plan.creates).toHaveLength(1);
  });
});
