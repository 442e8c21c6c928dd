import { canTransition } from '@fair-recruit/domain';
import { normalizedNamesOf, normalizeLicence, registrableDomain } from '@fair-recruit/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertCanReadPrivate, assertCanWrite, type Principal } from '../auth/principal.js';
import { conflict, DomainError, invalidInput, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import type { ChangeStatusDto } from './dto/change-status.dto.js';
import type { CreateRecruiterDto, UpdateRecruiterDto } from './dto/recruiter-input.dto.js';
import type { RecruiterDto, RecruiterPrivateDto } from './dto/recruiter.dto.js';
import { RecruiterNameEntity } from './recruiter-name.entity.js';
import { RecruiterEntity } from './recruiter.entity.js';
import { toRecruiterDto, toRecruiterPrivateDto, todayUtc } from './recruiter.mapper.js';
import { RegistryEvents } from './registry-events.js';
import { StatusChangeEntity } from './status-change.entity.js';

export const unique = <T>(values: T[]) => [...new Set(values)];

/** Registrable domains (public suffix list), each once: how every write stores domains. */
export const toDomains = (values: string[] | null | undefined) =>
  unique((values ?? []).map((v) => registrableDomain(v)).filter((d): d is string => d !== null));

/** `If-Match` holds `*`, or the ETag (weak or strong) of the version the client last read. */
function assertIfMatch(
  ifMatch: string | undefined,
  entity: RecruiterEntity,
  required: boolean,
): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!required) return;
    throw new DomainError(
      'precondition_required',
      428,
      'Precondition required',
      'Send If-Match with the ETag of the record you edited, so that a concurrent change is not overwritten.',
    );
  }
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(`"${entity.id}.${entity.version}"`)) return;
  throw new DomainError(
    'version_mismatch',
    412,
    'Precondition failed',
    'The record changed since you read it. Reload it and apply your change again.',
  );
}

export interface RecruiterWithEtag<T> {
  body: T;
  etag: string;
}

