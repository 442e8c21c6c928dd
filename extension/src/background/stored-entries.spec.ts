/**
 * @jest-environment node
 */
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import type { SnapshotPayload } from '@fair-recruit/snapshot';
import { SAMPLE_ENTRIES } from './sample-entries.js';
import {
  fromStoredEntries,
  payloadFromStored,
  storedPayloadJson,
  toStoredEntries,
} from './stored-entries.js';

const ENTRIES = [...SAMPLE_ENTRIES];

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
