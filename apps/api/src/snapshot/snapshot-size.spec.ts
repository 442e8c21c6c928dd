import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { normalizeLicence } from '@fair-recruit/matching';
import {
  generateKeyPair,
  keyIdFor,
  serializeSnapshotBody,
  SNAPSHOT_FORMATS,
  stampSnapshot,
} from '@fair-recruit/snapshot';
import { describe, expect, it } from '@jest/globals';
import { syntheticRecruiter } from '../seed/synthetic.js';
import { toSnapshotEntries } from './snapshot-entries.js';
import type { SnapshotRow } from './snapshot-store.js';
import { representEnvelope } from './snapshot.service.js';

const RECRUITERS = 100_000;
const JURISDICTIONS = ['GB', 'PH', 'IE', 'DE'];
/** The size target of issue 4, in decimal bytes. */
const GZIP_BUDGET = 3_000_000;
const TODAY = new Date('2025-06-01T00:00:00Z');

/** A synthetic registry as `SNAPSHOT_ROWS_SQL` returns it. */
function syntheticRows(): SnapshotRow[] {
  return Array.from({ length: RECRUITERS }, (_, n) => {
    const jurisdiction = JURISDICTIONS[n % JURISDICTIONS.length];
    const i = Math.floor(n / JURISDICTIONS.length) + 1;
    const r = syntheticRecruiter(jurisdiction, i, TODAY);
    // Status changes spread over the past 400 days (a bulk load would give them all one day).
    const changed = new Date(TODAY.getTime() - ((i * 37) % 400) * 86_400_000);
    return {
      jurisdiction,
      registrationKey: normalizeLicence(r.registrationNumber),
      registrationNumber: r.registrationNumber,
      kind: r.kind,
      legalName: r.legalName,
      tradingNames: r.tradingNames,
      domains: r.domains,
      emailDomains: r.emailDomains,
      phones: r.phones,
      status: r.status,
      authorizedFrom: r.authorizedFrom,
      authorizedUntil: r.authorizedUntil,
      statusChangedAt: changed.toISOString().slice(0, 10),
      statusReason: r.statusReason,
    };
  });
}

describe('the snapshot of 100,000 synthetic recruiters', () => {
  it.each(SNAPSHOT_FORMATS)(
    `is sent in at most ${GZIP_BUDGET.toLocaleString('en')} bytes with gzip, in format %d`,
    async (format) => {
      const { privateKey, publicKey } = await generateKeyPair();
      const body = serializeSnapshotBody(
        {
          issuer: { name: 'Fair Recruit registry', url: 'https://registry.example' },
          jurisdictions: JURISDICTIONS,
          entries: toSnapshotEntries(syntheticRows(), new Map()),
          safeguardsList: SAFEGUARDS_LIST_2023,
        },
        format,
      );
      const payload = stampSnapshot(
        body,
        {
          version: 123_456,
          generatedAt: '2025-06-01T00:00:00Z',
          expiresAt: '2025-06-04T00:00:00Z',
        },
        format,
      );

      const sent = await representEnvelope(payload, { keyId: keyIdFor(publicKey), privateKey });

      expect(sent.gzip.length).toBeLessThanOrEqual(GZIP_BUDGET);
    },
  );
});
