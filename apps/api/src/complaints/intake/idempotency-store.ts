import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { conflict, DomainError } from '../../common/domain-error.js';
import type { ComplaintReceiptDto } from '../dto/create-complaint.dto.js';
import { IdempotencyKeyEntity } from '../idempotency-key.entity.js';
import { SealingKeys } from '../sealing-keys.js';

/** Keys answer retries for two days: the promise is at least one. */
const KEEP_FOR_MS = 48 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * `Idempotency-Key` for submissions. Within one process a duplicate that arrives while the first
 * is still running gets 409 at once; across processes a transaction-scoped advisory lock does
 * the same. A crash rolls the transaction back and frees the lock, so a retry simply runs again.
 * The first answer holds the receipt code, so it is stored sealed with a key derived from the
 * client's idempotency key, which is itself stored only as a hash.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly inFlight = new Set<string>();
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sealing: SealingKeys,
  ) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(
      () => void this.purgeExpired().catch(() => undefined),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  keyHash(key: string): string {
    return sha256Hex(`complaints:${key}`);
  }

  /** Marks the key busy in this process; the returned function frees it. */
  claim(keyHash: string): () => void {
    if (this.inFlight.has(keyHash)) throw inFlightError();
    this.inFlight.add(keyHash);
    return () => this.inFlight.delete(keyHash);
  }

  /** Inside the submission's transaction: another instance holding the key means 409. */
  async lock(manager: EntityManager, keyHash: string): Promise<void> {
    const rows = await manager.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [keyHash],
    );
    if (!rows[0]?.locked) throw inFlightError();
  }

  /** The first answer for this key, or null; 422 when the key came with another request. */
  async replay(
    manager: EntityManager,
    key: string,
    keyHash: string,
    requestHash: string,
  ): Promise<ComplaintReceiptDto | null> {
    const row = await manager.findOneBy(IdempotencyKeyEntity, { keyHash });
    if (!row || row.expiresAt.getTime() < Date.now()) return null;
    if (row.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency_key_reused',
        422,
        'Idempotency key reused',
        'This Idempotency-Key was used for a different complaint. Use a new key for a new complaint.',
      );
    }
    const plain = this.sealing.openFor(key, row.responseCiphertext, row.responseKeyId, keyHash);
    return JSON.parse(plain.toString('utf8')) as ComplaintReceiptDto;
  }

  async record(
    manager: EntityManager,
    key: string,
    keyHash: string,
    requestHash: string,
    complaintId: string,
    answer: ComplaintReceiptDto,
  ): Promise<void> {
    const sealed = this.sealing.sealFor(key, Buffer.from(JSON.stringify(answer)), keyHash);
    // The lock and the look in this transaction found no live row; an expired one is replaced.
    await manager.query(
      `INSERT INTO idempotency_keys
         (key_hash, request_hash, complaint_id, response_ciphertext, response_key_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(secs => $6))
       ON CONFLICT (key_hash) DO UPDATE SET
         request_hash = EXCLUDED.request_hash, complaint_id = EXCLUDED.complaint_id,
         response_ciphertext = EXCLUDED.response_ciphertext,
         response_key_id = EXCLUDED.response_key_id,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at < now()`,
      [keyHash, requestHash, complaintId, sealed.ciphertext, sealed.keyId, KEEP_FOR_MS / 1000],
    );
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.manager.delete(IdempotencyKeyEntity, {
      expiresAt: LessThan(new Date()),
    });
    return result.affected ?? 0;
  }
}

const inFlightError = () =>
  conflict(
    'idempotency_key_in_flight',
    'A complaint with this Idempotency-Key is still being processed. Retry in a moment.',
  );
