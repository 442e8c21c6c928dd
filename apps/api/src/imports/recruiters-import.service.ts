import { normalizedNamesOf } from '@fair-recruit/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { assertCanWrite, type Principal } from '../auth/principal.js';
import { conflict, DomainError, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import { toRecruiterDto } from '../recruiters/recruiter.mapper.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import type { ImportResultDto } from './dto/import.dto.js';
import { readImportCsv, type ImportError } from './import-csv.js';
import {
  planImport,
  type ExistingRecruiter,
  type ImportPlan,
  type PlannedCreate,
  type PlannedUpdate,
} from './import-plan.js';
import { readImportRow, type ImportRecord, type RecruiterFields } from './import-rows.js';

/** Rows per multi-row statement: large enough to be cheap per row, small enough for one message. */
const WRITE_BATCH = 2000;
/** Field errors listed in an answer; `invalid` still counts every bad row. */
export const MAX_LISTED_ERRORS = 1000;

const REGISTERED_REASON = 'Registered by CSV import';

type AuditEntry = Omit<AuditRecord, 'chain'>;

const EXISTING_SQL = `SELECT id, registration_number AS "registrationNumber", registration_key AS "registrationKey",
    kind, sector, legal_name AS "legalName", trading_names AS "tradingNames", domains,
    email_domains AS "emailDomains", phones, address, authorized_from::text AS "authorizedFrom",
    authorized_until::text AS "authorizedUntil", conditions, status, version,
    status_changed_at AS "statusChangedAt"
  FROM recruiters WHERE jurisdiction = $1 AND registration_key = ANY($2::text[])`;

function* batches<T>(items: readonly T[], size = WRITE_BATCH): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** A record's columns as `jsonb_populate_recordset(NULL::recruiters, …)` reads them. */
function recruiterColumns(values: RecruiterFields) {
  return {
    kind: values.kind,
    sector: values.sector,
    legal_name: values.legalName,
    trading_names: values.tradingNames,
    domains: values.domains,
    email_domains: values.emailDomains,
    phones: values.phones,
    address: values.address,
    authorized_from: values.authorizedFrom,
    authorized_until: values.authorizedUntil,
    conditions: values.conditions,
  };
}

interface HistoryRow {
  recruiter_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  decision_reference: string | null;
  changed_by: string | null;
  changed_at: string;
  carried_over: boolean;
}

/**
 * Imports a registry from CSV: every row is checked with the registration's rules before
 * anything is written, then all of it commits in one transaction or none of it does. Records
 * are matched by registration number; identical ones are left alone, so importing the same
 * file again changes nothing and adds nothing to the audit chain.
 */
@Injectable()
export class RecruitersImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: RegistryEvents,
  ) {}

  async import(
    jurisdiction: string,
    bytes: Uint8Array,
    dryRun: boolean,
    principal: Principal,
  ): Promise<ImportResultDto> {
    const plan = await this.checkedPlan(jurisdiction, bytes, principal);
    const counts = {
      rows: plan.rows,
      valid: plan.rows - plan.invalid,
      invalid: plan.invalid,
      toCreate: plan.creates.length,
      toUpdate: plan.updates.length,
      unchanged: plan.unchanged,
      problemCount: plan.errors.length,
    };
    const errors = plan.errors.slice(0, MAX_LISTED_ERRORS);
    if (dryRun) return { dryRun: true, ...counts, errors };
    if (plan.invalid > 0) {
      throw new DomainError(
        'import_rows_invalid',
        400,
        'Invalid rows',
        `${plan.invalid} of ${plan.rows} rows are invalid; nothing was imported.` +
          (plan.errors.length > errors.length
            ? ` The first ${errors.length} errors are listed.`
            : ''),
        errors,
      );
    }
    if (plan.creates.length === 0 && plan.updates.length === 0) {
      return { dryRun: false, ...counts, errors: [] };
    }
    const importId = randomUUID();
    const fileSha256 = createHash('sha256').update(bytes).digest('hex');
    await this.db.transaction((manager) =>
      this.apply(manager, jurisdiction, plan, principal, { importId, fileSha256, counts }),
    );
    this.events.changed(jurisdiction);
    return { dryRun: false, importId, ...counts, errors: [] };
  }

  /**
   * Every problem in a file, not only the first MAX_LISTED_ERRORS: a regulator fixing a large
   * spreadsheet works from the whole list. A dry run: nothing is written.
   */
  async problems(
    jurisdiction: string,
    bytes: Uint8Array,
    principal: Principal,
  ): Promise<ImportError[]> {
    return (await this.checkedPlan(jurisdiction, bytes, principal)).errors;
  }

  private async checkedPlan(
    jurisdiction: string,
    bytes: Uint8Array,
    principal: Principal,
  ): Promise<ImportPlan> {
    assertCanWrite(principal, jurisdiction);
    if (!(await this.db.manager.existsBy(JurisdictionEntity, { code: jurisdiction }))) {
      throw notFound('jurisdiction', `No registry for ${jurisdiction} is kept here.`);
    }
    return this.plan(jurisdiction, bytes);
  }

  private async plan(jurisdiction: string, bytes: Uint8Array): Promise<ImportPlan> {
    const table = readImportCsv(bytes);
    const records: ImportRecord[] = [];
    const rowErrors: ImportError[] = [...table.errors];
    for (const row of table.rows) {
      const result = await readImportRow(jurisdiction, table.columns, row);
      if ('record' in result) records.push(result.record);
      else rowErrors.push(...result.errors);
    }
    const existing = new Map<string, ExistingRecruiter>();
    for (const batch of batches(records, 20_000)) {
      const rows = await this.db.query<ExistingRecruiter[]>(EXISTING_SQL, [
        jurisdiction,
        batch.map((r) => r.registrationKey),
      ]);
      for (const row of rows) existing.set(row.registrationKey, row);
    }
    return planImport(table.rows.length + table.errors.length, records, rowErrors, existing);
  }

  private async apply(
    manager: EntityManager,
    jurisdiction: string,
    plan: ImportPlan,
    principal: Principal,
    summary: { importId: string; fileSha256: string; counts: Record<string, number> },
  ): Promise<void> {
    const now = new Date();
    // A new record's status entry must sort after its registration entry.
    const decidedAt = new Date(now.getTime() + 1);
    const actorId = principal.userId;
    const audit: AuditEntry[] = [];
    const history: HistoryRow[] = [];
    const renamed: { id: string; values: RecruiterFields }[] = [];

    const created = plan.creates.map((create) => ({ id: randomUUID(), ...create }));
    for (const batch of batches(created)) {
      await manager.query(
        `INSERT INTO recruiters (id, jurisdiction, registration_number, registration_key, kind, sector,
           legal_name, trading_names, domains, email_domains, phones, address, authorized_from,
           authorized_until, conditions, status, status_changed_at, created_at, updated_at)
         SELECT id, jurisdiction, registration_number, registration_key, kind, sector,
           legal_name, trading_names, domains, email_domains, phones, address, authorized_from,
           authorized_until, conditions, status, status_changed_at, created_at, updated_at
           FROM jsonb_populate_recordset(NULL::recruiters, $1::jsonb)`,
        [
          JSON.stringify(
            batch.map((c) => ({
              id: c.id,
              jurisdiction,
              registration_number: c.registrationNumber,
              registration_key: c.registrationKey,
              ...recruiterColumns(c.values),
              status: c.decision?.to ?? 'pending',
              status_changed_at: (c.decision ? decidedAt : now).toISOString(),
              created_at: now.toISOString(),
              updated_at: now.toISOString(),
            })),
          ),
        ],
      );
    }
    for (const c of created) {
      history.push({
        recruiter_id: c.id,
        from_status: null,
        to_status: 'pending',
        reason: REGISTERED_REASON,
        decision_reference: null,
        changed_by: actorId,
        changed_at: now.toISOString(),
        carried_over: true,
      });
      audit.push({
        actorId,
        action: 'recruiter.registered',
        entityType: 'recruiter',
        entityId: c.id,
        data: { ...this.publicFields(c, jurisdiction, now), importId: summary.importId },
      });
      if (c.decision) {
        history.push(this.historyRow(c.id, c.decision, actorId, decidedAt, true));
        audit.push(this.statusAudit(c.id, c.decision, actorId, summary.importId));
      }
    }

    for (const batch of batches(plan.updates)) {
      // TypeORM answers an UPDATE with [rows, affected row count].
      const [, updated] = await manager.query<[unknown[], number]>(
        `UPDATE recruiters r SET kind = t.kind, sector = t.sector, legal_name = t.legal_name,
           trading_names = t.trading_names, domains = t.domains, email_domains = t.email_domains,
           phones = t.phones, address = t.address, authorized_from = t.authorized_from,
           authorized_until = t.authorized_until, conditions = t.conditions, status = t.status,
           status_changed_at = t.status_changed_at, version = r.version + 1, updated_at = t.updated_at
         FROM jsonb_populate_recordset(NULL::recruiters, $1::jsonb) AS t
         WHERE r.id = t.id AND r.version = t.version`,
        [
          JSON.stringify(
            batch.map((u) => ({
              id: u.existing.id,
              version: u.existing.version,
              ...recruiterColumns(u.values),
              status: u.decision?.to ?? u.existing.status,
              status_changed_at: (u.decision
                ? now
                : new Date(u.existing.statusChangedAt)
              ).toISOString(),
              updated_at: now.toISOString(),
            })),
          ),
        ],
      );
      if (updated !== batch.length) {
        throw conflict(
          'import_conflict',
          'Some records changed while the file was being imported; nothing was imported. Run the import again.',
        );
      }
    }
    for (const u of plan.updates) {
      if (u.changed.includes('legalName') || u.changed.includes('tradingNames')) {
        renamed.push({ id: u.existing.id, values: u.values });
      }
      if (u.changed.length > 0) audit.push(this.updateAudit(u, actorId, summary.importId));
      if (u.decision) {
        history.push(this.historyRow(u.existing.id, u.decision, actorId, now, false));
        audit.push(this.statusAudit(u.existing.id, u.decision, actorId, summary.importId));
      }
    }

    await this.writeNames(manager, jurisdiction, created, renamed);
    for (const batch of batches(history)) {
      await manager.query(
        `INSERT INTO recruiter_status_changes (recruiter_id, from_status, to_status, reason,
           decision_reference, changed_by, changed_at, carried_over)
         SELECT recruiter_id, from_status, to_status, reason, decision_reference, changed_by,
           changed_at, carried_over
           FROM jsonb_populate_recordset(NULL::recruiter_status_changes, $1::jsonb)`,
        [JSON.stringify(batch)],
      );
    }
    audit.push({
      actorId,
      action: 'recruiters.imported',
      entityType: 'import',
      entityId: summary.importId,
      data: {
        ...summary.counts,
        statusChanges: history.filter((h) => h.from_status !== null).length,
        fileSha256: summary.fileSha256,
      },
    });
    await this.audit.appendMany(manager, jurisdiction, audit);
  }

  /** Normalized names for search: written for new records, replaced for renamed ones. */
  private async writeNames(
    manager: EntityManager,
    jurisdiction: string,
    created: { id: string; values: RecruiterFields }[],
    renamed: { id: string; values: RecruiterFields }[],
  ): Promise<void> {
    if (renamed.length > 0) {
      await manager.query(`DELETE FROM recruiter_names WHERE recruiter_id = ANY($1::uuid[])`, [
        renamed.map((r) => r.id),
      ]);
    }
    const rows = [...created, ...renamed].flatMap((r) =>
      normalizedNamesOf(r.values.legalName, r.values.tradingNames).map((n) => [r.id, n] as const),
    );
    for (const batch of batches(rows, 10_000)) {
      await manager.query(
        `INSERT INTO recruiter_names (recruiter_id, normalized, jurisdiction)
         SELECT id, normalized, $3 FROM unnest($1::uuid[], $2::text[]) AS t(id, normalized)`,
        [batch.map((r) => r[0]), batch.map((r) => r[1]), jurisdiction],
      );
    }
  }

  /** What `recruiter.registered` records for a registration through the API: the public record. */
  private publicFields(
    c: PlannedCreate & { id: string },
    jurisdiction: string,
    now: Date,
  ): Record<string, unknown> {
    return {
      ...toRecruiterDto({
        id: c.id,
        jurisdiction,
        registrationNumber: c.registrationNumber,
        ...c.values,
        status: 'pending',
        statusChangedAt: now,
        updatedAt: now,
      }),
    };
  }

  private historyRow(
    id: string,
    decision: NonNullable<PlannedCreate['decision']>,
    actorId: string | null,
    at: Date,
    carriedOver: boolean,
  ): HistoryRow {
    return {
      recruiter_id: id,
      from_status: decision.from,
      to_status: decision.to,
      reason: decision.reason,
      decision_reference: decision.reference,
      changed_by: actorId,
      changed_at: at.toISOString(),
      carried_over: carriedOver,
    };
  }

  private statusAudit(
    id: string,
    decision: NonNullable<PlannedCreate['decision']>,
    actorId: string | null,
    importId: string,
  ): AuditEntry {
    return {
      actorId,
      action: 'recruiter.status_changed',
      entityType: 'recruiter',
      entityId: id,
      data: {
        from: decision.from,
        to: decision.to,
        reason: decision.reason,
        reference: decision.reference,
        importId,
      },
    };
  }

  /** As `PATCH /recruiters/:id` records it: each changed public field, from and to. */
  private updateAudit(u: PlannedUpdate, actorId: string | null, importId: string): AuditEntry {
    return {
      actorId,
      action: 'recruiter.updated',
      entityType: 'recruiter',
      entityId: u.existing.id,
      data: {
        changed: Object.fromEntries(
          u.changed.map((field) => [field, { from: u.existing[field], to: u.values[field] }]),
        ),
        importId,
      },
    };
  }
}
