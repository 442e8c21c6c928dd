import { extractPhones } from '@fair-recruit/matching';
import { phonesIn } from './ad-text.js';

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
  ])('finds what extractPhones finds in %j', (text) => {
    expect(phonesIn(text)).toEqual(extractPhones(text));
  });

  it('finds international numbers and leaves text without a "+" and seven digits alone', () => {
    expect(phonesIn('Call +44 20 7946 0321 to apply.')).toEqual(['+442079460321']);
    expect(phonesIn('Band 5, £32,000, 37.5 hours, licence GB-REC-0001234')).toEqual([]);
  });
});
