import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, DomainError } from '../../common/domain-error.js';
import { ComplaintEventEntity } from '../complaint-event.entity.js';
import { loadCaseFile } from '../case-file.js';
import { ComplaintEntity } from '../complaint.entity.js';
import {
  toEvidenceSummary,
  toTimelineEntry,
  type ComplaintFollowUpDto,
  type TimelineEntryDto,
} from '../dto/complaint-view.dto.js';
import {
  DECOY_RECEIPT_HASH,
  normalizeReceiptCode,
  normalizeReference,
  verifyReceiptCode,
} from '../receipt-codes.js';
import {
  assertRoomForEvidence,
  authorityOf,
  ComplaintIntakeService,
  inspectAll,
  type UploadedFile,
} from './complaint-intake.service.js';

/**
 * Every failed check takes at least this long and answers the same 404, whether the reference
 * exists or not: timing and wording tell a guesser nothing, and guessing is slow.
 */
export const FAILED_CHECK_FLOOR_MS = 400;

const notFoundOrWrongCode = () =>
  new DomainError(
    'complaint_not_found',
    404,
    'Not found',
    'No complaint matches this reference and receipt code. Check both and try again.',
  );

/** The complainant's side of a case: read it, answer the regulator, add evidence. No account. */
@Injectable()
export class ComplaintFollowUpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: ComplaintIntakeService,
  ) {}

  async view(reference: string, receiptCode: string | undefined): Promise<ComplaintFollowUpDto> {
    const complaint = await this.authenticate(reference, receiptCode);
    return this.render(this.db.manager, complaint);
  }

  async addMessage(
    reference: string,
    receiptCode: string | undefined,
    message: string,
  ): Promise<TimelineEntryDto> {
    const complaint = await this.authenticate(reference, receiptCode);
    return this.db.transaction(async (manager) => {
      await this.lockOpen(manager, complaint.id);
      const event = await manager.save(
        manager.create(ComplaintEventEntity, {
          complaintId: complaint.id,
          kind: 'message',
          actor: 'complainant',
          message: message.trim(),
        }),
      );
      await manager.update(ComplaintEntity, { id: complaint.id }, { updatedAt: new Date() });
      return toTimelineEntry(event, false);
    });
  }

  async addEvidence(
    reference: string,
    receiptCode: string | undefined,
    files: UploadedFile[],
  ): Promise<ComplaintFollowUpDto> {
    const complaint = await this.authenticate(reference, receiptCode);
    if (files.length === 0) {
      throw new DomainError('validation_failed', 400, 'Invalid request', 'No file was sent.', [
        { field: 'evidence', message: 'attach at least one file' },
      ]);
    }
    const inspected = await inspectAll(files, complaint.evidenceCount);
    const stored = await this.intake.storeFiles(inspected);
    try {
      return await this.db.transaction(async (manager) => {
        const locked = await this.lockOpen(manager, complaint.id);
        // Re-checked under the row lock: two uploads at once must not pass ten together.
        assertRoomForEvidence(locked.evidenceCount, stored.length);
        await this.intake.insertEvidence(manager, complaint.id, stored, 'complainant', true);
        await manager.update(
          ComplaintEntity,
          { id: complaint.id },
          { evidenceCount: locked.evidenceCount + stored.length, updatedAt: new Date() },
        );
        return this.render(manager, {
          ...locked,
          evidenceCount: locked.evidenceCount + stored.length,
        });
      });
    } catch (error) {
      await this.intake.discardFiles(stored);
      throw error;
    }
  }

  private async authenticate(
    reference: string,
    receiptCode: string | undefined,
  ): Promise<ComplaintEntity> {
    const started = Date.now();
    const canonicalReference = normalizeReference(reference);
    const canonicalCode = receiptCode ? normalizeReceiptCode(receiptCode) : null;
    const found = canonicalReference
      ? await this.db.manager
          .createQueryBuilder(ComplaintEntity, 'c')
          .addSelect('c.receiptHash')
          .where('c.reference = :reference', { reference: canonicalReference })
          .getOne()
      : null;
    // The hash is always computed, against a decoy when there is no such complaint.
    const valid = await verifyReceiptCode(
      found?.receiptHash ?? DECOY_RECEIPT_HASH,
      canonicalCode ?? 'not-a-code',
    );
    if (found && valid && canonicalCode) return found;
    await sleep(Math.max(0, FAILED_CHECK_FLOOR_MS - (Date.now() - started)));
    throw notFoundOrWrongCode();
  }

  private async lockOpen(manager: EntityManager, id: string): Promise<ComplaintEntity> {
    const locked = await manager.findOneOrFail(ComplaintEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (locked.status === 'closed') {
      throw conflict(
        'complaint_closed',
        'This complaint is closed; contact the authority directly.',
      );
    }
    return locked;
  }

  private async render(
    manager: EntityManager,
    complaint: ComplaintEntity,
  ): Promise<ComplaintFollowUpDto> {
    const { jurisdiction, events, evidence } = await loadCaseFile(manager, complaint);
    return {
      reference: complaint.reference,
      status: complaint.status,
      outcome: complaint.outcome,
      jurisdiction: complaint.jurisdiction,
      authority: authorityOf(jurisdiction),
      categories: complaint.categories,
      recruiterName: complaint.recruiterName,
      receivedAt: complaint.receivedAt.toISOString(),
      updatedAt: complaint.updatedAt.toISOString(),
      timeline: events.map((event) => toTimelineEntry(event, false)),
      evidence: evidence.map(toEvidenceSummary),
    };
  }
}
