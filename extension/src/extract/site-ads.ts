import { contactsOf, countryCode, squash } from './ad-text.js';
import type { SiteRule } from './site-rules.js';
import type { ExtractedAd } from './types.js';

/** Far more than any real result page; a page with more cards is hostile or broken. */
export const MAX_CARDS = 3_000;

function first(card: Element, selector: string | undefined): Element | null {
  if (!selector) return null;
  return card.matches(selector) ? card : card.querySelector(selector);
}

function countryOfLocation(location: string): string | undefined {
  const last = location.split(',').pop()?.trim() ?? '';
  return countryCode(last);
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
): ExtractedAd[] {
  const ads: ExtractedAd[] = [];
  const cards = doc.querySelectorAll(rule.card);
  for (let i = 0; i < cards.length && ads.length < MAX_CARDS; i++) {
    const card = cards[i];
    if (claims.isTaken(card)) continue;
    const companyElement = card.querySelector(rule.company);
    const organizationName = squash(companyElement?.textContent, 300);
    if (organizationName === '') continue;
    const titleElement = card.querySelector(rule.title);
    const link = first(card, rule.link) as HTMLAnchorElement | null;
    const body = squash(card.textContent);
    const location = squash(first(card, rule.location)?.textContent, 200);
    const ad: ExtractedAd = {
      anchor: titleElement ?? card,
      source: 'site-rule',
      rule: rule.name,
      title: squash(titleElement?.textContent, 300),
      organizationName,
      url: link?.href || (doc.location?.href ?? ''),
      ...contactsOf(body, card),
      text: body,
      jobCountry: location === '' ? undefined : countryOfLocation(location),
    };
    if (claims.claim(card, ad)) ads.push(ad);
  }
  return ads;
}
