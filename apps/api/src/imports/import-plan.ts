import { canTransition, type StoredStatus } from '@fair-recruit/domain';
import { DomainError } from '../common/domain-error.js';
import { validateInput } from '../common/validation.js';
import { ChangeStatusDto } from '../recruiters/dto/change-status.dto.js';
import type { PostalAddress } from '../recruiters/recruiter.entity.js';
import type { ImportError } from './import-csv.js';
import type { AddressPart, ImportRecord, RecruiterFields } from './import-rows.js';

/** A record already in the registry, as the import compares it. */
export interface ExistingRecruiter extends RecruiterFields {
  id: string;
  registrationNumber: string;
  registrationKey: string;
  status: StoredStatus;
  version: number;
  statusChangedAt: Date;
}

export interface StatusDecision {
  from: StoredStatus;
  to: StoredStatus;
  reason: string;
  reference: string | null;
}

export interface PlannedCreate {
  row: number;
  registrationNumber: string;
  registrationKey: string;
  values: RecruiterFields;
  /** pending → the file's status; null when the file leaves it pending. */
  decision: StatusDecision | null;
}

export interface PlannedUpdate {
  row: number;
  existing: ExistingRecruiter;
  values: RecruiterFields;
  changed: (keyof RecruiterFields)[];
  decision: StatusDecision | null;
}

export interface ImportPlan {
  rows: number;
  invalid: number;
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Sorted by row. */
  errors: ImportError[];
}

const ADDRESS_PARTS: readonly AddressPart[] = ['street', 'city', 'region', 'postalCode', 'country'];

const FIELD_NAMES: readonly (keyof RecruiterFields)[] = [
  'kind',
  'sector',
  'legalName',
  'tradingNames',
  'domains',
  'emailDomains',
  'phones',
  'address',
  'authorizedFrom',
  'authorizedUntil',
  'conditions',
];

/** Parts in one order, empty parts dropped, no parts at all as null: how two addresses compare. */
export function normalizeAddress(
  address: Partial<Record<AddressPart, string | null | undefined>> | null,
): PostalAddress | null {
  if (!address) return null;
  const result: PostalAddress = {};
  for (const part of ADDRESS_PARTS) {
    const value = address[part];
    if (typeof value === 'string' && value !== '') result[part] = value;
  }
  return Object.keys(result).length > 0 ? result : null;
}

function same(field: keyof RecruiterFields, a: RecruiterFields, b: RecruiterFields): boolean {
  if (field === 'address') {
    return (
      JSON.stringify(normalizeAddress(a.address)) === JSON.stringify(normalizeAddress(b.address))
    );
  }
  const x = a[field];
  const y = b[field];
  if (Array.isArray(x) && Array.isArray(y)) {
    return x.length === y.length && x.every((value, i) => value === y[i]);
  }
  return x === y;
}

const EMPTY: Omit<RecruiterFields, 'kind' | 'sector' | 'legalName'> = {
  tradingNames: [],
  domains: [],
  emailDomains: [],
  phones: [],
  address: null,
  authorizedFrom: null,
  authorizedUntil: null,
  conditions: null,
};

/** The reason and reference of a status change, checked as `POST /recruiters/:id/status` does. */
async function decide(
  record: ImportRecord,
  from: StoredStatus,
  to: StoredStatus,
  errors: ImportError[],
): Promise<StatusDecision | null> {
  if (record.statusReason === null) {
    errors.push({
      row: record.row,
      field: 'statusReason',
      message: `is required when the status changes (${from} → ${to})`,
    });
    return null;
  }
  try {
    const input = await validateInput(ChangeStatusDto, {
      status: to,
      reason: record.statusReason,
      ...(record.decisionReference !== null ? { reference: record.decisionReference } : {}),
    });
    return { from, to, reason: input.reason.trim(), reference: input.reference?.trim() || null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const e of error.errors ?? []) {
      const field = { reason: 'statusReason', reference: 'decisionReference' }[e.field] ?? e.field;
      errors.push({ row: record.row, field, message: e.message });
    }
    return null;
  }
}

/**
 * What importing the rows would do, record by record: create, update (fields or status), or
 * nothing. Rows are matched by registration key; a key seen on an earlier row is an error.
 * A new record starts as pending and may take the file's status (with its reason) at once;
 * an existing one changes status only as the status machine allows.
 */
export async function planImport(
  rowCount: number,
  records: ImportRecord[],
  rowErrors: ImportError[],
  existing: ReadonlyMap<string, ExistingRecruiter>,
): Promise<ImportPlan> {
  const errors = [...rowErrors];
  const firstRow = new Map<string, number>();
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  let unchanged = 0;

  for (const record of records) {
    const rowErrorsBefore = errors.length;
    const earlier = firstRow.get(record.registrationKey);
    if (earlier !== undefined) {
      errors.push({
        row: record.row,
        field: 'registrationNumber',
        message: `repeats the registration number of row ${earlier}`,
      });
      continue;
    }
    firstRow.set(record.registrationKey, record.row);

    const current = existing.get(record.registrationKey);
    const base: RecruiterFields = current ?? {
      ...EMPTY,
      kind: record.fields.kind!,
      sector: record.fields.sector!,
      legalName: record.fields.legalName!,
    };
    const values: RecruiterFields = {
      ...base,
      ...record.fields,
      address: normalizeAddress({ ...(base.address ?? {}), ...record.address }),
    };
    if (
      values.authorizedFrom &&
      values.authorizedUntil &&
      values.authorizedUntil < values.authorizedFrom
    ) {
      errors.push({
        row: record.row,
        field: 'authorizedUntil',
        message: `authorizedUntil (${values.authorizedUntil}) must not be before authorizedFrom (${values.authorizedFrom})`,
      });
    }

    const from = current?.status ?? 'pending';
    const to = record.status ?? from;
    let decision: StatusDecision | null = null;
    if (to !== from) {
      // A new record's first status restates a decision taken elsewhere, so any status may
      // follow its registration; an existing record's status follows the machine.
      if (current && !canTransition(from, to)) {
        errors.push({
          row: record.row,
          field: 'status',
          message: `${/^[aeiou]/.test(from) ? 'an' : 'a'} ${from} record cannot become ${to}`,
        });
      } else {
        decision = await decide(record, from, to, errors);
      }
    }
    if (errors.length > rowErrorsBefore) continue;

    if (!current) {
      creates.push({
        row: record.row,
        registrationNumber: record.registrationNumber,
        registrationKey: record.registrationKey,
        values,
        decision,
      });
      continue;
    }
    const changed = FIELD_NAMES.filter((field) => !same(field, current, values));
    if (changed.length === 0 && decision === null) unchanged += 1;
    else updates.push({ row: record.row, existing: current, values, changed, decision });
  }

  errors.sort((a, b) => a.row - b.row);
  return {
    rows: rowCount,
    invalid: new Set(errors.map((e) => e.row)).size,
    creates,
    updates,
    unchanged,
    errors,
  };
}
