import type { ComplaintCategory, ComplaintOutcome, ComplaintStatus } from '@fair-recruit/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the worker knows of a recruiter that is not in the registry. Not personal data. */
export interface ReportedRecruiter {
  name?: string;
  website?: string;
  email?: string;
  phone?: string;
}

/** A fee as the ILO fee definition needs it: who charged it, for what, how much, when, how. */
export interface FeeRecord {
  chargedBy: string;
  purpose: string;
  amount: number;
  currency: string;
  paidOn?: string;
  method?: string;
  debt?: { amount: number; currency: string; owedTo?: string };
}

@Entity('complaints')
export class ComplaintEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Public, quoted in letters and calls; useless without the receipt code. */
  @Column({ type: 'text' })
  reference!: string;

  /** argon2id of the receipt code; the code itself is shown once and never stored. */
  @Column({ name: 'receipt_hash', type: 'text', select: false })
  receiptHash!: string;

  @Column({ type: 'char', length: 2 })
  jurisdiction!: string;

  @Column({ name: 'recruiter_id', type: 'uuid', nullable: true })
  recruiterId!: string | null;

  @Column({ name: 'reported_recruiter', type: 'jsonb', nullable: true })
  reportedRecruiter!: ReportedRecruiter | null;

  /** The registered legal name at submission, or the name the worker gave: the queue shows it. */
  @Column({ name: 'recruiter_name', type: 'text', nullable: true })
  recruiterName!: string | null;

  @Column({ type: 'text', array: true })
  categories!: ComplaintCategory[];

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'ad_url', type: 'text', nullable: true })
  adUrl!: string | null;

  @Column({ type: 'jsonb' })
  fees!: FeeRecord[];

  @Column({ name: 'contact_ciphertext', type: 'bytea', nullable: true, select: false })
  contactCiphertext!: Buffer | null;

  @Column({ name: 'contact_key_id', type: 'text', nullable: true, select: false })
  contactKeyId!: string | null;

  @Column({ type: 'text' })
  status!: ComplaintStatus;

  /** The decision the case ended with; kept after it is closed, for the public figures. */
  @Column({ type: 'text', nullable: true })
  outcome!: ComplaintOutcome | null;

  @Column({ name: 'evidence_count', type: 'int' })
  evidenceCount!: number;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
