import { canTransitionComplaint, isOutcome } from '@fair-recruit/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { canRead, assertCanWrite, type Principal } from '../../auth/principal.js';
import { DomainError, forbidden, invalidInput, notFound } from '../../common/domain-error.js';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../../evidence/evidence-storage.js';
import { JurisdictionEntity } from '../../jurisdictions/jurisdiction.entity.js';
import { RecruitersService } from '../../recruiters/recruiters.service.js';
import { RegistryEvents } from '../../recruiters/registry-events.js';
import { ComplaintEventEntity } from '../complaint-event.entity.js';
import { ComplaintEvidenceEntity } from '../complaint-evidence.entity.js';
import { ComplaintEntity } from '../complaint.entity.js';
import {
  toEvidenceSummary,
  toTimelineEntry,
  type TimelineEntryDto,
} from '../dto/complaint-view.dto.js';
import type {
  ComplaintCaseDto,
  ComplaintQueueItemDto,
  ComplaintQueueQuery,
  ComplaintTransitionDto,
} from '../dto/regulator-complaints.dto.js';
import { authorityOf } from '../intake/complaint-intake.service.js';
import { sha256Hex } from '../intake/idempotency-store.js';
import { loadCaseFile } from '../case-file.js';
import { SealingKeys } from '../sealing-keys.js';

const DAY_MS = 86_400_000;
export const QUEUE_COUNT_CAP = 1_000;

