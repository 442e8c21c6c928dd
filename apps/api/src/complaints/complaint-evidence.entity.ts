import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvidenceContentType } from '../evidence/evidence-inspector.js';
import type { ComplaintActor } from './complaint-event.entity.js';

/** A file attached to a complaint; the bytes live in evidence storage under `storageKey`. */
@Entity('complaint_evidence')
export class ComplaintEvidenceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: EvidenceContentType;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  /** Of the stored bytes (image metadata removed). */
  @Column({ type: 'text' })
  sha256!: string;

  /** Of the bytes as uploaded, so the worker can show the file we hold is the one they sent. */
  @Column({ name: 'received_sha256', type: 'text' })
  receivedSha256!: string;

  @Column({ name: 'added_by', type: 'text' })
  addedBy!: ComplaintActor;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;
}
