import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import canonicalize from 'canonicalize';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, invalidInput, type FieldError } from '../../common/domain-error.js';
import {
  EVIDENCE_MAX_FILES,
  inspectEvidence,
  type InspectedEvidence,
} from '../../evidence/evidence-inspector.js';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../../evidence/evidence-storage.js';
import { JurisdictionEntity } from '../../jurisdictions/jurisdiction.entity.js';
import { RecruiterEntity } from '../../recruiters/recruiter.entity.js';
import { ComplaintEventEntity } from '../complaint-event.entity.js';
import { ComplaintEvidenceEntity } from '../complaint-evidence.entity.js';
import { countryOfUrl } from '../complaint-routing.js';
import { ComplaintEntity } from '../complaint.entity.js';
import type {
  ComplaintAuthorityDto,
  ComplaintReceiptDto,
  CreateComplaintDto,
} from '../dto/create-complaint.dto.js';
import {
  hashReceiptCode,
  newReceiptCode,
  newReference,
  normalizeReceiptCode,
} from '../receipt-codes.js';
import { SealingKeys } from '../sealing-keys.js';
import { IdempotencyStore, sha256Hex } from './idempotency-store.js';

const JURISDICTION_CACHE_MS = 60_000;

/** A file as it arrived in a multipart upload, before it is checked. */
export interface UploadedFile {
  field: string;
  fileName: string | null;
  bytes: Buffer;
}

interface Routing {
  jurisdiction: JurisdictionEntity;
  recruiter: RecruiterEntity | null;
}

export interface SubmissionResult {
  answer: ComplaintReceiptDto;
  replayed: boolean;
}

/**
 * Takes complaints from health workers. Nothing is acknowledged before it is durable: evidence
 * files are written (and synced) first, then the complaint, its first timeline entry, its
 * evidence records and its idempotency record commit in one transaction, then the 201 goes out.
 */
