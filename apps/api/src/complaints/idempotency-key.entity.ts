import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a submission, kept so that a retry with the same key gets it again. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'response_ciphertext', type: 'bytea' })
  responseCiphertext!: Buffer;

  @Column({ name: 'response_key_id', type: 'text' })
  responseKeyId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
