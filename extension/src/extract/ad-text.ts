import { COUNTRY_NAMES } from '@fair-recruit/domain';

// What the content script reads of an ad, as written on the page. It runs on every page the user
// opens, so it imports nothing from `libs/matching`: contact details (public suffix list, phone
// metadata) are read by the worker from what is sent (`background/ad-contacts.ts`).

/** Enough for every red-flag phrase of a long ad, bounded so a hostile page cannot stall a scan. */
export const MAX_AD_TEXT = 8_000;
/** Links read per ad, and the longest link kept (tracking links run long); the worker reads as many. */
export const MAX_LINKS = 50;
const MAX_LINK_LENGTH = 2_000;

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

/** The `href` of each link in an element, read once for both the card's signature and contacts. */
export function hrefsIn(element: Element): string[] {
  const links = element.querySelectorAll('a[href]');
  const hrefs: string[] = [];
  for (let i = 0; i < links.length && hrefs.length < MAX_LINKS; i++) {
    const href = links[i].getAttribute('href') ?? '';
    if (href.length <= MAX_LINK_LENGTH) hrefs.push(href);
  }
  return hrefs;
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
