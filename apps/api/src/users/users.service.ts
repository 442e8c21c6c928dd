import type { Role } from '@fair-recruit/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService, GLOBAL_CHAIN } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { conflict, invalidInput, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import type { CreateUserDto, UpdateUserDto, UserDto } from './dto/create-user.dto.js';
import { UserEntity } from './user.entity.js';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    jurisdictions: user.jurisdictions,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateUserDto, actorId: string | null): Promise<UserDto> {
    const jurisdictions = scopeOf(input.role, input.jurisdictions);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (manager) => {
      await mustExist(manager, jurisdictions);
      const email = input.email.trim().toLowerCase();
      if (await manager.existsBy(UserEntity, { email })) {
        throw conflict('email_taken', 'An account with this e-mail already exists.');
      }
      const user = await manager.save(
        manager.create(UserEntity, {
          email,
          passwordHash,
          role: input.role,
          jurisdictions,
          disabledAt: null,
        }),
      );
      // The e-mail is an account name, not a complainant's contact detail: it belongs in the trail.
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        data: { email, role: user.role, jurisdictions },
      });
      return toUserDto(user);
    });
  }

  async list(): Promise<UserDto[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
    return users.map(toUserDto);
  }

  /**
   * A new role or registries for an account, effective at its next request (sessions read the
   * account every time). The change and its audit entry (before and after) commit together; a
   * request that changes nothing writes nothing.
   */
  async update(id: string, input: UpdateUserDto, actorId: string | null): Promise<UserDto> {
    return this.db.transaction(async (manager) => {
      const user = await this.lockForChange(manager, id);
      const role = input.role ?? user.role;
      const jurisdictions =
        input.jurisdictions === undefined && role === user.role
          ? user.jurisdictions
          : scopeOf(role, input.jurisdictions ?? (role === 'regulator' ? user.jurisdictions : []));
      const before = { role: user.role, jurisdictions: [...user.jurisdictions] };
      const after = { role, jurisdictions };
      // The same registries in another order are no change.
      const scope = (list: readonly string[]) => [...list].sort().join();
      if (role === user.role && scope(jurisdictions) === scope(user.jurisdictions)) {
        return toUserDto(user);
      }
      await mustExist(manager, jurisdictions);
      if (user.role === 'admin' && role !== 'admin') await this.keepAnAdmin(manager, user);
      user.role = role;
      user.jurisdictions = jurisdictions;
      await manager.save(user);
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        data: { before, after },
      });
      return toUserDto(user);
    });
  }

  async setDisabled(id: string, disabled: boolean, actorId: string | null): Promise<UserDto> {
    return this.db.transaction(async (manager) => {
      const user = await this.lockForChange(manager, id);
      if (disabled && user.role === 'admin') await this.keepAnAdmin(manager, user);
      user.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
      await manager.save(user);
      if (disabled) await manager.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId,
        action: disabled ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: id,
        data: {},
      });
      return toUserDto(user);
    });
  }

  /**
   * The account, locked with every enabled administrator, so that two administrators demoting or
   * disabling each other at once cannot both succeed and leave nobody to manage accounts.
   */
  private async lockForChange(manager: EntityManager, id: string): Promise<UserEntity> {
    await manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE`,
    );
    const user = await manager.findOne(UserEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw notFound('user');
    return user;
  }

  /** Refuses to demote or disable the last enabled administrator (the rows are locked). */
  private async keepAnAdmin(manager: EntityManager, user: UserEntity): Promise<void> {
    if (user.disabledAt !== null) return;
    const others = await manager.count(UserEntity, {
      where: { role: 'admin', disabledAt: IsNull(), id: Not(user.id) },
    });
    if (others === 0) {
      throw conflict(
        'last_admin',
        'This is the only enabled administrator: make another account an administrator first.',
      );
    }
  }
}

/** The registries an account of `role` is scoped to: some for a regulator, none for the others. */
function scopeOf(role: Role, jurisdictions: readonly string[] | undefined): string[] {
  const given = [...(jurisdictions ?? [])];
  if (role === 'regulator' && given.length === 0) {
    throw invalidInput([
      { field: 'jurisdictions', message: 'a regulator needs at least one jurisdiction' },
    ]);
  }
  if (role !== 'regulator' && given.length > 0) {
    throw invalidInput([
      { field: 'jurisdictions', message: `a ${role} is not scoped to jurisdictions` },
    ]);
  }
  return role === 'regulator' ? given : [];
}

async function mustExist(manager: EntityManager, jurisdictions: readonly string[]): Promise<void> {
  if (jurisdictions.length === 0) return;
  const known = await manager.countBy(JurisdictionEntity, { code: In([...jurisdictions]) });
  if (known !== jurisdictions.length) {
    throw invalidInput([
      { field: 'jurisdictions', message: 'every jurisdiction must exist first' },
    ]);
  }
}
