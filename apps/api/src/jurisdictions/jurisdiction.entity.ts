import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A country's registry and its designated national authority (draft Code Art. 8.3, 8.4). */
@Entity('jurisdictions')
export class JurisdictionEntity {
  /** ISO 3166-1 alpha-2. */
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'authority_name', type: 'text' })
  authorityName!: string;

  @Column({ name: 'authority_website', type: 'text', nullable: true })
  authorityWebsite!: string | null;

  @Column({ name: 'authority_email', type: 'text', nullable: true })
  authorityEmail!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
