import { SAFEGUARDS_LIST_2023, type SafeguardsList } from '@fair-recruit/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, GLOBAL_CHAIN } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import type { SafeguardsListDto } from './dto/safeguards-list.dto.js';
import { SafeguardsListEditionEntity } from './safeguards-list-edition.entity.js';

function toSafeguardsList(entity: SafeguardsListEditionEntity): SafeguardsList {
  return {
    edition: entity.edition,
    source: entity.source,
    countries: entity.countries.map(({ code, name, whoRegion }) => ({ code, name, whoRegion })),
  };
}

/**
 * The WHO Health Workforce Support and Safeguards List in force: the latest edition an
 * administrator published, or the 2023 edition shipped with the code when none was.
 */
@Injectable()
export class SafeguardsListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: RegistryEvents,
  ) {}

  async current(): Promise<SafeguardsList> {
    const [latest] = await this.db
      .getRepository(SafeguardsListEditionEntity)
      .find({ order: { id: 'DESC' }, take: 1 });
    return latest ? toSafeguardsList(latest) : SAFEGUARDS_LIST_2023;
  }

  async replace(input: SafeguardsListDto, principal: Principal): Promise<SafeguardsList> {
    const list = await this.db.transaction(async (manager) => {
      const entity = await manager.save(
        manager.create(SafeguardsListEditionEntity, {
          edition: input.edition.trim(),
          source: input.source.trim(),
          countries: input.countries.map((c) => ({
            code: c.code,
            name: c.name.trim(),
            whoRegion: c.whoRegion,
          })),
          createdBy: principal.userId,
        }),
      );
      const saved = toSafeguardsList(entity);
      await this.audit.append(manager, {
        chain: GLOBAL_CHAIN,
        actorId: principal.userId,
        action: 'safeguards_list.replaced',
        entityType: 'safeguards_list',
        entityId: String(entity.id),
        data: { ...saved },
      });
      return saved;
    });
    // The snapshot carries the list and /checks flags ads by it: both rebuild on this event.
    this.events.changed(GLOBAL_CHAIN);
    return list;
  }
}
