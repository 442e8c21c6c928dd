import type { StoredStatus } from '@fair-recruit/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { RecruiterEntity } from './recruiter.entity.js';

/** One decision in a recruiter's history. Rows are only ever added. */
@Entity('recruiter_status_changes')
export class StatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recruiter_id', type: 'uuid' })
  recruiterId!: string;

  @ManyToOne('RecruiterEntity', 'history', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recruiter_id' })
  recruiter?: Relation<RecruiterEntity>;

  /** Null for the registration itself. */
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: StoredStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: StoredStatus;

  @Column({ type: 'text' })
  reason!: string;

  /** The regulator's decision reference (file number, order number). */
  @Column({ name: 'decision_reference', type: 'text', nullable: true })
  decisionReference!: string | null;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  /** Written by a CSV import for a record it created: a decision taken before the record came here. */
  @Column({ name: 'carried_over', type: 'boolean', default: false })
  carriedOver!: boolean;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
