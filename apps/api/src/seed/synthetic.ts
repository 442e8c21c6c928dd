import type { RecruiterKind, Sector, StoredStatus } from '@fair-recruit/domain';

/**
 * Deterministic, clearly fictional recruiters: invented words, `.example` domains (reserved by
 * RFC 2606, so no real firm can own one) and phone numbers from Ofcom's drama range.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Aurelia',
  'Brightmoor',
  'Calder',
  'Dunmere',
  'Elmstead',
  'Farrowby',
  'Glenhaven',
  'Harcourt',
  'Isterling',
  'Juniper',
  'Kestrel',
  'Larkfield',
  'Meridian',
  'Northgale',
  'Oakhurst',
  'Pellam',
  'Quenby',
  'Rosmarin',
  'Saltire',
  'Thornbury',
  'Umberly',
  'Valmont',
  'Westerra',
  'Yarrowby',
  'Zephyra',
  'Ashcombe',
  'Bellwether',
  'Corrin',
  'Dovecote',
  'Evenlode',
  'Fenwick',
  'Greyfriar',
  'Hollins',
  'Ivybridge',
  'Jessamy',
  'Kingsmere',
  'Lindqvist',
  'Marlowe',
  'Nettlebed',
  'Orchardine',
  'Penhallow',
  'Quillon',
  'Ravensworth',
  'Silverbirch',
  'Tamsin',
  'Upperton',
  'Verity',
  'Wexcombe',
  'Ysolde',
  'Zennor',
  'Amberlea',
  'Blythe',
  'Cressida',
  'Damaris',
  'São Lucas',
  'Élan',
  'Société Horizon',
  'Santa Aurora',
  'Nordlicht',
  'Sonnenhof',
];
const MIDDLE = [
  'Health',
  'Care',
  'Medical',
  'Nursing',
  'Clinical',
  'Healthcare',
  'Global Health',
  'Allied Health',
  'Midwifery',
  'Santé',
  'Salud',
  'Saúde',
  'Pflege',
  'Workforce',
  'Talent',
  'Careers',
];
const LAST = [
  'Recruitment',
  'Staffing',
  'Placements',
  'Resourcing',
  'Partners',
  'Solutions',
  'Services',
  'Agency',
  'International',
  'Consulting',
  'Group',
  'Connect',
  'Pathways',
  'Bridges',
];
const SUFFIX: Record<string, string[]> = {
  GB: ['Ltd', 'Limited', 'LLP', 'PLC'],
  PH: ['Inc.', 'Corporation', 'Manpower Services Inc.', 'Co.'],
  IE: ['Ltd', 'Limited', 'DAC', 'Teoranta'],
  FR: ['SARL', 'SAS', 'SA'],
  ES: ['S.L.', 'S.A.'],
  PT: ['Lda', 'S.A.'],
  DE: ['GmbH', 'AG', 'UG'],
};

const pick = <T>(rand: () => number, list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)];

/** Shares of statuses in a lived-in registry: mostly authorized, some of every other kind. */
const STATUS_MIX: [StoredStatus | 'expired', number][] = [
  ['authorized', 0.62],
  ['expired', 0.08],
  ['pending', 0.1],
  ['suspended', 0.08],
  ['revoked', 0.06],
  ['refused', 0.06],
];

export interface SyntheticRecruiter {
  jurisdiction: string;
  registrationNumber: string;
  kind: RecruiterKind;
  sector: Sector;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  phones: string[];
  status: StoredStatus;
  authorizedFrom: string | null;
  authorizedUntil: string | null;
  statusReason: string;
}

const REASONS: Record<StoredStatus, string> = {
  pending: 'Application registered',
  authorized: 'Licence granted after inspection of premises and contracts',
  refused: 'Application refused: fees charged to candidates in a previous business',
  suspended: 'Suspended pending investigation of complaints about fees charged to nurses',
  revoked: 'Licence revoked: contract substitution and retention of passports substantiated',
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The i-th synthetic recruiter of a jurisdiction; the same i always gives the same record. */
export function syntheticRecruiter(
  jurisdiction: string,
  i: number,
  today = new Date(),
): SyntheticRecruiter {
  const rand = prng(i * 7919 + jurisdiction.charCodeAt(0) * 31 + jurisdiction.charCodeAt(1));
  const base = `${pick(rand, FIRST)} ${pick(rand, MIDDLE)} ${pick(rand, LAST)}`;
  // Distinct names at any scale: past the vocabulary's combinations a number is woven in.
  const stem = i < 5000 ? base : `${base} ${i}`;
  const legalName = `${stem} ${pick(rand, SUFFIX[jurisdiction] ?? ['Ltd'])}`;
  const slug = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const domain = `${slug}-${jurisdiction.toLowerCase()}${i}.example`;
  let roll = rand();
  let status: StoredStatus | 'expired' = 'authorized';
  for (const [s, share] of STATUS_MIX) {
    if ((roll -= share) < 0) {
      status = s;
      break;
    }
  }
  const years = 1 + Math.floor(rand() * 3);
  const expired = status === 'expired';
  // An expired record's period ended in the past year; others run until after today.
  const end = expired
    ? new Date(today.getTime() - Math.floor(rand() * 300 + 1) * 86400_000)
    : new Date(today.getTime() + Math.floor(rand() * 700 + 30) * 86400_000);
  const start = new Date(end.getTime() - years * 365 * 86400_000);
  const authorized = status !== 'pending' && status !== 'refused';
  return {
    jurisdiction,
    registrationNumber: `${jurisdiction}-REC-${pad(i, 7)}`,
    kind: rand() < 0.75 ? 'recruiter' : rand() < 0.5 ? 'employer' : 'both',
    sector: rand() < 0.9 ? 'private' : 'public',
    legalName,
    tradingNames: rand() < 0.3 ? [`${stem.split(' ')[0]} ${pick(rand, LAST)}`] : [],
    domains: [domain],
    emailDomains: rand() < 0.8 ? [domain] : [],
    // +44 7700 900xxx is reserved for drama; these numbers ring nobody.
    phones: rand() < 0.6 ? [`+447700900${pad(i % 1000, 3)}`] : [],
    status: status === 'expired' ? 'authorized' : status,
    authorizedFrom: authorized ? isoDay(start) : null,
    authorizedUntil: authorized ? isoDay(end) : null,
    statusReason: REASONS[status === 'expired' ? 'authorized' : status],
  };
}
