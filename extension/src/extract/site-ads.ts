import { countryCode, hrefsIn, squash } from './ad-text.js';
import type { SiteRule } from './site-rules.js';
import type { ExtractedAd } from './types.js';

/** Far more than any real result page; a page with more cards is hostile or broken. */
export const MAX_CARDS = 3_000;

function first(card: Element, selector: string | undefined): Element | null {
  if (!selector) return null;
  return card.matches(selector) ? card : card.querySelector(selector);
}

/** The country of each location already read: a result page repeats a few locations. */
const countryByLocation = new Map<string, string | undefined>();

function countryOfLocation(location: string): string | undefined {
  if (countryByLocation.has(location)) return countryByLocation.get(location);
  if (countryByLocation.size >= 1_000) countryByLocation.clear();
  const country = countryCode(location.split(',').pop()?.trim() ?? '');
  countryByLocation.set(location, country);
  return country;
}

/**
 * What a card gave last time, kept while the card's text and links stay the same: a page that
 * appends cards, or changes anything at all, is re-scanned whole, and most of its cards have not
 * changed. Per rule, since another rule reads the same card differently.
 */
export type CardCache = WeakMap<Element, { rule: string; signature: string; ad: ExtractedAd }>;

function signatureOf(pageHref: string, text: string, hrefs: readonly string[]): string {
  // The page's address too: a card without a link of its own is an ad at that address.
  return `${pageHref}\n${text}\n${hrefs.join('\n')}`;
}

export interface CardClaims {
  /** Whether a card is already covered by another ad. */
  isTaken(card: Element): boolean;
  claim(card: Element, ad: ExtractedAd): boolean;
}

/** Ads found by one site rule's selectors, each card claimed so that no other rule takes it. */
export function extractBySiteRule(
  doc: Document,
  rule: SiteRule,
  claims: CardClaims,
  cache?: CardCache,
): ExtractedAd[] {
  const ads: ExtractedAd[] = [];
  // Read once: `location.href` is slow to read in Chromium, and was read several times per card.
  const pageHref = doc.location?.href ?? '';
  // A link's address as written, which the worker resolves against the page's (a link's `href`
  // property parses it, a seventh of a first scan's extraction); resolved here where a `<base>`
  // differs.
  const resolveHere = doc.baseURI !== pageHref;
  const cards = doc.querySelectorAll(rule.card);
  for (let i = 0; i < cards.length && ads.length < MAX_CARDS; i++) {
    const card = cards[i];
    if (claims.isTaken(card)) continue;
    const text = card.textContent ?? '';
    const hrefs = hrefsIn(card);
    const signature = cache ? signatureOf(pageHref, text, hrefs) : '';
    const cached = cache?.get(card);
    if (
      cached &&
      cached.rule === rule.name &&
      cached.signature === signature &&
      card.contains(cached.ad.anchor)
    ) {
      if (claims.claim(card, cached.ad)) ads.push(cached.ad);
      continue;
    }
    const companyElement = card.querySelector(rule.company);
    const organizationName = squash(companyElement?.textContent, 300);
    if (organizationName === '') continue;
    const titleElement = card.querySelector(rule.title);
    const link = first(card, rule.link) as HTMLAnchorElement | null;
    const body = squash(text);
    const location = squash(first(card, rule.location)?.textContent, 200);
    const ad: ExtractedAd = {
      anchor: titleElement ?? card,
      source: 'site-rule',
      rule: rule.name,
      title: squash(titleElement?.textContent, 300),
      organizationName,
      url: (resolveHere ? link?.href : link?.getAttribute('href')) || pageHref,
      links: hrefs,
      organizationUrls: [],
      siteUrl: pageHref,
      text: body,
      jobCountry: location === '' ? undefined : countryOfLocation(location),
    };
    cache?.set(card, { rule: rule.name, signature, ad });
    if (claims.claim(card, ad)) ads.push(ad);
  }
  return ads;
}
