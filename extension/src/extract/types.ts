import type { AdProbe } from '../lib/messages.js';

/** Where on the page an ad was found. */
export type AdSource = 'json-ld' | 'microdata' | 'site-rule';

/** One job ad read from a page: what is sent to the worker, and where to draw its badge. */
export interface ExtractedAd extends AdProbe {
  /** The element the badge is drawn beside. */
  anchor: Element;
  source: AdSource;
  /** Which site rule found it (`linkedin`, `generic`, …); absent for structured data. */
  rule?: string;
  title: string;
}

/** The ad's identity for re-scans: a single-page app that swaps content gets a new badge. */
export function adFingerprint(ad: ExtractedAd): string {
  return `${ad.source}|${ad.organizationName}|${ad.title}|${ad.url}`;
}
