import type { RecruiterKind, Sector, StoredStatus } from '@fair-recruit/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import type { StatusChangeEntity } from './status-change.entity.js';

export interface PostalAddress {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** One firm's record in one jurisdiction's registry. */
@Entity('recruiters')
export class RecruiterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 2 })
  jurisdiction!: string;

  /** As the regulator wrote it. */
  @Column({ name: 'registration_number', type: 'text' })
  registrationNumber!: string;

  /** Upper case without separators: what lookups and the unique index compare. */
  @Column({ name: 'registration_key', type: 'text' })
  registrationKey!: string;

  @Column({ type: 'text' })
  kind!: RecruiterKind;

  @Column({ type: 'text' })
  sector!: Sector;

  @Column({ name: 'legal_name', type: 'text' })
  legalName!: string;

  @Column({ name: 'trading_names', type: 'text', array: true, default: () => "'{}'" })
  tradingNames!: string[];

  /** Registrable domains (public suffix list), lower case. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains!: string[];

  @Column({ name: 'email_domains', type: 'text', array: true, default: () => "'{}'" })
  emailDomains!: string[];

  /** E.164. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones!: string[];

  @Column({ type: 'jsonb', nullable: true })
  address!: PostalAddress | null;

  @Column({ name: 'authorized_from', type: 'date', nullable: true })
  authorizedFrom!: string | null;

  @Column({ name: 'authorized_until', type: 'date', nullable: true })
  authorizedUntil!: string | null;

  @Column({ type: 'text', nullable: true })
  conditions!: string | null;

  /** Regulator-only notes; never in a public answer, the snapshot or open data. */
  @Column({ name: 'internal_notes', type: 'text', nullable: true })
  internalNotes!: string | null;

  @Column({ type: 'text' })
  status!: StoredStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @OneToMany('StatusChangeEntity', 'recruiter')
  history?: Relation<StatusChangeEntity>[];

  /** Optimistic concurrency: the ETag is derived from it. */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
