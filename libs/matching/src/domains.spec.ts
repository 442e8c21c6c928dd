import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isFreeWebmail, isIdentifyingDomain, registrableDomain } from './domains.js';

describe('registrableDomain', () => {
  it.each([
    ['sub.example.co.uk', 'example.co.uk'],
    ['example.co.uk', 'example.co.uk'],
    ['https://jobs.Example.COM/careers?id=1#apply', 'example.com'],
    ['http://user:secret@www.example.org:8080/x', 'example.org'],
    ['www.example.com.', 'example.com'],
    ['  example.com  ', 'example.com'],
    ['hr@recruit.example.com.ph', 'example.com.ph'],
    ['mailto:Jobs@Example.IE', 'example.ie'],
    ['acme.blogspot.com', 'acme.blogspot.com'],
    ['https://acme.github.io/jobs', 'acme.github.io'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['https://www.xn--mnchen-3ya.de/', 'xn--mnchen-3ya.de'],
    ['jobs@bücher.de', 'xn--bcher-kva.de'],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  it.each([
    '127.0.0.1',
    'http://192.168.1.10/jobs',
    '[::1]',
    'http://[2001:db8::1]/',
    'localhost',
    'foo.localhost',
    'co.uk',
    'example.notatld',
    'not a domain',
    '',
    '@',
    'https://',
  ])('%s → null', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        registrableDomain(input);
      }),
    );
  });
});

describe('isFreeWebmail', () => {
  it.each([
    'gmail.com',
    'jobs.recruit@gmail.com',
    'yahoo.com',
    'yahoo.co.uk',
    'yahoo.fr',
    'outlook.com',
    'hotmail.fr',
    'hotmail.co.uk',
    'live.com',
    'aol.com',
    'icloud.com',
    'proton.me',
    'protonmail.com',
    'gmx.de',
    'gmx.net',
    'mail.ru',
    'yandex.ru',
    'yandex.com',
    'zoho.com',
    'qq.com',
    '163.com',
    'rediffmail.com',
  ])('%s is free webmail', (domain) => {
    expect(isFreeWebmail(domain)).toBe(true);
  });

  it.each(['acmehealth.co.uk', 'nhs.net', 'example.com', 'gmail.example.com', 'not a domain'])(
    '%s is not free webmail',
    (domain) => {
      expect(isFreeWebmail(domain)).toBe(false);
    },
  );
});

describe('isIdentifyingDomain', () => {
  it('rejects webmail and sites where anyone can publish', () => {
    expect(isIdentifyingDomain('gmail.com')).toBe(false);
    expect(isIdentifyingDomain('facebook.com')).toBe(false);
    expect(isIdentifyingDomain('indeed.com')).toBe(false);
    expect(isIdentifyingDomain('acmehealth.co.uk')).toBe(true);
  });
});
