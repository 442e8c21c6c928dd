import type { Role } from '@fair-recruit/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower case; unique. */
  @Column({ type: 'text' })
  email!: string;

  /** argon2id, with its parameters in the encoded string. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The registries a regulator may manage; empty for admins and observers. */
  @Column({ type: 'char', length: 2, array: true, default: () => "'{}'" })
  jurisdictions!: string[];

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
