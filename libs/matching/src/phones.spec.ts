import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  extractPhones,
  phoneProbe,
  phoneProbeMatches,
  phoneProbesInText,
  toE164,
} from './phones.js';

describe('toE164', () => {
  it('reads international and national forms', () => {
    expect(toE164('+44 20 7123 4567')).toBe('+442071234567');
    expect(toE164('020 7123 4567', 'GB')).toBe('+442071234567');
    expect(toE164('0803 123 4567', 'ng')).toBe('+2348031234567');
    expect(toE164('(02) 8123 4567', 'PH')).toBe('+63281234567');
  });

  it('gives null for what is not a phone number', () => {
    expect(toE164('020 7123 4567')).toBeNull();
    expect(toE164('12')).toBeNull();
    expect(toE164('call me')).toBeNull();
    expect(toE164('', 'GB')).toBeNull();
    expect(toE164('020 7123 4567', 'XX')).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string({ maxLength: 3 })), (raw, country) => {
        toE164(raw, country ?? undefined);
      }),
    );
  });
});

describe('extractPhones', () => {
  it('finds numbers in text, once each, and not salaries', () => {
    const text =
      'Call +44 20 7123 4567 or 020 7123 4567. WhatsApp +234 803 123 4567. Salary £30,000 - £35,000.';
    expect(extractPhones(text, 'GB')).toEqual(['+442071234567', '+2348031234567']);
  });
});

describe('phone probes', () => {
  it('match a registry number written internationally or nationally', () => {
    const registry = '442071234567';
    expect(phoneProbeMatches(phoneProbe('+44 (0)20 7123 4567')!, registry)).toBe(true);
    expect(phoneProbeMatches(phoneProbe('0044 20 7123 4567')!, registry)).toBe(true);
    expect(phoneProbeMatches(phoneProbe('020 7123 4567')!, registry)).toBe(true);
    expect(phoneProbeMatches(phoneProbe('+1 20 7123 4567')!, registry)).toBe(false);
    expect(phoneProbeMatches(phoneProbe('7123 4567')!, registry)).toBe(false);
  });

  it('skip short runs of digits in text', () => {
    expect(phoneProbesInText('Band 6, 37.5 hours, 2 years, start 2025-01-15')).toEqual([]);
    expect(phoneProbesInText('Call 0207 123 4567')).toEqual([
      { digits: '2071234567', international: false },
    ]);
  });
});