export interface Page<T> {
  items: T[];
  total: number;
  /** `total` is a floor: there are more matching rows than the queue counts. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/**
 * The regulator's side of complaints. A complaint outside the caller's jurisdictions does not
 * exist for them (404), whatever they try; every action is appended to the audit chain of the
 * jurisdiction that owns the case, with no complainant data in it.
 */
@Injectable()
export class ComplaintCasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly sealing: SealingKeys,
    private readonly audit: AuditService,
    private readonly recruiters: RecruitersService,
    private readonly registryEvents: RegistryEvents,
  ) {}

  async queue(
    principal: Principal,
    query: ComplaintQueueQuery,
  ): Promise<Page<ComplaintQueueItemDto>> {
    if (query.jurisdiction && !canRead(principal, query.jurisdiction)) {
      throw forbidden(`Your account does not handle complaints for ${query.jurisdiction}.`);
    }
    const builder = this.db.manager.createQueryBuilder(ComplaintEntity, 'c');
    if (query.jurisdiction) {
      builder.where('c.jurisdiction = :jurisdiction', { jurisdiction: query.jurisdiction });
    } else if (principal.role === 'regulator') {
      builder.where('c.jurisdiction IN (:...mine)', { mine: principal.jurisdictions });
    }
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.category) {
      builder.andWhere('c.categories @> ARRAY[:category]::text[]', { category: query.category });
    }
    if (query.recruiterId) {
      builder.andWhere('c.recruiterId = :recruiterId', { recruiterId: query.recruiterId });
    }
    if (query.olderThanDays !== undefined) {
      builder.andWhere('c.receivedAt <= :before', {
        before: new Date(Date.now() - query.olderThanDays * DAY_MS),
      });
    }
    // Counted up to a cap: past 1,000 waiting cases the exact number changes nothing for the
    // person working the queue, and counting 100,000 index entries per page view is what made
    // the queue slow (docs/benchmarks.md).
    const [countSql, countParams] = builder
      .clone()
      .select('1')
      .limit(QUEUE_COUNT_CAP + 1)
      .getQueryAndParameters();
    const counted = await this.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM (${countSql}) AS capped`,
      countParams,
    );
    const total = Number(counted[0]?.n ?? 0);
    // Oldest first: a queue is worked from its far end.
    const rows = await builder
      .select([
        'c.id',
        'c.reference',
        'c.jurisdiction',
        'c.status',
        'c.categories',
        'c.recruiterId',
        'c.recruiterName',
        'c.evidenceCount',
        'c.receivedAt',
        'c.updatedAt',
      ])
      .orderBy('c.receivedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getMany();
    const now = Date.now();
    return {
      items: rows.map((c) => ({
        id: c.id,
        reference: c.reference,
        jurisdiction: c.jurisdiction,
        status: c.status,
        categories: c.categories,
        recruiterId: c.recruiterId,
        recruiterName: c.recruiterName,
        evidenceCount: c.evidenceCount,
        receivedAt: c.receivedAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        ageDays: Math.floor((now - c.receivedAt.getTime()) / DAY_MS),
      })),
      total: Math.min(total, QUEUE_COUNT_CAP),
      totalCapped: total > QUEUE_COUNT_CAP,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: string): Promise<ComplaintCaseDto> {
    const complaint = await this.readable(this.db.manager, principal, id, false);
    return this.render(this.db.manager, complaint);
  }

  async transition(
    principal: Principal,
    id: string,
    input: ComplaintTransitionDto,
  ): Promise<ComplaintCaseDto> {
    const touched = new Set<string>();
    const result = await this.db.transaction(async (manager) => {
      const complaint = await this.writable(manager, principal, id);
      const from = complaint.status;
      if (!canTransitionComplaint(from, input.status)) {
        throw new DomainError(
          'invalid_complaint_transition',
          409,
          'Conflict',
          `A ${from} complaint cannot become ${input.status}.`,
        );
      }
      await this.checkTransitionFields(manager, complaint, input);
      const reason = input.reason.trim();
      const now = new Date();
      const owner = complaint.jurisdiction;

      if (input.status === 'referred' && input.referTo) {
        // Handed over: the other authority owns it and starts it as a new case.
        complaint.jurisdiction = input.referTo;
        complaint.status = 'received';
        complaint.outcome = null;
        await manager.insert(ComplaintEventEntity, {
          complaintId: id,
          kind: 'referred',
          actor: 'regulator',
          actorUserId: principal.userId,
          fromStatus: from,
          toStatus: 'received',
          fromJurisdiction: owner,
          toJurisdiction: input.referTo,
          reason,
        });
      } else {
        complaint.status = input.status;
        if (isOutcome(input.status)) complaint.outcome = input.status;
        await manager.insert(ComplaintEventEntity, {
          complaintId: id,
          kind: 'status_changed',
          actor: 'regulator',
          actorUserId: principal.userId,
          fromStatus: from,
          toStatus: input.status,
          reason,
        });
      }
      complaint.closedAt = complaint.status === 'closed' ? now : null;
      complaint.updatedAt = now;
      await manager.update(
        ComplaintEntity,
        { id },
        {
          jurisdiction: complaint.jurisdiction,
          status: complaint.status,
          outcome: complaint.outcome,
          closedAt: complaint.closedAt,
          updatedAt: now,
        },
      );
      await this.audit.append(manager, {
        chain: owner,
        actorId: principal.userId,
        action: input.referTo ? 'complaint.referred' : 'complaint.status_changed',
        entityType: 'complaint',
        entityId: id,
        // Jurisdiction chains are public, and a reason may name people: the chain holds its
        // hash, which proves the case file's wording was not changed afterwards.
        data: {
          from,
          to: input.status,
          reasonSha256: sha256Hex(reason),
          referTo: input.referTo ?? null,
        },
      });
      if (input.referTo) {
        await this.audit.append(manager, {
          chain: input.referTo,
          actorId: principal.userId,
          action: 'complaint.referral_received',
          entityType: 'complaint',
          entityId: id,
          data: { from: owner },
        });
      }
      if (input.recruiterStatus && complaint.recruiterId) {
        // The sanction commits with the decision that justifies it, or neither does.
        const changed = await this.recruiters.changeStatus(
          complaint.recruiterId,
          input.recruiterStatus,
          undefined,
          principal,
          manager,
        );
        touched.add(changed.body.jurisdiction);
      }
      return this.render(manager, complaint);
    });
    for (const jurisdiction of touched) this.registryEvents.changed(jurisdiction);
    return result;
  }

  async message(principal: Principal, id: string, message: string): Promise<TimelineEntryDto> {
    return this.db.transaction(async (manager) => {
      const complaint = await this.writable(manager, principal, id);
      if (complaint.status === 'closed') {
        throw new DomainError('complaint_closed', 409, 'Conflict', 'This complaint is closed.');
      }
      const event = await manager.save(
        manager.create(ComplaintEventEntity, {
          complaintId: id,
          kind: 'message',
          actor: 'regulator',
          actorUserId: principal.userId,
          message: message.trim(),
        }),
      );
      await manager.update(ComplaintEntity, { id }, { updatedAt: new Date() });
      await this.audit.append(manager, {
        chain: complaint.jurisdiction,
        actorId: principal.userId,
        action: 'complaint.message_sent',
        entityType: 'complaint',
        entityId: id,
        data: { messageEventId: event.id },
      });
      return toTimelineEntry(event, true);
    });
  }

  /** Every download is recorded: who opened which file of which case, and when. */
  async evidence(
    principal: Principal,
    id: string,
    evidenceId: string,
  ): Promise<{ bytes: Buffer; contentType: string; fileName: string | null }> {
    const record = await this.db.transaction(async (manager) => {
      const complaint = await this.readable(manager, principal, id, false);
      const evidence = await manager.findOneBy(ComplaintEvidenceEntity, {
        id: evidenceId,
        complaintId: id,
      });
      if (!evidence) throw notFound('evidence');
      await this.audit.append(manager, {
        chain: complaint.jurisdiction,
        actorId: principal.userId,
        action: 'complaint.evidence_downloaded',
        entityType: 'complaint',
        entityId: id,
        data: { evidenceId },
      });
      return evidence;
    });
    return {
      bytes: await this.storage.get(record.storageKey),
      contentType: record.contentType,
      fileName: record.fileName,
    };
  }

  private async checkTransitionFields(
    manager: EntityManager,
    complaint: ComplaintEntity,
    input: ComplaintTransitionDto,
  ): Promise<void> {
    if (input.referTo !== undefined) {
      if (input.status !== 'referred') {
        throw invalidInput([{ field: 'referTo', message: 'is only given with status "referred"' }]);
      }
      if (input.referTo === complaint.jurisdiction) {
        throw invalidInput([{ field: 'referTo', message: 'the complaint is already there' }]);
      }
      if (!(await manager.existsBy(JurisdictionEntity, { code: input.referTo }))) {
        throw invalidInput([
          { field: 'referTo', message: `${input.referTo} has no registry here` },
        ]);
      }
    }
    if (input.recruiterStatus !== undefined) {
      if (input.status !== 'substantiated') {
        throw invalidInput([
          { field: 'recruiterStatus', message: 'is only given with status "substantiated"' },
        ]);
      }
      if (!complaint.recruiterId) {
        throw invalidInput([
          {
            field: 'recruiterStatus',
            message: 'this complaint is not about a registered recruiter',
          },
        ]);
      }
    }
  }

  private async readable(
    manager: EntityManager,
    principal: Principal,
    id: string,
    lock: boolean,
  ): Promise<ComplaintEntity> {
    const complaint = await manager.findOne(ComplaintEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!complaint || !canRead(principal, complaint.jurisdiction)) throw notFound('complaint');
    return complaint;
  }

  /** Locked for the rest of the transaction; observers may read but never act. */
  private async writable(manager: EntityManager, principal: Principal, id: string) {
    const complaint = await this.readable(manager, principal, id, true);
    assertCanWrite(principal, complaint.jurisdiction);
    return complaint;
  }

  private async render(
    manager: EntityManager,
    complaint: ComplaintEntity,
  ): Promise<ComplaintCaseDto> {
    const sealed = await manager
      .createQueryBuilder(ComplaintEntity, 'c')
      .select(['c.id'])
      .addSelect(['c.contactCiphertext', 'c.contactKeyId'])
      .where('c.id = :id', { id: complaint.id })
      .getOneOrFail();
    const { jurisdiction, events, evidence } = await loadCaseFile(manager, complaint);
    const contact =
      sealed.contactCiphertext && sealed.contactKeyId
        ? (JSON.parse(
            this.sealing
              .open(sealed.contactCiphertext, sealed.contactKeyId, complaint.id)
              .toString('utf8'),
          ) as ComplaintCaseDto['contact'])
        : null;
    return {
      id: complaint.id,
      reference: complaint.reference,
      jurisdiction: complaint.jurisdiction,
      authority: authorityOf(jurisdiction),
      status: complaint.status,
      outcome: complaint.outcome,
      categories: complaint.categories,
      recruiterId: complaint.recruiterId,
      recruiterName: complaint.recruiterName,
      reportedRecruiter: (complaint.reportedRecruiter as Record<string, string> | null) ?? null,
      description: complaint.description,
      adUrl: complaint.adUrl,
      fees: complaint.fees,
      contact,
      receivedAt: complaint.receivedAt.toISOString(),
      updatedAt: complaint.updatedAt.toISOString(),
      closedAt: complaint.closedAt?.toISOString() ?? null,
      timeline: events.map((event) => toTimelineEntry(event, true)),
      evidence: evidence.map(toEvidenceSummary),
    };
  }
}
