import { extractPhones } from '@fair-recruit/matching';
import type { AdProbe } from '../lib/messages.js';
import { contactsOf, phonesIn, readProbe } from './ad-contacts.js';

describe('phonesIn', () => {
  it.each([
    'Call +44 20 7946 0321 to apply.',
    '(+44) 20 7946 0321',
    '+44 (0) 20 7946 0321',
    'WhatsApp +234 803 555 0142 only, or +44.20.7946.0018',
    '+353-1-555-0142',
    'Call 020 7946 0321 or 0044 20 7946 0321',
    'Licence No. GB-REC-0001234, salary £32,000 to £41,000',
    '+1 555',
    '',
    `Band 5, £32,000 to £41,000, 37.5 hours from 01/02/2026. ${'Flights are covered. '.repeat(8)}` +
      'Call +44 20 7946 0321, or WhatsApp +234 803 555 0142. Interviews 10:30 on 12.03.2026. ' +
      `${'Accommodation provided. '.repeat(6)}Or write to +353 1 555 0142 ext. 12.`,
  ])('finds what extractPhones finds in %j', (text) => {
    expect(phonesIn(text)).toEqual(extractPhones(text));
  });

  it('agrees with extractPhones on 300 generated ads', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
    const parts = [
      'Staff nurse, acute ward.',
      'Salary £32,000 to £41,000 a year.',
      '37.5 hours a week, from 01/02/2026.',
      'Licence No. GB-REC-0001234.',
      'Call +44 20 7946 0321.',
      '+44 (0) 161 496 0000',
      'WhatsApp +234-803-555-0142',
      '(+63) 2 8555 0199',
      'Tel.+4930 1234567',
      'ref 12345678 or +1 555 0100',
      'x+49 89 123456789y',
      '+44 20 7946 0321 ext. 12',
      '',
    ];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(parts)).join(
        pick([' ', '', '  ', '\n']),
      );
      expect([text, phonesIn(text)]).toEqual([text, extractPhones(text)]);
    }
  });

  it('finds international numbers and leaves text without a "+" and seven digits alone', () => {
    expect(phonesIn('Call +44 20 7946 0321 to apply.')).toEqual(['+442079460321']);
    expect(phonesIn('Band 5, £32,000, 37.5 hours, licence GB-REC-0001234')).toEqual([]);
  });
});

describe('contactsOf', () => {
  it('reads mailto: and tel: links, e-mails in the text, and links that leave the job site', () => {
    const contacts = contactsOf(
      'Write to careers@meridiancare.example or quickfly@gmail.com.',
      [
        'mailto:Jobs%40meridiancare.example?subject=Nurse',
        'tel:+44%2020%207946%200018',
        'https://www.meridiancare.example/careers',
        'https://uk.carejobs.example/apply/1',
        '/jobs/2',
        'javascript:void(0)',
      ],
      'carejobs.example',
    );
    expect(contacts).toEqual({
      domains: ['meridiancare.example'],
      emails: ['careers@meridiancare.example', 'quickfly@gmail.com', 'jobs@meridiancare.example'],
      phones: ['+442079460018'],
    });
  });

  it("takes the organization's own addresses, but not the job site's domain", () => {
    expect(
      contactsOf('', [], 'carejobs.example', [
        'harbournursing.example',
        'https://carejobs.example/x',
      ]).domains,
    ).toEqual(['harbournursing.example']);
  });

  it('reads at most fifty links', () => {
    const links = Array.from({ length: 60 }, (_, i) => `https://firm${i}.example/`);
    expect(contactsOf('', links, null).domains).toHaveLength(50);
  });
});

describe('readProbe', () => {
  const probe = (overrides: Partial<AdProbe>): AdProbe => ({
    organizationName: '',
    url: 'https://carejobs.example/jobs/1',
    links: [],
    organizationUrls: [],
    siteUrl: 'https://carejobs.example/search',
    text: '',
    ...overrides,
  });

  it("gives the matcher the ad's contacts, and the report form the first of each", () => {
    const read = readProbe(
      probe({
        organizationName: 'Meridian Care Staffing Ltd',
        links: ['https://meridiancare.example/', 'https://carejobs.example/jobs/1'],
        text: 'Staff nurse. Call +44 20 7946 0018 or write to jobs@meridiancare.example.',
        jobCountry: 'GB',
      }),
    );
    expect(read?.ad).toEqual({
      organizationName: 'Meridian Care Staffing Ltd',
      url: 'https://carejobs.example/jobs/1',
      domains: ['meridiancare.example'],
      emails: ['jobs@meridiancare.example'],
      phones: [],
      text: 'Staff nurse. Call +44 20 7946 0018 or write to jobs@meridiancare.example.',
      jobCountry: 'GB',
    });
    expect(read?.contact).toEqual({
      website: 'meridiancare.example',
      email: 'jobs@meridiancare.example',
      phone: '+442079460018',
    });
  });

  it("resolves the ad's address as the page wrote it against the page's", () => {
    const read = readProbe(
      probe({ organizationName: 'Meridian Care Staffing Ltd', url: '/jobs/7' }),
    );
    expect(read?.ad.url).toBe('https://carejobs.example/jobs/7');
  });

  it('keeps an ad that names no one when its text gives a licence or phone number', () => {
    expect(readProbe(probe({ text: 'Nurse A. Licence GB-REC-1042.' }))).not.toBeNull();
    expect(readProbe(probe({ text: 'Nurse B. Call +44 20 7946 0018.' }))).not.toBeNull();
    expect(readProbe(probe({ links: ['mailto:jobs@meridiancare.example'] }))).not.toBeNull();
  });

  it('finds nothing to check in an ad that names no one and gives no contact', () => {
    expect(readProbe(probe({ text: 'Nurse C. Apply today, salary £32,000.' }))).toBeNull();
    // A link to the job site itself says nothing about who the recruiter is.
    expect(readProbe(probe({ links: ['https://www.carejobs.example/jobs/2'] }))).toBeNull();
  });
});
