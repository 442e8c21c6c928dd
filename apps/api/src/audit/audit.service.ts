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

  /**
   * Appends many entries to one chain in order, in the caller's transaction, under the same lock
   * as `append`: hashed one after another here, written in multi-row statements (a CSV import
   * of 100,000 records would take minutes one entry at a time). Answers how many were added.
   */
  async appendMany(
    manager: EntityManager,
    chain: string,
    records: Omit<AuditRecord, 'chain'>[],
  ): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.appendMany must run inside a transaction');
    }
    if (records.length === 0) return 0;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [chain]);
    const head = await manager
      .getRepository(AuditEventEntity)
      .findOne({ where: { chain }, order: { seq: 'DESC' } });
    const occurredAt = new Date().toISOString();
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    for (let start = 0; start < records.length; start += APPEND_BATCH) {
      const rows = records.slice(start, start + APPEND_BATCH).map((record) => {
        seq += 1;
        const content = {
          chain,
          seq,
          occurredAt,
          actorId: record.actorId,
          action: record.action,
          entityType: record.entityType,
          entityId: record.entityId,
          data: JSON.parse(JSON.stringify(record.data)) as Record<string, unknown>,
          prevHash,
        };
        prevHash = hashAuditEntry(content);
        return {
          chain,
          seq,
          occurred_at: occurredAt,
          actor_id: record.actorId,
          action: record.action,
          entity_type: record.entityType,
          entity_id: record.entityId,
          data: content.data,
          prev_hash: content.prevHash,
          hash: prevHash,
        };
      });
      await manager.query(
        `INSERT INTO audit_events (chain, seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
         SELECT chain, seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM jsonb_populate_recordset(NULL::audit_events, $1::jsonb)`,
        [JSON.stringify(rows)],
      );
    }
    return records.length;
  }
}

const APPEND_BATCH = 5000;
