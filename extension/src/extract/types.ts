import { mentionsPhoneOrLicence } from './ad-text.js';

/** Where on the page an ad was found. */
export type AdSource = 'json-ld' | 'microdata' | 'site-rule';

/** One job ad read from a page: what the matcher needs, and where to draw its badge. */
export interface ExtractedAd {
  /** The element the badge is drawn beside. */
  anchor: Element;
  source: AdSource;
  /** Which site rule found it (`linkedin`, `generic`, …); absent for structured data. */
  rule?: string;
  title: string;
  organizationName: string;
  /** The ad's own address, when the page gives one; the page's address otherwise. */
  url: string;
  /** Registrable domains of the recruiter's website and e-mail addresses (not the job site's). */
  domains: string[];
  emails: string[];
  /** E.164, from `tel:` links; those written in the text are read by the worker. */
  phones: string[];
  /** Given apart from the text (none yet): those written in the text are read by the worker. */
  licenceNumbers: string[];
  /** The ad's visible text, shortened: red flags are read from it. */
  text: string;
  /** ISO 3166-1 alpha-2, when the ad says where the job is. */
  jobCountry?: string;
}

/** The ad's identity for re-scans: a single-page app that swaps content gets a new badge. */
export function adFingerprint(ad: ExtractedAd): string {
  return `${ad.source}|${ad.organizationName}|${ad.title}|${ad.url}`;
}

/** An ad that names no one and gives no contact has nothing to check against a registry. */
export function isCheckable(ad: ExtractedAd): boolean {
  return (
    ad.organizationName !== '' ||
    ad.domains.length > 0 ||
    ad.emails.length > 0 ||
    ad.phones.length > 0 ||
    ad.licenceNumbers.length > 0 ||
    mentionsPhoneOrLicence(ad.text)
  );
}
