import type { ComplaintStatus } from '@fair-recruit/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const COMPLAINT_EVENT_KINDS = [
  'submitted',
  'status_changed',
  'referred',
  'message',
  'evidence_added',
] as const;
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number];
export type ComplaintActor = 'complainant' | 'regulator';

/** One line of a complaint's timeline. Rows are only ever added. */
@Entity('complaint_events')
export class ComplaintEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  kind!: ComplaintEventKind;

  @Column({ type: 'text' })
  actor!: ComplaintActor;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ComplaintStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: ComplaintStatus | null;

  @Column({ name: 'from_jurisdiction', type: 'char', length: 2, nullable: true })
  fromJurisdiction!: string | null;

  @Column({ name: 'to_jurisdiction', type: 'char', length: 2, nullable: true })
  toJurisdiction!: string | null;

  /** The regulator's reason for a decision: internal to the case file and the audit chain. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** A message between the regulator and the complainant; both sides read it. */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;
}