@Injectable()
export class RecruitersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: RegistryEvents,
  ) {}

  async get(id: string): Promise<RecruiterWithEtag<RecruiterDto>> {
    const { entity, history } = await this.load(this.db.manager, id);
    return { body: toRecruiterDto(entity, history), etag: etag(entity) };
  }

  async getPrivate(
    id: string,
    principal: Principal,
  ): Promise<RecruiterWithEtag<RecruiterPrivateDto>> {
    const { entity, history } = await this.load(this.db.manager, id);
    assertCanReadPrivate(principal, entity.jurisdiction, 'recruiter');
    return { body: toRecruiterPrivateDto(entity, history), etag: etag(entity) };
  }

  async register(
    input: CreateRecruiterDto,
    principal: Principal,
  ): Promise<RecruiterWithEtag<RecruiterPrivateDto>> {
    assertCanWrite(principal, input.jurisdiction);
    assertPeriod(input.authorizedFrom, input.authorizedUntil);
    const result = await this.db.transaction(async (manager) => {
      if (!(await manager.existsBy(JurisdictionEntity, { code: input.jurisdiction }))) {
        throw invalidInput([
          { field: 'jurisdiction', message: `no registry for ${input.jurisdiction} exists yet` },
        ]);
      }
      const registrationKey = normalizeLicence(input.registrationNumber);
      if (
        await manager.existsBy(RecruiterEntity, {
          jurisdiction: input.jurisdiction,
          registrationKey,
        })
      ) {
        throw conflict(
          'registration_number_taken',
          `${input.jurisdiction} already has a record with registration number ${input.registrationNumber}.`,
        );
      }
      const entity = manager.create(RecruiterEntity, {
        jurisdiction: input.jurisdiction,
        registrationNumber: input.registrationNumber.trim(),
        registrationKey,
        kind: input.kind,
        sector: input.sector,
        legalName: input.legalName.trim(),
        tradingNames: unique((input.tradingNames ?? []).map((n) => n.trim())),
        domains: toDomains(input.domains),
        emailDomains: toDomains(input.emailDomains),
        phones: unique(input.phones ?? []),
        address: input.address ?? null,
        authorizedFrom: input.authorizedFrom ?? null,
        authorizedUntil: input.authorizedUntil ?? null,
        conditions: input.conditions ?? null,
        internalNotes: input.internalNotes ?? null,
        status: 'pending',
        statusChangedAt: new Date(),
      });
      await manager.save(entity);
      await this.writeNames(manager, entity);
      const change = await manager.save(
        manager.create(StatusChangeEntity, {
          recruiterId: entity.id,
          fromStatus: null,
          toStatus: 'pending',
          reason: 'Application registered',
          decisionReference: null,
          changedBy: principal.userId,
        }),
      );
      await this.audit.append(manager, {
        chain: entity.jurisdiction,
        actorId: principal.userId,
        action: 'recruiter.registered',
        entityType: 'recruiter',
        entityId: entity.id,
        data: auditedFields(toRecruiterDto(entity)),
      });
      return { entity, history: [change] };
    });
    return this.committed(result);
  }

  async update(
    id: string,
    input: UpdateRecruiterDto,
    ifMatch: string | undefined,
    principal: Principal,
  ): Promise<RecruiterWithEtag<RecruiterPrivateDto>> {
    const result = await this.db.transaction(async (manager) => {
      const entity = await this.lockForWrite(manager, id, principal);
      assertIfMatch(ifMatch, entity, true);
      const before = toRecruiterPrivateDto(entity);
      const notesBefore = entity.internalNotes;
      if (input.kind !== undefined) entity.kind = input.kind;
      if (input.sector !== undefined) entity.sector = input.sector;
      if (input.legalName !== undefined) entity.legalName = input.legalName.trim();
      if (input.tradingNames !== undefined)
        entity.tradingNames = unique((input.tradingNames ?? []).map((n) => n.trim()));
      if (input.domains !== undefined) entity.domains = toDomains(input.domains);
      if (input.emailDomains !== undefined) entity.emailDomains = toDomains(input.emailDomains);
      if (input.phones !== undefined) entity.phones = unique(input.phones ?? []);
      if (input.address !== undefined) entity.address = input.address;
      if (input.authorizedFrom !== undefined) entity.authorizedFrom = input.authorizedFrom;
      if (input.authorizedUntil !== undefined) entity.authorizedUntil = input.authorizedUntil;
      if (input.conditions !== undefined) entity.conditions = input.conditions;
      if (input.internalNotes !== undefined) entity.internalNotes = input.internalNotes;
      assertPeriod(entity.authorizedFrom, entity.authorizedUntil);
      await manager.save(entity);
      await this.writeNames(manager, entity);
      const after = toRecruiterPrivateDto(entity);
      const changed = (Object.keys(input) as (keyof typeof after)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      await this.audit.append(manager, {
        chain: entity.jurisdiction,
        actorId: principal.userId,
        action: 'recruiter.updated',
        entityType: 'recruiter',
        entityId: entity.id,
        data: {
          // Internal notes are regulators' private free text: the public chain records only
          // that they changed, never what they say.
          changed: Object.fromEntries(
            changed.map((k) =>
              k === 'internalNotes'
                ? [k, { changed: notesBefore !== entity.internalNotes }]
                : [k, { from: before[k], to: after[k] }],
            ),
          ),
        },
      });
      return { entity, history: await this.history(manager, id) };
    });
    return this.committed(result);
  }

  async changeStatus(
    id: string,
    input: ChangeStatusDto,
    ifMatch: string | undefined,
    principal: Principal,
    manager?: EntityManager,
  ): Promise<RecruiterWithEtag<RecruiterPrivateDto>> {
    const work = async (tx: EntityManager) => {
      const entity = await this.lockForWrite(tx, id, principal);
      assertIfMatch(ifMatch, entity, false);
      const from = entity.status;
      if (!canTransition(from, input.status)) {
        throw new DomainError(
          'invalid_status_transition',
          409,
          'Conflict',
          `A ${from} record cannot become ${input.status}.`,
        );
      }
      entity.status = input.status;
      entity.statusChangedAt = new Date();
      if (input.status === 'authorized' && entity.authorizedFrom === null) {
        // A period that already ended (recording a past authorization) starts no later than it ends.
        const today = todayUtc();
        const until = entity.authorizedUntil;
        entity.authorizedFrom = until !== null && until < today ? until : today;
      }
      await tx.save(entity);
      await tx.save(
        tx.create(StatusChangeEntity, {
          recruiterId: id,
          fromStatus: from,
          toStatus: input.status,
          reason: input.reason.trim(),
          decisionReference: input.reference?.trim() || null,
          changedBy: principal.userId,
        }),
      );
      await this.audit.append(tx, {
        chain: entity.jurisdiction,
        actorId: principal.userId,
        action: 'recruiter.status_changed',
        entityType: 'recruiter',
        entityId: id,
        data: {
          from,
          to: input.status,
          reason: input.reason.trim(),
          reference: input.reference ?? null,
        },
      });
      return { entity, history: await this.history(tx, id) };
    };
    if (manager) {
      // Inside a caller's transaction (a substantiated complaint suspends the recruiter with it):
      // nothing is committed yet, so the caller tells RegistryEvents once it has.
      const result = await work(manager);
      return {
        body: toRecruiterPrivateDto(result.entity, result.history),
        etag: etag(result.entity),
      };
    }
    return this.committed(await this.db.transaction(work));
  }

  /** After a commit: tell the snapshot and check caches, and answer with the new version. */
  private committed(result: {
    entity: RecruiterEntity;
    history: StatusChangeEntity[];
  }): RecruiterWithEtag<RecruiterPrivateDto> {
    this.events.changed(result.entity.jurisdiction);
    return {
      body: toRecruiterPrivateDto(result.entity, result.history),
      etag: etag(result.entity),
    };
  }

  private async load(manager: EntityManager, id: string) {
    const entity = await manager.findOneBy(RecruiterEntity, { id });
    if (!entity) throw notFound('recruiter');
    return { entity, history: await this.history(manager, id) };
  }

  private history(manager: EntityManager, id: string) {
    return manager.find(StatusChangeEntity, {
      where: { recruiterId: id },
      order: { changedAt: 'ASC' },
    });
  }

  /** Row lock first, scope check second: the record's jurisdiction cannot change under us. */
  private async lockForWrite(manager: EntityManager, id: string, principal: Principal) {
    const entity = await manager.findOne(RecruiterEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entity) throw notFound('recruiter');
    assertCanWrite(principal, entity.jurisdiction);
    return entity;
  }

  private async writeNames(manager: EntityManager, entity: RecruiterEntity): Promise<void> {
    await manager.delete(RecruiterNameEntity, { recruiterId: entity.id });
    const names = normalizedNamesOf(entity.legalName, entity.tradingNames);
    if (names.length === 0) return;
    await manager.insert(
      RecruiterNameEntity,
      names.map((normalized) => ({
        recruiterId: entity.id,
        normalized,
        jurisdiction: entity.jurisdiction,
      })),
    );
  }
}

/** What a registration puts in the public audit chain: the public record, no internal notes. */
function auditedFields(dto: RecruiterDto): Record<string, unknown> {
  const { history: _history, ...fields } = dto; // eslint-disable-line @typescript-eslint/no-unused-vars
  return fields;
}

function etag(entity: RecruiterEntity) {
  return `"${entity.id}.${entity.version}"`;
}

function assertPeriod(from: string | null | undefined, until: string | null | undefined): void {
  if (from && until && until < from) {
    throw invalidInput([
      { field: 'authorizedUntil', message: 'authorizedUntil must not be before authorizedFrom' },
    ]);
  }
}
