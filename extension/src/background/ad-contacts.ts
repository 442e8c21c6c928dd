import {
  emailDomain,
  extractEmails,
  extractLicenceNumbers,
  extractPhones,
  isIdentifyingDomain,
  registrableDomain,
  type JobAd,
} from '@fair-recruit/matching';
import type { AdContact, AdProbe } from '../lib/messages.js';
import { absoluteUrl } from '../lib/urls.js';

// The worker, not the page, reads an ad's contact details: the public suffix list and the phone
// metadata they need are most of `libs/matching`'s weight, and a content script runs on every page
// the user opens, job ads or not. The page sends what it read as written (links, the text).

const MAX_LINKS = 50;

export interface AdContacts {
  /** Registrable domains of the recruiter's website and e-mail addresses (not the job site's). */
  domains: string[];
  emails: string[];
  /** E.164, from `tel:` links; those written in the text are read by the matcher from the text. */
  phones: string[];
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

function addDomain(into: Set<string>, raw: string, exclude: string | null): void {
  const domain = registrableDomain(raw);
  if (domain && domain !== exclude && isIdentifyingDomain(domain)) into.add(domain);
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The recruiter's contact details in an ad: e-mail addresses written in its text, `mailto:`/`tel:`
 * links, the organization's own addresses (`organizationUrls`), and the domains of links that
 * leave the job site (`exclude`, the site's own registrable domain).
 */
export function contactsOf(
  text: string,
  links: readonly string[],
  exclude: string | null,
  organizationUrls: readonly string[] = [],
): AdContacts {
  const emails = new Set(text.includes('@') ? extractEmails(text) : []);
  const phones = new Set<string>();
  const domains = new Set<string>();
  for (let i = 0; i < organizationUrls.length && i < MAX_LINKS; i++) {
    addDomain(domains, organizationUrls[i], exclude);
  }
  for (let i = 0; i < links.length && i < MAX_LINKS; i++) {
    const href = links[i];
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
  return { domains: [...domains], emails: [...emails], phones: [...phones] };
}

let lastSite: { url: string; domain: string | null } | undefined;

/** The job site's own domain, parsed once per address rather than once per ad. */
function siteDomain(url: string): string | null {
  if (url === '') return null;
  if (lastSite?.url !== url) lastSite = { url, domain: registrableDomain(url) };
  return lastSite.domain;
}

/** An ad as the matcher takes it, and what the report form is prefilled with. */
export interface ReadAd {
  ad: JobAd;
  contact: AdContact;
}

/**
 * What the worker makes of an ad the page sent: its contact details read, or null when the ad
 * names no one and gives no contact, licence or phone number (nothing to check it against).
 */
export function readProbe(probe: AdProbe): ReadAd | null {
  const { domains, emails, phones } = contactsOf(
    probe.text,
    probe.links,
    siteDomain(probe.siteUrl),
    probe.organizationUrls,
  );
  const textPhones = phonesIn(probe.text);
  const checkable =
    probe.organizationName !== '' ||
    domains.length > 0 ||
    emails.length > 0 ||
    phones.length > 0 ||
    textPhones.length > 0 ||
    // Folds and scans the text, which the matcher does again: only for an ad with nothing else.
    extractLicenceNumbers(probe.text).length > 0;
  if (!checkable) return null;
  return {
    ad: {
      organizationName: probe.organizationName,
      url: absoluteUrl(probe.url, probe.siteUrl),
      domains,
      emails,
      phones,
      text: probe.text,
      jobCountry: probe.jobCountry,
    },
    contact: { website: domains[0], email: emails[0], phone: phones[0] ?? textPhones[0] },
  };
}
