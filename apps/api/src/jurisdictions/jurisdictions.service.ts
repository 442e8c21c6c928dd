import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, GLOBAL_CHAIN } from '../audit/audit.service.js';
import { conflict, notFound } from '../common/domain-error.js';
import type {
  CreateJurisdictionDto,
  JurisdictionDto,
  UpdateJurisdictionDto,
} from './dto/jurisdiction.dto.js';
import { JurisdictionEntity } from './jurisdiction.entity.js';

export function toJurisdictionDto(entity: JurisdictionEntity): JurisdictionDto {
  return {
    code: entity.code,
    name: entity.name,
    authority: {
      name: entity.authorityName,
      ...(entity.authorityWebsite ? { website: entity.authorityWebsite } : {}),
      ...(entity.authorityEmail ? { email: entity.authorityEmail } : {}),
    },
  };
}

@Injectable()
export class JurisdictionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<JurisdictionDto[]> {
    const all = await this.db.getRepository(JurisdictionEntity).find({ order: { code: 'ASC' } });
    return all.map(toJurisdictionDto);
  }

  async get(code: string): Promise<JurisdictionDto> {
    const found = await this.db.getRepository(JurisdictionEntity).findOneBy({ code });
    if (!found) throw notFound('jurisdiction', `No registry for ${code} is kept here.`);
    return toJurisdictionDto(found);
  }

  async create(input: CreateJurisdictionDto, actorId: string | null): Promise<JurisdictionDto> {
    return this.db.transaction(async (manager) => {
      if (await manager.existsBy(JurisdictionEntity, { code: input.code })) {
        throw conflict('jurisdiction_exists', `A registry for ${input.code} already exists.`);
      }
      const entity = await manager.save(
        manager.create(JurisdictionEntity, {
          code: input.code,
          name: input.name.trim(),
          authorityName: input.authority.name.trim(),
          authorityWebsite: input.authority.website ?? null,
          authorityEmail: input.authority.email ?? null,
        }),
      );
      const dto = toJurisdictionDto(entity);
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId,
        action: 'jurisdiction.created',
        entityType: 'jurisdiction',
        entityId: entity.code,
        data: { ...dto },
      });
      return dto;
    });
  }

  /** A new name or authority for a registry; the change and its audit entry commit together. */
  async update(
    code: string,
    input: UpdateJurisdictionDto,
    actorId: string | null,
  ): Promise<JurisdictionDto> {
    return this.db.transaction(async (manager) => {
      const entity = await manager.findOne(JurisdictionEntity, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entity) throw notFound('jurisdiction', `No registry for ${code} is kept here.`);
      const before = toJurisdictionDto(entity);
      if (input.name !== undefined) entity.name = input.name.trim();
      if (input.authority !== undefined) {
        entity.authorityName = input.authority.name.trim();
        entity.authorityWebsite = input.authority.website ?? null;
        entity.authorityEmail = input.authority.email ?? null;
      }
      const after = toJurisdictionDto(entity);
      if (JSON.stringify(before) === JSON.stringify(after)) return after;
      await manager.save(entity);
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId,
        action: 'jurisdiction.updated',
        entityType: 'jurisdiction',
        entityId: code,
        data: { before: { ...before }, after: { ...after } },
      });
      return after;
    });
  }
}
