import {
  GENESIS_HASH,
  hashAuditEntry,
  verifyChain,
  type AuditEntryContent,
} from './audit-chain.js';

function chainOf(count: number) {
  const entries: (AuditEntryContent & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content: AuditEntryContent = {
      chain: 'GB',
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, seq)).toISOString(),
      actorId: null,
      action: 'recruiter.status_changed',
      entityType: 'recruiter',
      entityId: `r${seq}`,
      data: { to: 'suspended', reason: `reason ${seq}` },
      prevHash,
    };
    const hash = hashAuditEntry(content);
    entries.push({ ...content, hash });
    prevHash = hash;
  }
  return entries;
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries)).toEqual({ ok: true, size: 5, head: entries[4].hash });
  });

  it('does not depend on key order in the data', () => {
    const a = chainOf(1)[0];
    const { hash, ...content } = a;
    expect(hashAuditEntry({ ...content, data: { reason: 'reason 1', to: 'suspended' } })).toBe(
      hash,
    );
  });

  it('names the first entry whose content was rewritten', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], data: { to: 'authorized', reason: 'reason 3' } };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      size: 2,
      firstBreak: { seq: 3, problem: 'hash_mismatch' },
    });
  });

  it('catches a deleted entry as a gap', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, problem: 'seq_gap' },
    });
  });

  it('catches an entry rewritten together with its own hash', () => {
    const entries = chainOf(4);
    const { hash: _old, ...content } = entries[1]; // eslint-disable-line @typescript-eslint/no-unused-vars
    const forged = { ...content, data: { to: 'authorized' } };
    entries[1] = { ...forged, hash: hashAuditEntry(forged) };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, problem: 'prev_hash_mismatch' },
    });
  });
});
