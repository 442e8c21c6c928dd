import {
  ChainVerifier,
  GENESIS_HASH,
  hashAuditEntry,
  verifyChain,
  type AuditEntryContent,
} from './audit-chain.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { matchCheckpoint } from './audit-verify.js';

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

describe(ChainVerifier.name, () => {
  it('fed one entry at a time, agrees with verifyChain and stops at the first break', () => {
    const entries = chainOf(6);
    entries[3] = { ...entries[3], action: 'forged' };
    const verifier = new ChainVerifier();
    const accepted = entries.map((e) => verifier.push(e));
    expect(accepted).toEqual([true, true, true, false, false, false]);
    expect(verifier.result).toEqual(verifyChain(entries));
    expect(verifier.result).toMatchObject({ size: 3, firstBreak: { seq: 4 } });
  });

  it('reports an empty chain as size 0 at the genesis hash', () => {
    expect(new ChainVerifier().result).toEqual({ ok: true, size: 0, head: GENESIS_HASH });
  });
});

describe('matchCheckpoint', () => {
  const entries = chainOf(5);
  const checkpointAt = (size: number, headHash: string): AuditCheckpoint => ({
    chain: 'GB',
    size,
    headHash,
    issuedAt: '2026-03-01T00:00:00.000Z',
    keyId: 'k',
    alg: 'Ed25519',
    signature: 's',
  });
  const intact = {
    chain: 'GB',
    verification: verifyChain(entries),
    hashAt: entries[2].hash,
  };

  it('holds when the current chain reaches the signed head at the signed size', () => {
    expect(matchCheckpoint(checkpointAt(3, entries[2].hash), true, intact)).toEqual({ ok: true });
  });

  it('fails a bad signature before looking at the chain', () => {
    expect(matchCheckpoint(checkpointAt(3, entries[2].hash), false, intact)).toMatchObject({
      problem: 'bad_signature',
    });
  });

  it('fails when the chain was rewritten consistently (every later hash recomputed)', () => {
    expect(matchCheckpoint(checkpointAt(3, 'f'.repeat(64)), true, intact)).toMatchObject({
      problem: 'head_mismatch',
    });
  });

  it('fails when the chain is broken, or cut short, before the signed size', () => {
    const broken = {
      chain: 'GB',
      verification: {
        ok: false as const,
        size: 1,
        firstBreak: { seq: 2, problem: 'hash_mismatch' as const },
      },
    };
    expect(matchCheckpoint(checkpointAt(3, entries[2].hash), true, broken)).toMatchObject({
      problem: 'broken_before_checkpoint',
    });
    const short = { chain: 'GB', verification: verifyChain(entries.slice(0, 2)) };
    expect(matchCheckpoint(checkpointAt(3, entries[2].hash), true, short)).toMatchObject({
      problem: 'shorter_than_checkpoint',
    });
  });

  it('holds for an empty checkpoint only at the genesis hash', () => {
    expect(matchCheckpoint(checkpointAt(0, GENESIS_HASH), true, intact)).toEqual({ ok: true });
    expect(matchCheckpoint(checkpointAt(0, entries[0].hash), true, intact)).toMatchObject({
      ok: false,
    });
  });
});
