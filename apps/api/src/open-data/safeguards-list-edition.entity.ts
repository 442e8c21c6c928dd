import type { SafeguardsListCountry } from '@fair-recruit/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One published edition of the safeguards list; the row with the highest id is in force. */
@Entity('safeguards_list_editions')
export class SafeguardsListEditionEntity {
  /** bigint, which the driver reads as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  edition!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'jsonb' })
  countries!: SafeguardsListCountry[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
