import { COUNTRY_NAMES } from '@fair-recruit/domain';
import {
  emailDomain,
  extractEmails,
  extractLicenceNumbers,
  extractPhones,
  isIdentifyingDomain,
  registrableDomain,
} from '@fair-recruit/matching';

/** Enough for every red-flag phrase of a long ad, bounded so a hostile page cannot stall a scan. */
export const MAX_AD_TEXT = 8_000;
const MAX_LINKS = 50;

export interface AdContacts {
  domains: string[];
  emails: string[];
  phones: string[];
  licenceNumbers: string[];
}

/**
 * Whether an ad's text gives a phone number or a licence number. The worker reads both from the
 * text it is sent, so a scan does not; this is for the rare ad that gives nothing else.
 */
export function mentionsPhoneOrLicence(text: string): boolean {
  return phonesIn(text).length > 0 || extractLicenceNumbers(text).length > 0;
}

// What libphonenumber can find in text without a default country: a "+" (it reads nothing else as
// a country code), then digits in blocks joined by up to four punctuation marks; and the matcher
// ignores numbers of fewer than seven digits. Most ads have none. libphonenumber is then given only
// the stretch around each such number: it costs a parse, and a thrown error, for every other run of
// digits in the text (salaries, dates, hours), none of which it could read without a "+" anyway.
const INTERNATIONAL_PHONE =
  /[+\uFF0B][^\p{L}\p{Nd}]{0,9}\p{Nd}(?:[^\p{L}\p{Nd}]{0,4}\p{Nd}){6}(?:[^\p{L}\p{Nd}]{0,4}\p{Nd})*/gu;
/** Enough text either side for libphonenumber's checks of what surrounds a number. */
const PHONE_CONTEXT = 40;

/** Phone numbers in an ad's text (E.164), as `extractPhones` finds them, at a fraction of the cost. */
export function phonesIn(text: string): string[] {
  const stretches: [number, number][] = [];
  for (const match of text.matchAll(INTERNATIONAL_PHONE)) {
    const from = Math.max(0, match.index - PHONE_CONTEXT);
    const to = Math.min(text.length, match.index + match[0].length + PHONE_CONTEXT);
    const last = stretches[stretches.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else stretches.push([from, to]);
  }
  const found = new Set<string>();
  for (const [from, to] of stretches) {
    for (const phone of extractPhones(text.slice(from, to))) found.add(phone);
  }
  return [...found];
}

/** Whitespace that `squash` would change: a run, a character other than a space, or at an end. */
const UNSQUASHED = /^\s|\s$|\s\s|[^\S ]/;

export function squash(text: string | null | undefined, max = MAX_AD_TEXT): string {
  if (!text) return '';
  const bounded = text.length > max * 2 ? text.slice(0, max * 2) : text;
  // Most names and titles, and many cards, are already squashed: testing is cheaper than replacing.
  if (!UNSQUASHED.test(bounded)) return bounded.length > max ? bounded.slice(0, max) : bounded;
  return bounded.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Text of HTML written inside JSON-LD (`description` is usually HTML). */
export function htmlToText(html: string): string {
  return squash(html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/g, ' '));
}

let lastPage: { href: string; domain: string | null } | undefined;

/** The job site's own domain, parsed once per address rather than once per card. */
export function pageDomain(href: string): string | null {
  if (lastPage?.href !== href) lastPage = { href, domain: registrableDomain(href) };
  return lastPage.domain;
}

/** The `href` of each link in an element, read once for both the card's signature and contacts. */
export function hrefsIn(element: Element): string[] {
  const links = element.querySelectorAll('a[href]');
  const hrefs: string[] = [];
  for (let i = 0; i < links.length; i++) hrefs.push(links[i].getAttribute('href') ?? '');
  return hrefs;
}

function addDomain(into: Set<string>, raw: string, exclude: string | null): void {
  const domain = registrableDomain(raw);
  if (domain && domain !== exclude && isIdentifyingDomain(domain)) into.add(domain);
}

/**
 * The recruiter's contact details in an ad: e-mail addresses written in its text, `mailto:`/`tel:`
 * links, and the domains of links that leave the job site (`exclude`, the site's own domain).
 * Phones and licence numbers written in the text are left to the worker, which reads them from
 * the ad's text anyway: reading them here too was a large part of a first scan.
 */
export function contactsOf(
  text: string,
  hrefs: readonly string[],
  exclude: string | null,
  extraUrls: string[] = [],
): AdContacts {
  const emails = new Set(extractEmails(text));
  const phones = new Set<string>();
  const domains = new Set<string>();
  for (const url of extraUrls) addDomain(domains, url, exclude);

  for (let i = 0; i < hrefs.length && i < MAX_LINKS; i++) {
    const href = hrefs[i];
    if (/^mailto:/i.test(href)) {
      for (const address of extractEmails(decodeSafely(href.slice(7).split('?')[0]))) {
        emails.add(address);
      }
    } else if (/^tel:/i.test(href)) {
      for (const phone of extractPhones(decodeSafely(href.slice(4)))) phones.add(phone);
    } else if (/^https?:\/\//i.test(href)) {
      addDomain(domains, href, exclude);
    }
  }
  for (const address of emails) addDomain(domains, emailDomain(address) ?? '', null);
  return {
    domains: [...domains],
    emails: [...emails],
    phones: [...phones],
    licenceNumbers: [],
  };
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const COUNTRY_BY_NAME: ReadonlyMap<string, string> = new Map([
  ...Object.entries(COUNTRY_NAMES).map(([code, name]): [string, string] => [
    name.toLowerCase(),
    code,
  ]),
  ['united kingdom', 'GB'],
  ['uk', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['northern ireland', 'GB'],
  ['usa', 'US'],
]);

/** ISO 3166-1 alpha-2 from a code or an English country name; undefined otherwise. */
export function countryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed))
    return trimmed.toUpperCase() === 'UK' ? 'GB' : trimmed.toUpperCase();
  return COUNTRY_BY_NAME.get(trimmed.toLowerCase());
}
