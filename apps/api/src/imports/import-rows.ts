import {
  STORED_STATUSES,
  type RecruiterKind,
  type Sector,
  type StoredStatus,
} from '@fair-recruit/domain';
import { normalizeLicence } from '@fair-recruit/matching';
import { DomainError } from '../common/domain-error.js';
import { validateInput } from '../common/validation.js';
import { CreateRecruiterDto } from '../recruiters/dto/recruiter-input.dto.js';
import type { PostalAddress } from '../recruiters/recruiter.entity.js';
import { toDomains, unique } from '../recruiters/recruiters.service.js';
import { ADDRESS_COLUMNS, LIST_COLUMNS, type ImportColumn } from './import-columns.js';
import type { CsvRow, ImportError } from './import-csv.js';

/** A recruiter's fields an import sets, as stored. */
export interface RecruiterFields {
  kind: RecruiterKind;
  sector: Sector;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  phones: string[];
  address: PostalAddress | null;
  authorizedFrom: string | null;
  authorizedUntil: string | null;
  conditions: string | null;
}

export type AddressPart = keyof PostalAddress;

/** One valid row, normalized as the registration API stores values. */
export interface ImportRecord {
  row: number;
  registrationNumber: string;
  registrationKey: string;
  /** Only the fields whose columns the file has. */
  fields: Partial<Omit<RecruiterFields, 'address'>>;
  /** Only the address parts whose columns the file has; null clears a part. */
  address: Partial<Record<AddressPart, string | null>>;
  status: StoredStatus | null;
  statusReason: string | null;
  decisionReference: string | null;
}

/** `a|b|c`, or a JSON array of strings as the open-data export writes list cells. */
export function splitList(cell: string): string[] {
  if (cell === '') return [];
  if (cell.startsWith('[') && cell.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(cell);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) {
        return parsed.map((v) => v.trim()).filter((v) => v !== '');
      }
    } catch {
      // Not JSON: a name that happens to be bracketed.
    }
  }
  return cell
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const ADDRESS_FIELD_TO_COLUMN = Object.fromEntries(
  Object.entries(ADDRESS_COLUMNS).map(([column, part]) => [`address.${part}`, column]),
) as Record<string, ImportColumn>;

/** The DTO's field names, as the file's column names. */
function columnOf(field: string): string {
  return ADDRESS_FIELD_TO_COLUMN[field] ?? field.replace(/\[\d+\]$/, '');
}

const STATUSES = new Set<string>(STORED_STATUSES);

/**
 * Checks one row with the registration's own rules (`CreateRecruiterDto` through
 * `validateInput`, as `POST /recruiters` does) and normalizes it as the service stores values.
 */
export async function readImportRow(
  jurisdiction: string,
  columns: ReadonlySet<ImportColumn>,
  { row, cells }: CsvRow,
): Promise<{ record: ImportRecord } | { errors: ImportError[] }> {
  const cell = (column: ImportColumn) => cells[column] ?? '';
  const has = (column: ImportColumn) => columns.has(column);
  const optional = (column: ImportColumn) => (cell(column) === '' ? null : cell(column));

  const plain: Record<string, unknown> = {
    jurisdiction,
    registrationNumber: cell('registrationNumber'),
    kind: cell('kind'),
    sector: cell('sector'),
    legalName: cell('legalName'),
  };
  for (const column of LIST_COLUMNS) if (has(column)) plain[column] = splitList(cell(column));
  const address: ImportRecord['address'] = {};
  for (const [column, part] of Object.entries(ADDRESS_COLUMNS) as [ImportColumn, AddressPart][]) {
    if (has(column)) address[part] = optional(column);
  }
  const givenAddress = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== null));
  if (Object.keys(givenAddress).length > 0) plain.address = givenAddress;
  for (const column of ['authorizedFrom', 'authorizedUntil', 'conditions'] as const) {
    if (has(column)) plain[column] = optional(column);
  }

  const errors: ImportError[] = [];
  let input: CreateRecruiterDto | null = null;
  try {
    input = await validateInput(CreateRecruiterDto, plain);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const e of error.errors ?? []) {
      errors.push({ row, field: columnOf(e.field), message: e.message });
    }
  }
  const status = optional('status');
  if (status !== null && !STATUSES.has(status)) {
    errors.push({
      row,
      field: 'status',
      message: `status must be one of: ${STORED_STATUSES.join(', ')} (or empty)`,
    });
  }
  if (status === null && (optional('statusReason') !== null || optional('decisionReference'))) {
    errors.push({
      row,
      field: 'status',
      message: 'is empty, but statusReason or decisionReference is given',
    });
  }
  if (errors.length > 0 || input === null) return { errors };

  const fields: ImportRecord['fields'] = {
    kind: input.kind,
    sector: input.sector,
    legalName: input.legalName.trim(),
  };
  if (has('tradingNames'))
    fields.tradingNames = unique((input.tradingNames ?? []).map((n) => n.trim()));
  if (has('domains')) fields.domains = toDomains(input.domains);
  if (has('emailDomains')) fields.emailDomains = toDomains(input.emailDomains);
  if (has('phones')) fields.phones = unique(input.phones ?? []);
  if (has('authorizedFrom')) fields.authorizedFrom = input.authorizedFrom ?? null;
  if (has('authorizedUntil')) fields.authorizedUntil = input.authorizedUntil ?? null;
  if (has('conditions')) fields.conditions = input.conditions ?? null;
  return {
    record: {
      row,
      registrationNumber: input.registrationNumber.trim(),
      registrationKey: normalizeLicence(input.registrationNumber),
      fields,
      address,
      status: status as StoredStatus | null,
      statusReason: optional('statusReason'),
      decisionReference: optional('decisionReference'),
    },
  };
}