@Injectable()
export class ComplaintIntakeService {
  private readonly logger = new Logger(ComplaintIntakeService.name);
  private readonly jurisdictions = new Map<string, { entity: JurisdictionEntity; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly sealing: SealingKeys,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async submit(
    input: CreateComplaintDto,
    files: UploadedFile[],
    idempotencyKey: string | undefined,
  ): Promise<SubmissionResult> {
    if (idempotencyKey === undefined) {
      return { answer: (await this.create(input, files))!, replayed: false };
    }
    // "The same request": the same complaint and the same files, whatever the JSON key order.
    const requestHash = sha256Hex(
      canonicalize({ complaint: input, evidence: files.map((f) => sha256Hex(f.bytes)) })!,
    );
    const keyHash = this.idempotency.keyHash(idempotencyKey);
    const release = this.idempotency.claim(keyHash);
    try {
      const race: { winner: ComplaintReceiptDto | null } = { winner: null };
      const answer = await this.create(
        input,
        files,
        async (manager) => {
          await this.idempotency.lock(manager, keyHash);
          // The look under the lock decides: a retry (or another instance) that finds an answer
          // committed for this key replays it, and the work done before the lock is discarded.
          race.winner = await this.idempotency.replay(
            manager,
            idempotencyKey,
            keyHash,
            requestHash,
          );
          return race.winner === null;
        },
        (manager, complaintId, first) =>
          this.idempotency.record(
            manager,
            idempotencyKey,
            keyHash,
            requestHash,
            complaintId,
            first,
          ),
      );
      return answer ? { answer, replayed: false } : { answer: race.winner!, replayed: true };
    } finally {
      release();
    }
  }

  private async create(
    input: CreateComplaintDto,
    files: UploadedFile[],
    proceed?: (manager: EntityManager) => Promise<boolean>,
    remember?: (
      manager: EntityManager,
      complaintId: string,
      answer: ComplaintReceiptDto,
    ) => Promise<void>,
  ): Promise<ComplaintReceiptDto | null> {
    const routing = await this.route(input);
    const evidence = await inspectAll(files, 0);
    const receipt = newReceiptCode();
    const receiptHash = await hashReceiptCode(normalizeReceiptCode(receipt)!);
    const id = randomUUID();
    const stored = await this.storeFiles(evidence);
    try {
      const result = await this.db.transaction(async (manager) => {
        if (proceed && !(await proceed(manager))) return null;
        const reference = await this.insertComplaint(manager, {
          id,
          receiptHash,
          jurisdiction: routing.jurisdiction.code,
          recruiterId: routing.recruiter?.id ?? null,
          reportedRecruiter: routing.recruiter ? null : reportedRecruiterOf(input),
          recruiterName: routing.recruiter?.legalName ?? input.recruiter?.name?.trim() ?? null,
          categories: input.categories,
          description: input.description,
          adUrl: input.adUrl ?? null,
          fees: (input.fees ?? []).map((fee) => ({ ...fee })),
          ...this.sealedContact(id, input),
          evidenceCount: evidence.length,
        });
        await this.insertEvidence(manager, id, stored, 'complainant', false);
        const answer: ComplaintReceiptDto = {
          reference,
          receipt,
          jurisdiction: routing.jurisdiction.code,
          authority: authorityOf(routing.jurisdiction),
          status: 'received',
        };
        await remember?.(manager, id, answer);
        return answer;
      });
      // Null: another request with the same key won; the caller replays its answer.
      if (result === null) await this.discardFiles(stored);
      return result;
    } catch (error) {
      await this.discardFiles(stored);
      throw error;
    }
  }

  /** Routing: the recruiter's registry; else the jurisdiction named; else the ad's country. */
  private async route(input: CreateComplaintDto): Promise<Routing> {
    const errors: FieldError[] = [];
    if (input.recruiterId && input.recruiter) {
      errors.push({
        field: 'recruiter',
        message: 'give either recruiterId or recruiter, not both',
      });
    }
    if (!input.recruiterId && !hasAnyDetail(input)) {
      errors.push({
        field: 'recruiter',
        message:
          'say who the complaint is about: recruiterId for a registered recruiter, or at least one of recruiter.name, recruiter.website, recruiter.email, recruiter.phone or adUrl',
      });
    }
    if ((input.fees?.length ?? 0) > 0 && !input.categories.includes('worker_fees')) {
      errors.push({ field: 'fees', message: 'fees are recorded with the worker_fees category' });
    }
    if (errors.length > 0) throw invalidInput(errors);

    if (input.recruiterId) {
      const recruiter = await this.db.manager.findOneBy(RecruiterEntity, { id: input.recruiterId });
      if (!recruiter) {
        throw invalidInput([
          { field: 'recruiterId', message: 'no registered recruiter has this id' },
        ]);
      }
      return { jurisdiction: (await this.jurisdiction(recruiter.jurisdiction))!, recruiter };
    }
    const code =
      input.jurisdiction ?? countryOfUrl(input.adUrl) ?? countryOfUrl(input.recruiter?.website);
    if (!code) {
      throw invalidInput([
        {
          field: 'jurisdiction',
          message:
            'name the country whose authority should handle this: the recruiter is not registered and the ad’s address does not tell',
        },
      ]);
    }
    const jurisdiction = await this.jurisdiction(code);
    if (!jurisdiction) {
      throw invalidInput([
        {
          field: 'jurisdiction',
          message: `${code} has no registry here; choose a jurisdiction from GET /api/v1/jurisdictions`,
        },
      ]);
    }
    return { jurisdiction, recruiter: null };
  }

  /**
   * Jurisdictions (and the authority an answer names) change a few times a year; a short cache
   * spares every submission a query. Unknown codes are not cached, so a new one is found at once.
   */
  private async jurisdiction(code: string): Promise<JurisdictionEntity | null> {
    const cached = this.jurisdictions.get(code);
    if (cached && cached.until > Date.now()) return cached.entity;
    const entity = await this.db.manager.findOneBy(JurisdictionEntity, { code });
    if (entity) this.jurisdictions.set(code, { entity, until: Date.now() + JURISDICTION_CACHE_MS });
    return entity;
  }

  /**
   * The complaint and its first timeline entry in one statement (a submission is mostly round
   * trips). A 40-bit reference can collide: on a clash nothing is inserted and another is drawn.
   */
  private async insertComplaint(
    manager: EntityManager,
    values: Pick<
      ComplaintEntity,
      | 'id'
      | 'receiptHash'
      | 'jurisdiction'
      | 'recruiterId'
      | 'reportedRecruiter'
      | 'recruiterName'
      | 'categories'
      | 'description'
      | 'adUrl'
      | 'fees'
      | 'contactCiphertext'
      | 'contactKeyId'
      | 'evidenceCount'
    >,
  ): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const reference = newReference();
      const rows = await manager.query<{ id: string }[]>(
        `WITH complaint AS (
           INSERT INTO complaints (id, reference, receipt_hash, jurisdiction, recruiter_id,
             reported_recruiter, recruiter_name, categories, description, ad_url, fees,
             contact_ciphertext, contact_key_id, status, evidence_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'received', $14)
           ON CONFLICT (reference) DO NOTHING
           RETURNING id, jurisdiction)
         INSERT INTO complaint_events (complaint_id, kind, actor, to_status, to_jurisdiction)
         SELECT id, 'submitted', 'complainant', 'received', jurisdiction FROM complaint
         RETURNING complaint_id AS id`,
        [
          values.id,
          reference,
          values.receiptHash,
          values.jurisdiction,
          values.recruiterId,
          values.reportedRecruiter === null ? null : JSON.stringify(values.reportedRecruiter),
          values.recruiterName,
          values.categories,
          values.description,
          values.adUrl,
          JSON.stringify(values.fees),
          values.contactCiphertext,
          values.contactKeyId,
          values.evidenceCount,
        ],
      );
      if (rows.length === 1) return reference;
    }
    throw new Error('could not draw an unused complaint reference');
  }

  private sealedContact(id: string, input: CreateComplaintDto) {
    const contact = input.contact;
    if (!contact || !(contact.name || contact.email || contact.phone)) {
      return { contactCiphertext: null, contactKeyId: null };
    }
    const { ciphertext, keyId } = this.sealing.seal(Buffer.from(JSON.stringify(contact)), id);
    return { contactCiphertext: ciphertext, contactKeyId: keyId };
  }

  async storeFiles(evidence: (InspectedEvidence & { fileName: string | null })[]) {
    const stored: (InspectedEvidence & { fileName: string | null; id: string })[] = [];
    try {
      for (const file of evidence) {
        const id = randomUUID();
        await this.storage.put(id, file.bytes, file.contentType);
        stored.push({ ...file, id });
      }
    } catch (error) {
      await this.discardFiles(stored);
      throw error;
    }
    return stored;
  }

  async discardFiles(stored: { id: string }[]): Promise<void> {
    for (const file of stored) {
      await this.storage.delete(file.id).catch((error: unknown) => {
        // The file id alone: it says nothing about who sent it or what it shows.
        this.logger.warn(`could not remove orphaned evidence ${file.id}: ${String(error)}`);
      });
    }
  }

  async insertEvidence(
    manager: EntityManager,
    complaintId: string,
    stored: (InspectedEvidence & { fileName: string | null; id: string })[],
    addedBy: 'complainant' | 'regulator',
    withTimeline: boolean,
  ): Promise<void> {
    for (const file of stored) {
      await manager.insert(ComplaintEvidenceEntity, {
        id: file.id,
        complaintId,
        storageKey: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.size,
        sha256: file.sha256,
        receivedSha256: file.receivedSha256,
        addedBy,
      });
      if (withTimeline) {
        await manager.insert(ComplaintEventEntity, {
          complaintId,
          kind: 'evidence_added',
          actor: addedBy,
          evidenceId: file.id,
        });
      }
    }
  }
}

