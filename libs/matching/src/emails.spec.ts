import { describe, expect, it } from '@jest/globals';
import { emailDomain, extractEmails } from './emails.js';

describe('extractEmails', () => {
  it('finds addresses in text, lower case, once each', () => {
    const text =
      'Send CV to HR.Jobs@Acme-Health.co.uk, or hr.jobs@acme-health.co.uk. Follow @acme on X.';
    expect(extractEmails(text)).toEqual(['hr.jobs@acme-health.co.uk']);
  });

  it('keeps internationalized domains and ignores trailing punctuation', () => {
    expect(extractEmails('(contact: info@bücher.de).')).toEqual(['info@bücher.de']);
  });
});

describe('emailDomain', () => {
  it('is the part after the last @', () => {
    expect(emailDomain('A@B.example.COM')).toBe('b.example.com');
    expect(emailDomain('no-at-sign')).toBeNull();
    expect(emailDomain('trailing@')).toBeNull();
  });
});
