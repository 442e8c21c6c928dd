import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { extractLicenceNumbers, normalizeLicence } from './licences.js';

describe('normalizeLicence', () => {
  it('keeps upper-case letters and digits only', () => {
    expect(normalizeLicence(' gb-rec/00.123 ')).toBe('GBREC00123');
    expect(normalizeLicence('074-LB-0312-SA')).toBe('074LB0312SA');
    expect(normalizeLicence('Nº 12 345')).toBe('NO12345');
  });

  it('folds printable ASCII as it folds any text (ASCII skips the Unicode folding)', () => {
    const unicodeFold = (value: string) =>
      value
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toUpperCase()
        .replace(/[^\p{L}\p{N}]/gu, '');
    fc.assert(
      fc.property(fc.stringMatching(/^[\x20-\x7e]{0,30}$/), (value) => {
        expect(normalizeLicence(value)).toBe(unicodeFold(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('extractLicenceNumbers', () => {
  it.each([
    ['Licence No. GB-REC-00123', 'GBREC00123'],
    ['DMW License No. 123-LB-03-45-2020', '123LB03452020'],
    ['POEA Lic. 074-LB-0312-SA', '074LB0312SA'],
    ['licencia n.º 1234', '1234'],
    ['Licencia Nº 5678-B', '5678B'],
    ['agrément n° ABC-123', 'ABC123'],
    ['Agrément N°ABC-123', 'ABC123'],
    ['registration number: 12345678', '12345678'],
    ['Registration No 1-2345678 (CQC)', '12345678'],
    ['Registo n.º 45/2019-ACT', '452019ACT'],
    ['licença nº 9876', '9876'],
    ['licence #A-778', 'A778'],
  ])('%s → %s', (text, expected) => {
    expect(extractLicenceNumbers(`We are a licensed agency. ${text}. Apply now.`)).toEqual([
      expected,
    ]);
  });

  it('finds every number an ad quotes, once each', () => {
    const text =
      'POEA Lic. 074-LB-0312-SA / DMW License No. 123-LB-03-45-2020. POEA Lic. 074-LB-0312-SA';
    expect(extractLicenceNumbers(text)).toEqual(['074LB0312SA', '123LB03452020']);
  });

  it.each([
    'Call us on +44 20 7123 4567 or 0800 123 456.',
    'Salary £30,000 - £35,000 per annum, registration fee £300 paid by us.',
    'Licensed since 2015 and registered with the NMC.',
    'Nurse registration required. Licence: valid UK PIN.',
    'Registration 2024 intake.',
  ])('finds nothing in %s', (text) => {
    expect(extractLicenceNumbers(text)).toEqual([]);
  });
});
