import { parse } from 'tldts';

// Private suffixes (blogspot.com, github.io, …) count as suffixes: two blogs on blogspot.com are
// two owners, not one.
const TLDTS_OPTIONS = { allowPrivateDomains: true, detectIp: true } as const;
// The same, for input already known to be a bare lower-case ASCII host: skips URL parsing and
// hostname validation (BARE_ASCII_HOST has done it).
const TLDTS_HOST_OPTIONS = {
  allowPrivateDomains: true,
  detectIp: true,
  extractHostname: false,
  mixedInputs: false,
  validateHostname: false,
} as const;
const BARE_ASCII_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const NON_ASCII = /[\u0080-\uffff]/;
const RESERVED_FOR_EXAMPLES: ReadonlySet<string> = new Set(['example', 'test']);

/**
 * Internationalized hosts are compared in their ASCII (punycode) form, which is what a browser's
 * `location.hostname` gives. The WHATWG URL parser does the IDNA mapping in Node and browsers.
 */
function toAsciiHost(host: string): string | null {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/** The host part of a URL, a bare host or an e-mail address, lower case; null if there is none. */
function hostOf(input: string): string | null {
  let value = input.trim();
  if (value === '') return null;
  if (/^mailto:/i.test(value)) value = value.slice('mailto:'.length);
  // An e-mail address (no scheme): the host is after the last "@".
  if (!value.includes('://') && value.includes('@'))
    value = value.slice(value.lastIndexOf('@') + 1);
  if (NON_ASCII.test(value)) {
    const withScheme = value.includes('://') ? value : `http://${value}`;
    try {
      return new URL(withScheme).hostname || null;
    } catch {
      return toAsciiHost(value.split(/[/?#:]/, 1)[0] ?? '');
    }
  }
  return value.toLowerCase();
}

/**
 * The registrable domain ("eTLD+1") of a URL, bare host or e-mail address, by the public suffix
 * list: "https://jobs.example.co.uk/x" and "hr@example.co.uk" both give "example.co.uk".
 * Null for IP addresses, localhost, unknown top-level domains and anything that is not a host.
 */
export function registrableDomain(input: string): string | null {
  if (typeof input !== 'string') return null;
  const host = hostOf(input);
  if (!host) return null;
  const result = BARE_ASCII_HOST.test(host)
    ? parse(host, TLDTS_HOST_OPTIONS)
    : parse(host, TLDTS_OPTIONS);
  if (result.isIp || !result.domain) return null;
  // A host under a suffix the list does not know ("foo.localhost", "bar.invalid") is not public,
  // except the TLDs reserved for documentation and tests (RFC 2606, RFC 6761): the demo registry
  // and the test suites use them so that no fictional recruiter can ever name a real firm.
  if (!result.isIcann && !result.isPrivate && !RESERVED_FOR_EXAMPLES.has(result.publicSuffix ?? ''))
    return null;
  return result.domain.replace(/\.$/, '');
}

/**
 * Free and consumer mailbox providers: an address there says nothing about who owns it, so such a
 * domain never identifies a recruiter.
 */
export const FREE_WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'aol.com',
  'aim.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'pm.me',
  'protonmail.com',
  'protonmail.ch',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'fastmail.com',
  'hushmail.com',
  'zoho.com',
  'zohomail.com',
  'zohomail.in',
  'mail.com',
  'email.com',
  'usa.com',
  'post.com',
  'inbox.com',
  'lycos.com',
  'excite.com',
  'rediffmail.com',
  'rediff.com',
  'sify.com',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'internet.ru',
  'rambler.ru',
  'ya.ru',
  'ukr.net',
  'i.ua',
  'meta.ua',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'wanadoo.fr',
  'laposte.net',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'libero.it',
  'virgilio.it',
  'alice.it',
  'tiscali.it',
  'terra.com.br',
  'bol.com.br',
  'uol.com.br',
  'ig.com.br',
  'sapo.pt',
  'seznam.cz',
  'centrum.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'abv.bg',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'comcast.net',
  'att.net',
  'sbcglobal.net',
  'verizon.net',
  'cox.net',
  'bigpond.com',
  'optusnet.com.au',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'xtra.co.nz',
  'mweb.co.za',
  'telkomsa.net',
  'yopmail.com',
  'mailinator.com',
  'guerrillamail.com',
]);

/**
 * Providers that run the same free service under many country domains (yahoo.fr, hotmail.co.uk,
 * gmx.de, yandex.kz, …), matched by the registrable domain's label before the public suffix.
 */
const FREE_WEBMAIL_BRANDS: ReadonlySet<string> = new Set([
  'yahoo',
  'ymail',
  'rocketmail',
  'hotmail',
  'outlook',
  'live',
  'windowslive',
  'msn',
  'gmail',
  'aol',
  'gmx',
  'yandex',
  'rediffmail',
]);

/** Whether a domain, host or e-mail address belongs to a free or consumer mailbox provider. */
export function isFreeWebmail(domainOrAddress: string): boolean {
  const domain = registrableDomain(domainOrAddress);
  return domain !== null && isFreeWebmailDomain(domain);
}

/** `isFreeWebmail` for a value that is already a registrable domain (no parsing). */
function isFreeWebmailDomain(domain: string): boolean {
  if (FREE_WEBMAIL_DOMAINS.has(domain)) return true;
  return FREE_WEBMAIL_BRANDS.has(domain.slice(0, domain.indexOf('.')));
}

/**
 * Multi-tenant sites (social networks, link shorteners, job boards) where many unrelated
 * recruiters have a page. A registry entry that lists "facebook.com" as a website must not make
 * every ad posted on Facebook look like that recruiter's.
 */
export const SHARED_PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'facebook.com',
  'fb.com',
  'fb.me',
  'instagram.com',
  'linkedin.com',
  'twitter.com',
  'x.com',
  'tiktok.com',
  'youtube.com',
  'whatsapp.com',
  'wa.me',
  't.me',
  'telegram.me',
  'telegram.org',
  'viber.com',
  'google.com',
  'goo.gl',
  'bit.ly',
  'linktr.ee',
  'wordpress.com',
  'indeed.com',
  'glassdoor.com',
  'monster.com',
  'jooble.org',
  'craigslist.org',
]);

/**
 * Whether a registrable domain (the output of `registrableDomain`) can identify one recruiter:
 * not a free mailbox provider and not a site where anyone can publish.
 */
export function isIdentifyingDomain(domain: string): boolean {
  return !SHARED_PLATFORM_DOMAINS.has(domain) && !isFreeWebmailDomain(domain);
}
