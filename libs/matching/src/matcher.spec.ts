import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildIndex, type MatchableRecord } from './match-index.js';
import { matchAd, type JobAd, type MatchOptions } from './matcher.js';
import { normalizeName } from './normalize.js';

const AS_OF = '2025-06-01';

let sequence = 0;
function recruiter(overrides: Partial<MatchableRecord> = {}): MatchableRecord {
  sequence++;
  return {
    id: `rec-${sequence}`,
    jurisdiction: 'GB',
    registrationNumber: `GB-REC-${String(sequence).padStart(5, '0')}`,
    legalName: `Recruiter ${sequence} Ltd`,
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

/** A recruiter with every kind of evidence an ad can point at. */
const ACME: Partial<MatchableRecord> = {
  legalName: 'Acme Health Recruitment Ltd',
  registrationNumber: 'GB-REC-00123',
  domains: ['acmehealth.co.uk'],
  emailDomains: ['acmehealth.co.uk'],
  phones: ['+442071234567'],
};

function check(records: MatchableRecord[], ad: JobAd, options: MatchOptions = {}) {
  return matchAd(buildIndex(records), ad, { asOf: AS_OF, ...options });
}

describe(matchAd.name, () => {
  describe('verdicts', () => {
    const acme = recruiter(ACME);

    it.each<[string, Partial<MatchableRecord>, string, string]>([
      ['authorized', {}, 'authorized', 'authorized'],
      ['authorized without an end date', { authorizedUntil: null }, 'authorized', 'authorized'],
      ['suspended', { status: 'suspended' }, 'not_authorized', 'suspended'],
      ['revoked', { status: 'revoked' }, 'not_authorized', 'revoked'],
      ['refused', { status: 'refused' }, 'not_authorized', 'refused'],
      ['pending', { status: 'pending' }, 'not_authorized', 'pending'],
      ['expired', { authorizedUntil: '2025-05-31' }, 'not_authorized', 'expired'],
      ['authorized until today', { authorizedUntil: AS_OF }, 'authorized', 'authorized'],
      [
        'authorized from a later day',
        { authorizedFrom: '2025-07-01' },
        'not_authorized',
        'authorized',
      ],
    ])('%s → %s', (_case, overrides, verdict, effectiveStatus) => {
      const result = check([{ ...acme, ...overrides }], {
        organizationName: 'Acme Health Recruitment',
      });
      expect(result.verdict).toBe(verdict);
      expect(result.matches[0]?.effectiveStatus).toBe(effectiveStatus);
    });

    it('answers not_found when nothing matches', () => {
      const result = check([acme], {
        organizationName: 'Zenith Staffing',
        url: 'https://zenith.example.org',
      });
      expect(result).toMatchObject({ verdict: 'not_found', matches: [], possibleMatches: [] });
      expect(result.reasons).toEqual([{ kind: 'not_found' }]);
    });

    it.each<[string, JobAd, string]>([
      [
        'licence number in the text',
        { text: 'UK licence No. GB-REC-00123. Apply now.' },
        'licence',
      ],
      ['licence number from the page', { licenceNumbers: ['gb rec 00123'] }, 'licence'],
      ['website', { url: 'https://careers.acmehealth.co.uk/jobs/42' }, 'domain'],
      ['listed domain', { domains: ['www.acmehealth.co.uk'] }, 'domain'],
      ['e-mail address', { emails: ['HR@AcmeHealth.co.uk'] }, 'email_domain'],
      ['e-mail address in the text', { text: 'CVs to jobs@acmehealth.co.uk' }, 'email_domain'],
      ['phone number', { phones: ['020 7123 4567'] }, 'phone'],
      ['phone number in the text', { text: 'Call +44 20 7123 4567 today' }, 'phone'],
      [
        'name, any order and legal form',
        { organizationName: 'RECRUITMENT ACME HEALTH LIMITED' },
        'name',
      ],
    ])('matches by %s', (_case, ad, matchedBy) => {
      const result = check([acme], ad);
      expect(result.verdict).toBe('authorized');
      expect(result.matches[0]).toMatchObject({ record: acme, matchedBy, decisive: true });
    });

    it('matches a trading name', () => {
      const record = recruiter({ legalName: 'Zorg BV', tradingNames: ['CareBridge Nursing'] });
      expect(check([record], { organizationName: 'Carebridge Nursing' }).verdict).toBe(
        'authorized',
      );
    });

    it('uses names the snapshot already normalized', () => {
      const record = recruiter({
        legalName: 'ignored',
        normalizedNames: [normalizeName('Acme Care')],
      });
      expect(check([record], { organizationName: 'ACME CARE LTD' }).verdict).toBe('authorized');
    });
  });

  describe('fuzzy names', () => {
    const records = [
      recruiter({ legalName: 'Global Nursing Recruitment Ltd', status: 'revoked' }),
      recruiter({ legalName: 'Sunrise Medical Staffing LLC' }),
    ];

    it('answers possible_match, never not_authorized, for a similar name alone', () => {
      const result = check(records, { organizationName: 'Globel Nursing Recruitmant' });
      expect(result.verdict).toBe('possible_match');
      expect(result.possibleMatches).toEqual(['Global Nursing Recruitment Ltd']);
      expect(result.matches[0]).toMatchObject({
        matchedBy: 'fuzzy_name',
        effectiveStatus: 'revoked',
        decisive: false,
      });
      expect(result.matches[0]?.similarity).toBeGreaterThanOrEqual(0.5);
      expect(result.explanation).toContain('Possible match');
      expect(result.reasons).toEqual([{ kind: 'possible', matches: result.matches }]);
    });

    it('does not offer names that are not similar enough', () => {
      expect(check(records, { organizationName: 'Nordic Physio Partners' }).verdict).toBe(
        'not_found',
      );
    });

    it('is not needed when an exact match exists', () => {
      const result = check(records, { organizationName: 'Sunrise Medical Staffing' });
      expect(result.verdict).toBe('authorized');
      expect(result.matches.every((match) => match.matchedBy !== 'fuzzy_name')).toBe(true);
    });
  });

  describe('domains that identify nobody', () => {
    it('never matches on a free webmail domain, even one a record lists', () => {
      const record = recruiter({
        legalName: 'Small Agency',
        emailDomains: ['gmail.com'],
        status: 'revoked',
      });
      const result = check([record], {
        emails: ['someone.else@gmail.com'],
        text: 'Mail me: x@gmail.com',
      });
      expect(result.verdict).toBe('not_found');
      expect(result.redFlags.map((flag) => flag.code)).toContain('free_webmail');
    });

    it('never matches on a shared platform such as facebook.com', () => {
      const record = recruiter({
        domains: ['https://facebook.com/smallagency'],
        status: 'revoked',
      });
      expect(
        check([record], { url: 'https://www.facebook.com/groups/nursejobs/posts/1' }).verdict,
      ).toBe('not_found');
    });

    it("matches the job site's own domain only if a recruiter has it", () => {
      const record = recruiter({ domains: ['acmehealth.co.uk'] });
      expect(check([record], { url: 'https://uk.indeed.com/viewjob?jk=1' }).verdict).toBe(
        'not_found',
      );
    });
  });

  describe('conflicting evidence', () => {
    it('lets the stronger evidence decide and explains the weaker one', () => {
      const byDomain = recruiter({ legalName: 'Acme Health Ltd', domains: ['acmehealth.co.uk'] });
      const byName = recruiter({
        legalName: 'Northern Care Ltd',
        jurisdiction: 'IE',
        status: 'revoked',
      });
      const result = check([byDomain, byName], {
        organizationName: 'Northern Care',
        url: 'https://acmehealth.co.uk/jobs/1',
      });
      expect(result.verdict).toBe('authorized');
      expect(result.matches.map((match) => [match.record.id, match.decisive])).toEqual([
        [byDomain.id, true],
        [byName.id, false],
      ]);
      expect(result.explanation).toContain('Weaker evidence');
      expect(result.explanation).toContain('revoked in IE');
      // The same sentences as data, for a client that words them in another language.
      expect(result.reasons).toEqual([
        { kind: 'matched', by: 'domain', matches: [result.matches[0]] },
        { kind: 'weaker_evidence', matches: [result.matches[1]] },
      ]);
    });

    it('shows red when a name is authorized in one registry and revoked in another', () => {
      const gb = recruiter({ legalName: 'Global Care Staffing Ltd' });
      const ph = recruiter({
        legalName: 'Global Care Staffing Inc.',
        jurisdiction: 'PH',
        status: 'revoked',
      });
      const result = check([gb, ph], { organizationName: 'Global Care Staffing' });
      expect(result.verdict).toBe('not_authorized');
      expect(result.explanation).toContain('authorized in GB');
      expect(result.explanation).toContain('revoked in PH');
    });

    it("lets the registry of the job's country decide between equal evidence", () => {
      const gb = recruiter({ legalName: 'Global Care Staffing Ltd' });
      const ph = recruiter({
        legalName: 'Global Care Staffing Inc.',
        jurisdiction: 'PH',
        status: 'revoked',
      });
      const inGb = check([gb, ph], { organizationName: 'Global Care Staffing', jobCountry: 'gb' });
      expect(inGb.verdict).toBe('authorized');
      expect(inGb.matches.map((match) => match.decisive)).toEqual([true, false]);
      expect(inGb.reasons.map((reason) => reason.kind)).toEqual([
        'matched',
        'job_country_decided',
        'weaker_evidence',
      ]);
      const inPh = check([gb, ph], { organizationName: 'Global Care Staffing', jobCountry: 'PH' });
      expect(inPh.verdict).toBe('not_authorized');
    });

    it('does not turn green on a licence number that belongs to a differently named firm', () => {
      const owner = recruiter({ legalName: 'Acme Health Ltd', registrationNumber: 'GB-REC-00123' });
      const result = check([owner], {
        organizationName: 'Quick Visa Jobs',
        text: 'Licence No. GB-REC-00123',
      });
      expect(result.verdict).toBe('possible_match');
      expect(result.possibleMatches).toEqual(['Acme Health Ltd']);
      expect(result.explanation).toContain('Quick Visa Jobs');
      expect(result.reasons).toEqual([
        { kind: 'licence_name_conflict', match: result.matches[0], adName: 'Quick Visa Jobs' },
      ]);
    });

    it('shows red for a revoked licence number whoever quotes it', () => {
      const owner = recruiter({
        registrationNumber: '074-LB-0312-SA',
        jurisdiction: 'PH',
        status: 'revoked',
      });
      const result = check([owner], {
        organizationName: 'Other Name',
        text: 'POEA Lic. 074-LB-0312-SA',
      });
      expect(result.verdict).toBe('not_authorized');
    });

    it('shows red when the licence and the website point at different firms, one revoked', () => {
      const licensed = recruiter({
        legalName: 'Acme Health Ltd',
        registrationNumber: 'GB-REC-00123',
      });
      const revoked = recruiter({ domains: ['shadyjobs.com'], status: 'revoked' });
      const result = check([licensed, revoked], {
        url: 'https://shadyjobs.com/nurses',
        text: 'Licence No. GB-REC-00123',
      });
      expect(result.verdict).toBe('not_authorized');
      expect(result.explanation).toContain('different recruiters');
      expect(result.reasons).toEqual([
        { kind: 'licence_contradicted', matches: result.matches.filter((m) => m.decisive) },
      ]);
    });

    it('trusts a licence number that the website confirms', () => {
      const record = recruiter({
        registrationNumber: 'GB-REC-00123',
        domains: ['acmehealth.co.uk'],
      });
      const other = recruiter({ legalName: 'Acme Health', status: 'revoked', jurisdiction: 'IE' });
      const result = check([record, other], {
        organizationName: 'Acme Health',
        url: 'https://acmehealth.co.uk',
        text: 'Licence No. GB-REC-00123',
      });
      expect(result.verdict).toBe('authorized');
      expect(result.matches[0]).toMatchObject({
        matchedBy: 'licence',
        evidence: ['licence', 'domain'],
      });
    });
  });

  it('returns the red flags of the ad text', () => {
    const result = check([], {
      text: 'Nurses from Ghana wanted. Processing fee $300.',
      jobCountry: 'GB',
    });
    expect(result.redFlags.map((flag) => flag.code)).toEqual([
      'candidate_fees',
      'safeguards_list_targeting',
    ]);
  });

  it('reads statuses on the day asked, today by default', () => {
    const record = recruiter({
      legalName: 'Acme Care',
      authorizedFrom: null,
      authorizedUntil: '2000-01-01',
    });
    const index = buildIndex([record]);
    expect(matchAd(index, { organizationName: 'Acme Care' }).verdict).toBe('not_authorized');
    expect(
      matchAd(index, { organizationName: 'Acme Care' }, { asOf: new Date('1999-06-01') }).verdict,
    ).toBe('authorized');
  });

  it('never throws, whatever the ad and options', () => {
    const index = buildIndex([
      recruiter({
        legalName: 'Acme Health',
        domains: ['acmehealth.co.uk'],
        phones: ['+442071234567'],
      }),
      recruiter({ legalName: 'Global Care', status: 'revoked' }),
    ]);
    const field = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.array(fc.string()),
      fc.constantFrom('Acme Health', 'https://acmehealth.co.uk', 'Licence No. GB-REC-00001', 'GH'),
    );
    const ad = fc.oneof(
      fc.anything(),
      fc.record(
        {
          organizationName: field,
          url: field,
          domains: field,
          emails: field,
          phones: field,
          text: field,
          jobCountry: field,
          licenceNumbers: field,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(ad, fc.anything(), (input, options) => {
        const result = matchAd(index, input as JobAd, options as MatchOptions);
        expect(['authorized', 'not_authorized', 'possible_match', 'not_found']).toContain(
          result.verdict,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('englishWording', () => {
  const acme = recruiter(ACME);
  const revoked = recruiter({
    legalName: 'Quick Visa Jobs Ltd',
    jurisdiction: 'IE',
    registrationNumber: 'IE-REC-00009',
    status: 'revoked',
  });
  const index = buildIndex([acme, revoked, recruiter({ legalName: 'Meridian Care Staffing' })]);
  const ads: [string, JobAd][] = [
    [
      'several kinds of evidence',
      {
        organizationName: 'Acme Health Recruitment',
        url: 'https://jobs.acmehealth.co.uk/nurses',
        text: 'Licence No. GB-REC-00123. Call +44 20 7123 4567.',
      },
    ],
    ['weaker evidence disagrees', { organizationName: 'Quick Visa Jobs', url: 'acmehealth.co.uk' }],
    ['a borrowed licence', { organizationName: 'Sunrise Nursing', text: 'Licence GB-REC-00123' }],
    ['a similar name', { organizationName: 'Meridan Care Staffing' }],
    ['nothing', { organizationName: 'Unheard Of Agency' }],
  ];

  it('words each match and the verdict in English by default', () => {
    const result = matchAd(index, ads[0][1], { asOf: AS_OF });
    expect(result.matches[0].detail).toBe(
      'Matched by licence number GBREC00123, website domain acmehealth.co.uk, phone number +442071234567, name "acme health recruitment"; authorized in GB until 2026-12-31.',
    );
    expect(result.explanation).toBe(
      'Matched by licence number: Acme Health Recruitment Ltd (authorized in GB until 2026-12-31).',
    );
  });

  it.each(ads)('false decides the same, without the English sentences: %s', (_case, ad) => {
    const worded = matchAd(index, ad, { asOf: AS_OF });
    const bare = matchAd(index, ad, { asOf: AS_OF, englishWording: false });
    expect(worded.explanation).not.toBe('');
    expect(bare.explanation).toBe('');
    expect(bare.matches.every((match) => match.detail === '')).toBe(true);
    // Everything else, the matches inside `reasons` included (red flags keep their explanation).
    const blank = (result: typeof worded): unknown =>
      JSON.parse(
        JSON.stringify(result, function (this: unknown, key, value: unknown) {
          const sentence = key === 'detail' || (key === 'explanation' && this === result);
          return sentence ? undefined : value;
        }),
      );
    expect(blank(bare)).toEqual(blank(worded));
  });
});

describe(buildIndex.name, () => {
  it('skips what is not a record and survives malformed fields', () => {
    const malformed = [
      null,
      { id: 42 },
      { ...recruiter(), tradingNames: 'nope', domains: [null, 'acme.co.uk'], phones: [7] },
    ] as unknown as MatchableRecord[];
    const index = buildIndex(malformed);
    expect(index.records).toHaveLength(1);
    expect(index.byDomain.get('acme.co.uk')).toHaveLength(1);
  });

  it('indexes a firm registered in several jurisdictions under one key', () => {
    const index = buildIndex([
      recruiter({ legalName: 'Acme Health Ltd', jurisdiction: 'GB' }),
      recruiter({ legalName: 'ACME HEALTH LIMITED', jurisdiction: 'IE' }),
    ]);
    expect(index.byNameKey.get('acme health')?.map((record) => record.jurisdiction)).toEqual([
      'GB',
      'IE',
    ]);
  });
});
