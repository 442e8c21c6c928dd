import { extractAds } from '../extract/extract-ads.js';
import type { CardCache } from '../extract/site-ads.js';
import { adFingerprint, type ExtractedAd } from '../extract/types.js';
import type { AdProbe, AdVerdict, PageCounts, ReportPrefill } from '../lib/messages.js';
import { SCAN_MEASURE, measure } from '../lib/timing.js';
import { BADGE_TAG, colourOf, createBadge, type Colour } from './badge.js';

export interface ScannerPorts {
  /** A verdict per ad, null for an ad with nothing to check; null for the batch on failure. */
  match(ads: AdProbe[]): Promise<(AdVerdict | null)[] | null>;
  summary(counts: PageCounts): void;
  report(prefill: ReportPrefill): void;
  onlyNonGreen(): boolean;
}

const BATCH = 250;
export const DEBOUNCE_MS = 300;

interface Shown {
  fingerprint: string;
  host: HTMLElement | null;
  /** Null for an ad the worker found nothing to check in: no badge, not counted. */
  colour: Colour | null;
}

/** What the worker is sent of an ad: not the element, nor how it was found. */
function probeOf(ad: ExtractedAd): AdProbe {
  return {
    organizationName: ad.organizationName,
    url: ad.url,
    links: ad.links,
    organizationUrls: ad.organizationUrls,
    siteUrl: ad.siteUrl,
    text: ad.text,
    jobCountry: ad.jobCountry,
  };
}

/**
 * Finds the ads on a page, asks the worker for their verdicts and draws a badge beside each.
 * Ads already badged are not sent again; an anchor whose ad changed (a single-page app) is.
 */
export class Scanner {
  private readonly shown = new WeakMap<Element, Shown>();
  private readonly cards: CardCache = new WeakMap();
  private readonly ours = new WeakSet<Element>();
  private live: Element[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private again = false;
  /** Main-thread time of the last scan, extraction and drawing (not the worker's matching). */
  lastScanMs = 0;

  constructor(
    private readonly doc: Document,
    private readonly ports: ScannerPorts,
  ) {}

  isOurs = (element: Element): boolean => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      if (this.ours.has(node)) return true;
    }
    return false;
  };

  observe(): MutationObserver {
    const observer = new MutationObserver((mutations) => {
      const foreign = mutations.some(
        (mutation) =>
          !this.ours.has(mutation.target as Element) &&
          ![...mutation.addedNodes].every((node) => this.ours.has(node as Element)),
      );
      if (foreign) this.schedule();
    });
    observer.observe(this.doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    return observer;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), DEBOUNCE_MS);
  }

  /** One scan; a scan asked for while one runs happens right after it. */
  scan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = this.scanOnce().finally(() => {
      this.scanning = undefined;
      if (this.again) {
        this.again = false;
        void this.scan();
      }
    });
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const started = performance.now();
    let ads: ExtractedAd[];
    try {
      ads = extractAds(this.doc, { ignore: this.isOurs, cache: this.cards });
    } catch {
      return;
    }
    const fresh = ads.filter((ad) => this.shown.get(ad.anchor)?.fingerprint !== adFingerprint(ad));
    const extractMs = performance.now() - started;
    let drawMs = 0;
    this.live = this.live.filter((anchor) => anchor.isConnected);
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const verdicts = await this.ports.match(batch.map(probeOf));
      if (!verdicts || verdicts.length !== batch.length) continue;
      const drawing = performance.now();
      batch.forEach((ad, j) => this.draw(ad, verdicts[j]));
      drawMs += performance.now() - drawing;
    }
    this.lastScanMs = extractMs + drawMs;
    if (this.live.length > 0 || fresh.length > 0) this.ports.summary(this.counts());
    measure(
      SCAN_MEASURE,
      started,
      {
        mainThreadMs: this.lastScanMs,
        extractMs,
        drawMs,
        ads: ads.length,
        fresh: fresh.length,
      },
      { clear: true },
    );
  }

  private draw(ad: ExtractedAd, verdict: AdVerdict | null): void {
    const previous = this.shown.get(ad.anchor);
    previous?.host?.remove();
    const colour = verdict ? colourOf(verdict.verdict) : null;
    let host: HTMLElement | null = null;
    if (verdict && !(colour === 'green' && this.ports.onlyNonGreen())) {
      host = createBadge(ad, verdict, { report: (prefill) => this.ports.report(prefill) });
      this.ours.add(host);
      if (ad.anchor === this.doc.body) ad.anchor.prepend(host);
      else ad.anchor.insertAdjacentElement('afterend', host);
    }
    if (!previous) this.live.push(ad.anchor);
    this.shown.set(ad.anchor, { fingerprint: adFingerprint(ad), host, colour });
  }

  counts(): PageCounts {
    const counts: PageCounts = { red: 0, amber: 0, green: 0, grey: 0 };
    for (const anchor of this.live) {
      const shown = anchor.isConnected ? this.shown.get(anchor) : undefined;
      if (shown?.colour) counts[shown.colour] += 1;
    }
    return counts;
  }
}

export { BADGE_TAG };
