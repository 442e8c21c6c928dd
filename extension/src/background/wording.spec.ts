import { describe, expect, it } from '@jest/globals';
import {
  buildIndex,
  detectRedFlags,
  matchAd,
  type JobAd,
  type MatchableRecord,
} from '@fair-recruit/matching';
import { explanationOf, listOf, localizedFlag } from './wording.js';

const AS_OF = '2025-06-01';

function recruiter(id: string, overrides: Partial<MatchableRecord>): MatchableRecord {
  return {
    id,
    jurisdiction: 'GB',
    registrationNumber: `GB-REC-${id}`,
    legalName: `Recruiter ${id} Ltd`,
    tradingNames: [],
    domains: [],
    emailDomains: [],
    phones: [],
    status: 'authorized',
    authorizedFrom: '2024-01-01',
    authorizedUntil: '2026-12-31',
    ...overrides,
  };
}

const records = [
  recruiter('00123', {
    legalName: 'Acme Health Ltd',
    domains: ['acmehealth.co.uk'],
    emailDomains: ['acmehealth.co.uk'],
  }),
  recruiter('00200', { legalName: 'Northern Care Ltd', jurisdiction: 'IE', status: 'revoked' }),
  recruiter('00300', { legalName: 'Global Care Staffing Ltd' }),
  recruiter('00301', {
    legalName: 'Global Care Staffing Inc.',
    jurisdiction: 'PH',
    status: 'revoked',
  }),
  recruiter('00400', {
    legalName: 'Shady Jobs Ltd',
    domains: ['shadyjobs.com'],
    status: 'suspended',
  }),
  recruiter('00500', { legalName: 'Late Start Ltd', authorizedFrom: '2025-09-01' }),
  recruiter('00600', { legalName: 'Lapsed Care Ltd', authorizedUntil: '2025-01-31' }),
  recruiter('00700', { legalName: 'Waiting Room Ltd', status: 'pending' }),
];
const index = buildIndex(records);

// One ad for each kind of reason the matcher gives.
const ads: [string, JobAd][] = [
  [
    'matched, with weaker evidence',
    { organizationName: 'Northern Care', url: 'https://acmehealth.co.uk/jobs/1' },
  ],
  ['the job country decides', { organizationName: 'Global Care Staffing', jobCountry: 'GB' }],
  ['authorized and revoked by name', { organizationName: 'Global Care Staffing' }],
  [
    'a licence quoted under another name',
    { organizationName: 'Quick Visa Jobs', text: 'Licence No. GB-REC-00123' },
  ],
  [
    'licence and website disagree',
    { url: 'https://shadyjobs.com/nurses', text: 'Licence No. GB-REC-00123' },
  ],
  ['a similar name', { organizationName: 'Acme Helth' }],
  ['nothing', { organizationName: 'Zenith Staffing' }],
  ['not started yet', { organizationName: 'Late Start Ltd' }],
  ['expired', { organizationName: 'Lapsed Care Ltd' }],
  ['pending', { organizationName: 'Waiting Room Ltd' }],
];

describe(explanationOf.name, () => {
  it('is tried on every kind of reason', () => {
    const kinds = ads.flatMap(([, ad]) =>
      matchAd(index, ad, { asOf: AS_OF }).reasons.map((reason) => reason.kind),
    );
    expect(new Set(kinds)).toEqual(
      new Set([
        'matched',
        'licence_contradicted',
        'job_country_decided',
        'weaker_evidence',
        'licence_name_conflict',
        'possible',
        'not_found',
      ]),
    );
  });

  it.each(ads)(
    'words the reasons as the matcher words its explanation, in English (%s)',
    (_case, ad) => {
      const result = matchAd(index, ad, { asOf: AS_OF });

      expect(explanationOf(result.reasons, AS_OF)).toBe(result.explanation);
    },
  );
});

describe(localizedFlag.name, () => {
  it('words every red flag as the matcher does, in English', () => {
    const flags = detectRedFlags(
      'Candidates must pay a processing fee of USD 450. The visa sponsorship fee of £2,500 is at ' +
        'the candidate’s own expense. Your passport will be held by the employer for safekeeping. ' +
        'We are recruiting nurses from Ghana and Nigeria. Send your CV on WhatsApp only: ' +
        '+234 803 555 0142.',
      { emails: ['nurse.jobs@gmail.com'] },
    );
    expect(flags.map((flag) => flag.code).sort()).toEqual([
      'candidate_fees',
      'document_retention',
      'free_webmail',
      'messaging_app_only',
      'safeguards_list_targeting',
      'visa_sponsorship_fee',
    ]);

    expect(flags.map(localizedFlag)).toEqual(flags);
  });
});

describe(listOf.name, () => {
  it('joins the last two items with "and"', () => {
    expect([listOf([]), listOf(['Ghana']), listOf(['Ghana', 'Nigeria', 'Zimbabwe'])]).toEqual([
      '',
      'Ghana',
      'Ghana, Nigeria and Zimbabwe',
    ]);
  });
});
