import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { AuditEventEntity } from './audit-event.entity.js';

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

export type AuditEntry = AuditEntryContent & { hash: string };

export function hashAuditEntry(entry: AuditEntryContent): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A stored row as it is hashed and published: the same fields, the time as ISO text. */
export function toAuditEntry(row: AuditEventEntity): AuditEntry {
  return {
    chain: row.chain,
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export interface ChainBreak {
  seq: number;
  problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';
}

export type ChainVerification =
  { ok: true; size: number; head: string } | { ok: false; size: number; firstBreak: ChainBreak };

/**
 * Recomputes a chain one entry at a time, so a chain of any length can be streamed through it.
 * `size` counts the entries that hold; after the first break later entries are not looked at.
 */
export class ChainVerifier {
  private head = GENESIS_HASH;
  private expectedSeq = 1;
  private broken?: ChainBreak;

  /** Feeds the next entry in seq order; false once the chain is broken. */
  push(entry: AuditEntry): boolean {
    if (this.broken) return false;
    if (entry.seq !== this.expectedSeq) {
      this.broken = { seq: this.expectedSeq, problem: 'seq_gap' };
    } else if (entry.prevHash !== this.head) {
      this.broken = { seq: entry.seq, problem: 'prev_hash_mismatch' };
    } else {
      const { hash, ...content } = entry;
      if (hashAuditEntry(content) !== hash) {
        this.broken = { seq: entry.seq, problem: 'hash_mismatch' };
      } else {
        this.head = hash;
        this.expectedSeq += 1;
        return true;
      }
    }
    return false;
  }

  get result(): ChainVerification {
    const size = this.expectedSeq - 1;
    return this.broken
      ? { ok: false, size, firstBreak: this.broken }
      : { ok: true, size, head: this.head };
  }
}

/** Recomputes a chain in order and names the first entry that does not hold. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result;
}
