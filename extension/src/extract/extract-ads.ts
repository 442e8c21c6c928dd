import { extractJsonLdAds } from './json-ld.js';
import { extractMicrodataAds } from './microdata.js';
import { extractBySiteRule, type CardCache, type CardClaims } from './site-ads.js';
import { rulesFor } from './site-rules.js';
import type { ExtractedAd } from './types.js';

export interface ExtractOptions {
  /** The page's host name, for per-site rules; the document's own by default. */
  hostname?: string;
  /** Elements to leave alone: the extension's own badges. */
  ignore?: (element: Element) => boolean;
  /** Kept by the caller across scans of one page, so that unchanged cards are not read again. */
  cache?: CardCache;
}

const MICRODATA_JOB = '[itemscope][itemtype*="schema.org/JobPosting" i]';

/**
 * Cards are claimed once: a card inside, or around, an ad already found is the same ad, and so is
 * a card that shows a structured posting's recruiter and title, or another card's recruiter, title
 * and link. Cards with the same recruiter and title but links of their own are ads of their own (a
 * firm advertising "Staff Nurse" in three hospitals).
 */
class Claims implements CardClaims {
  private readonly claimed = new Set<Element>();
  private readonly holdsClaimed = new WeakSet<Element>();
  /** Recruiter and title of the structured postings. */
  private readonly postings = new Set<string>();
  /** Recruiter, title and link of the cards taken. */
  private readonly cards = new Set<string>();

  constructor(
    structured: readonly ExtractedAd[],
    private readonly ignore: ((element: Element) => boolean) | undefined,
    private readonly hasMicrodata: boolean,
  ) {
    for (const ad of structured) {
      // A posting that names no one may turn out to have nothing to check (the worker decides, from
      // its text): it leaves its card to a site rule, which reads the name the card shows.
      if (ad.organizationName === '' && ad.organizationUrls.length === 0) continue;
      this.mark(ad.anchor);
      this.postings.add(nameKey(ad));
    }
  }

  isTaken(card: Element): boolean {
    if (this.ignore?.(card) === true || this.holdsClaimed.has(card)) return true;
    for (let node: Element | null = card; node; node = node.parentElement) {
      if (this.claimed.has(node)) return true;
    }
    return (
      this.hasMicrodata &&
      (card.closest(MICRODATA_JOB) !== null || card.querySelector(MICRODATA_JOB) !== null)
    );
  }

  claim(card: Element, ad: ExtractedAd): boolean {
    if (ad.title !== '') {
      const name = nameKey(ad);
      const shown = `${name}|${ad.url}`;
      if (this.postings.has(name) || this.cards.has(shown)) return false;
      this.cards.add(shown);
    }
    this.mark(card);
    return true;
  }

  private mark(element: Element): void {
    this.claimed.add(element);
    for (let node = element.parentElement; node && !this.holdsClaimed.has(node);) {
      this.holdsClaimed.add(node);
      node = node.parentElement;
    }
  }
}

function nameKey(ad: ExtractedAd): string {
  return `${ad.organizationName}|${ad.title}`;
}

/**
 * Every job ad on a page: structured data first (JSON-LD, microdata), then per-site rules and
 * generic job cards for what structured data did not cover. Never throws on a hostile page.
 */
export function extractAds(doc: Document, options: ExtractOptions = {}): ExtractedAd[] {
  const ads: ExtractedAd[] = [];
  const safely = (extract: () => ExtractedAd[]) => {
    try {
      ads.push(...extract());
    } catch {
      // One extractor failing on odd markup must not cost the others' ads.
    }
  };
  safely(() => extractJsonLdAds(doc));
  safely(() => extractMicrodataAds(doc));
  const claims = new Claims(ads, options.ignore, doc.querySelector(MICRODATA_JOB) !== null);
  const hostname = options.hostname ?? doc.location?.hostname ?? '';
  for (const rule of rulesFor(hostname)) {
    safely(() => extractBySiteRule(doc, rule, claims, options.cache));
  }
  return options.ignore ? ads.filter((ad) => !options.ignore!(ad.anchor)) : ads;
}
