import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { GENESIS_HASH, hashAuditEntry } from './audit-chain.js';

export const GLOBAL_CHAIN = 'global';

export interface AuditRecord {
  chain: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  /**
   * Appends to a chain inside the caller's transaction, so the change and its audit entry commit
   * or roll back together. A transaction-scoped advisory lock per chain serializes appenders:
   * two concurrent writers would otherwise both read the same head and fork the chain.
   */
  async append(manager: EntityManager, record: AuditRecord): Promise<AuditEventEntity> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.append must run inside a transaction');
    }
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [record.chain]);
    const head = await manager
      .getRepository(AuditEventEntity)
      .findOne({ where: { chain: record.chain }, order: { seq: 'DESC' } });
    const occurredAt = new Date();
    const content = {
      chain: record.chain,
      seq: (head?.seq ?? 0) + 1,
      occurredAt: occurredAt.toISOString(),
      actorId: record.actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      // Hashed exactly as it will read back from jsonb: dates as strings, no undefined keys.
      data: JSON.parse(JSON.stringify(record.data)) as Record<string, unknown>,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const entry = manager.getRepository(AuditEventEntity).create({
      ...content,
      occurredAt,
      hash: hashAuditEntry(content),
    });
    await manager.getRepository(AuditEventEntity).save(entry);
    return entry;
  }
}
