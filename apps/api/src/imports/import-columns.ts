import { RECRUITER_KINDS, SECTORS, STORED_STATUSES } from '@fair-recruit/domain';
import { stringify } from 'csv-stringify/sync';

/**
 * The import's columns, in the template's order. They carry the open-data export's names
 * (`GET /export/recruiters.csv`) for the fields both have; the jurisdiction comes from the
 * request, and `statusReason` and `decisionReference` say why a status is what it is.
 */
export const IMPORT_COLUMNS = [
  'registrationNumber',
  'kind',
  'sector',
  'legalName',
  'tradingNames',
  'domains',
  'emailDomains',
  'phones',
  'addressStreet',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'addressCountry',
  'authorizedFrom',
  'authorizedUntil',
  'conditions',
  'status',
  'statusReason',
  'decisionReference',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'registrationNumber',
  'kind',
  'sector',
  'legalName',
];

export const LIST_COLUMNS = ['tradingNames', 'domains', 'emailDomains', 'phones'] as const;

export const ADDRESS_COLUMNS = {
  addressStreet: 'street',
  addressCity: 'city',
  addressRegion: 'region',
  addressPostalCode: 'postalCode',
  addressCountry: 'country',
} as const;

const EXAMPLE_ROW: Record<ImportColumn, string> = {
  registrationNumber: 'GB-REC-000123',
  kind: 'recruiter',
  sector: 'private',
  legalName: 'Meridian Health Staffing Ltd',
  tradingNames: 'Meridian Nurses|Meridian Care',
  domains: 'meridian-health.example',
  emailDomains: 'meridian-health.example',
  phones: '+442079460000',
  addressStreet: '1 Example Street',
  addressCity: 'London',
  addressRegion: '',
  addressPostalCode: 'EC1A 1AA',
  addressCountry: 'GB',
  authorizedFrom: '2026-01-01',
  authorizedUntil: '2028-12-31',
  conditions: '',
  status: 'authorized',
  statusReason: 'Licence granted after inspection',
  decisionReference: 'DEC-2026-001',
};

/** The downloadable template: the header and one example row, nothing else. */
export const IMPORT_TEMPLATE_CSV = stringify([
  [...IMPORT_COLUMNS],
  IMPORT_COLUMNS.map((column) => EXAMPLE_ROW[column]),
]);

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export const IMPORT_CSV_DESCRIPTION = [
  `UTF-8 CSV (a byte-order mark is fine), separated by commas or semicolons (told apart by the header row), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
  `Header row with these columns, in any order: ${IMPORT_COLUMNS.join(', ')}.`,
  `Required: ${REQUIRED_COLUMNS.join(', ')}. A column left out of the file leaves that field of existing records as it is; an empty cell clears it.`,
  `kind: ${RECRUITER_KINDS.join(' | ')}; sector: ${SECTORS.join(' | ')}; status: ${STORED_STATUSES.join(' | ')} (empty: pending for a new record, unchanged for an existing one).`,
  'tradingNames, domains, emailDomains and phones hold several values separated by `|` (or a JSON array, as the open-data export writes them); phones in E.164 (+442079460000); dates YYYY-MM-DD.',
  'Records are matched by registration number within the jurisdiction (case, spaces and punctuation ignored). statusReason is required when a row changes a status; a change must follow the status machine.',
  'Row numbers in errors are those a spreadsheet shows: the header is row 1.',
].join(' ');
