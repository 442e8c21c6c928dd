import { countryCode, hrefsIn, squash } from './ad-text.js';
import type { ExtractedAd } from './types.js';

const MAX_ITEMS = 2_000;

/** The values of `itemprop` that belong to `scope` itself, not to an item nested inside it. */
function ownProperties(scope: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const element of scope.querySelectorAll(`[itemprop~="${name}"]`)) {
    const owner = element.parentElement?.closest('[itemscope]');
    if (owner === scope) found.push(element);
  }
  return found;
}

function propertyValue(element: Element | undefined): string {
  if (!element) return '';
  if (element.hasAttribute('itemscope')) {
    return propertyValue(ownProperties(element, 'name')[0]) || squash(element.textContent, 300);
  }
  const attribute =
    element.getAttribute('content') ??
    element.getAttribute('href') ??
    element.getAttribute('src') ??
    element.getAttribute('datetime');
  return squash(attribute ?? element.textContent, 300);
}

/** Ads marked up with schema.org `JobPosting` microdata (`itemscope itemtype=…/JobPosting`). */
export function extractMicrodataAds(doc: Document): ExtractedAd[] {
  const ads: ExtractedAd[] = [];
  const pageHref = doc.location?.href ?? '';
  const items = doc.querySelectorAll('[itemscope][itemtype*="schema.org/JobPosting" i]');
  for (let i = 0; i < items.length && i < MAX_ITEMS; i++) {
    const item = items[i];
    const organization = ownProperties(item, 'hiringOrganization')[0];
    const organizationName = propertyValue(organization);
    const title = propertyValue(ownProperties(item, 'title')[0]);
    const organizationUrls = organization?.hasAttribute('itemscope')
      ? [...ownProperties(organization, 'url'), ...ownProperties(organization, 'sameAs')].map(
          (element) => propertyValue(element),
        )
      : [];
    const country = item.querySelector('[itemprop~="addressCountry"]');
    const body = squash(item.textContent);
    const url = propertyValue(ownProperties(item, 'url')[0]);
    ads.push({
      anchor: ownProperties(item, 'title')[0] ?? item,
      source: 'microdata',
      title,
      organizationName,
      url: url || pageHref,
      links: hrefsIn(item),
      organizationUrls,
      siteUrl: pageHref,
      text: body,
      jobCountry: countryCode(propertyValue(country ?? undefined)),
    });
  }
  return ads;
}