/** Checks every file; all bad files are named at once. */
export async function inspectAll(
  files: UploadedFile[],
  alreadyAttached: number,
): Promise<(InspectedEvidence & { fileName: string | null })[]> {
  assertRoomForEvidence(alreadyAttached, files.length);
  const errors: FieldError[] = [];
  const inspected: (InspectedEvidence & { fileName: string | null })[] = [];
  for (const file of files) {
    try {
      inspected.push({
        ...(await inspectEvidence(file.bytes, file.field)),
        fileName: file.fileName,
      });
    } catch (error) {
      if (error instanceof DomainError && error.errors) errors.push(...error.errors);
      else throw error;
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return inspected;
}

export function assertRoomForEvidence(alreadyAttached: number, adding: number): void {
  if (alreadyAttached + adding > EVIDENCE_MAX_FILES) {
    throw invalidInput([
      {
        field: 'evidence',
        message: `at most ${EVIDENCE_MAX_FILES} files per complaint (${alreadyAttached} already attached)`,
      },
    ]);
  }
}

function hasAnyDetail(input: CreateComplaintDto): boolean {
  const r = input.recruiter;
  return Boolean(r?.name?.trim() || r?.website || r?.email || r?.phone || input.adUrl);
}

function reportedRecruiterOf(input: CreateComplaintDto) {
  const r = input.recruiter ?? {};
  return Object.fromEntries(
    Object.entries({
      name: r.name?.trim(),
      website: r.website,
      email: r.email,
      phone: r.phone,
    }).filter(([, value]) => value !== undefined && value !== ''),
  );
}

export function authorityOf(jurisdiction: JurisdictionEntity): ComplaintAuthorityDto {
  return {
    name: jurisdiction.authorityName,
    website: jurisdiction.authorityWebsite,
    email: jurisdiction.authorityEmail,
  };
}
