import { extractPhones } from '@fair-recruit/matching';
import { phonesIn, squash } from './ad-text.js';

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

describe('squash', () => {
  it.each([
    ['Meridian Care Staffing Ltd', 300, 'Meridian Care Staffing Ltd'],
    ['  Meridian\n\tCare  Staffing ', 300, 'Meridian Care Staffing'],
    ['Care\u00a0Staffing', 300, 'Care Staffing'],
    ['Meridian Care', 8, 'Meridian'],
    [' Meridian Care', 9, 'Meridian '],
  ])('turns %j into one line of at most %i characters', (text, max, expected) => {
    expect(squash(text, max)).toBe(expected);
  });
});
