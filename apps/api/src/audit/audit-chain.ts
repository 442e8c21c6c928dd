import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** The hash every chain starts from: 64 zeros, like a genesis block. */
export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed: every column of the entry except `hash`, with the time in ISO form. */
export interface AuditEntryContent {
  chain: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
  prevHash: string;
}

export function hashAuditEntry(entry: AuditEntryContent): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainBreak {
  seq: number;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';
}

/** Recomputes a chain in order and names the first entry that does not hold. */
export function verifyChain(
  entries: Iterable<AuditEntryContent & { hash: string }>,
): { ok: true; size: number; head: string } | { ok: false; size: number; firstBreak: ChainBreak } {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        size: expectedSeq - 1,
        firstBreak: { seq: expectedSeq, problem: 'seq_gap' },
      };
    }
    if (entry.prevHash !== prev) {
      return {
        ok: false,
        size: expectedSeq - 1,
        firstBreak: { seq: entry.seq, problem: 'prev_hash_mismatch' },
      };
    }
    const { hash, ...content } = entry;
    if (hashAuditEntry(content) !== hash) {
      return {
        ok: false,
        size: expectedSeq - 1,
        firstBreak: { seq: entry.seq, problem: 'hash_mismatch' },
      };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, size: expectedSeq - 1, head: prev };
}
