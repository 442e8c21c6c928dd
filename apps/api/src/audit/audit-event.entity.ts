import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One entry of a per-jurisdiction hash chain. `hash` = SHA-256 over the canonical JSON
 * (RFC 8785) of the entry without `hash`, so anyone can recompute the chain from open data.
 * The database refuses UPDATE and DELETE on this table (see the migration's trigger).
 */
@Entity('audit_events')
export class AuditEventEntity {
  /** A jurisdiction code, or `global` for account and jurisdiction management. */
  @PrimaryColumn({ type: 'text' })
  chain!: string;

  @PrimaryColumn({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
