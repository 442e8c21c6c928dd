import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every name a recruiter is known by (legal and trading), normalized by `@fair-recruit/matching`,
 * one row each so that the trigram index compares a query against one name at a time.
 */
@Entity('recruiter_names')
export class RecruiterNameEntity {
  @PrimaryColumn({ name: 'recruiter_id', type: 'uuid' })
  recruiterId!: string;

  @PrimaryColumn({ type: 'text' })
  normalized!: string;

  @Column({ type: 'char', length: 2 })
  jurisdiction!: string;
}
