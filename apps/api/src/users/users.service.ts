import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService, GLOBAL_CHAIN } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { conflict, invalidInput, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import type { CreateUserDto, UserDto } from './dto/create-user.dto.js';
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
    const jurisdictions = input.role === 'regulator' ? (input.jurisdictions ?? []) : [];
    if (input.role === 'regulator' && jurisdictions.length === 0) {
      throw invalidInput([
        { field: 'jurisdictions', message: 'a regulator needs at least one jurisdiction' },
      ]);
    }
    if (input.role !== 'regulator' && (input.jurisdictions?.length ?? 0) > 0) {
      throw invalidInput([
        { field: 'jurisdictions', message: `a ${input.role} is not scoped to jurisdictions` },
      ]);
    }
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (manager) => {
      const known = await manager.countBy(JurisdictionEntity, { code: In(jurisdictions) });
      if (known !== jurisdictions.length) {
        throw invalidInput([
          { field: 'jurisdictions', message: 'every jurisdiction must exist first' },
        ]);
      }
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

  async setDisabled(id: string, disabled: boolean, actorId: string | null): Promise<UserDto> {
    return this.db.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw notFound('user');
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
}
