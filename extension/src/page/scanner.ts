import { extractAds } from '../extract/extract-ads.js';
import type { CardCache } from '../extract/site-ads.js';
import { adFingerprint, type ExtractedAd } from '../extract/types.js';
import type { AdProbe, AdVerdict, PageCounts, ReportPrefill } from '../lib/messages.js';
import { DRAW_MEASURE, SCAN_MEASURE, measure } from '../lib/timing.js';
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
/**
 * Badges are drawn as their ads come within a screen's height of the visible part of the page
 * (and of a scrolling list inside it): a result page of 500 ads shows a dozen, and drawing the
 * other badges before the reader scrolls to them would be most of a scan's work.
 */
const DRAW_AHEAD = '100%';
/** How long a scan waits for the badges on screen: a tab not shown draws none until it is. */
const FIRST_DRAW_WAIT_MS = 500;

interface Shown {
  fingerprint: string;
  /** The `Scanner.generation` it was checked in: an older one is checked again. */
  checked: number;
  host: HTMLElement | null;
  /** Null for an ad the worker found nothing to check in: no badge, not counted. */
  colour: Colour | null;
  /** The badge to draw when the ad comes near the screen. */
  pending?: { ad: ExtractedAd; verdict: AdVerdict };
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
  /** Null where the engine has no IntersectionObserver: every badge is then drawn at once. */
  private readonly nearScreen: IntersectionObserver | null;
  /** Running totals of the badges drawn and the time it took, whether in a scan or after it. */
  private drawnMs = 0;
  private drawnBadges = 0;
  /** Ads observed since the observer last reported: it reports each new one once, near or not. */
  private unreported = false;
  private afterDraw: (() => void)[] = [];
  /** Bumped by `recheck`: ads checked in an earlier generation are sent to the worker again. */
  private generation = 0;
  /**
   * Main-thread time of the last scan: extraction and drawing of the badges near the screen (not
   * the worker's matching, nor badges drawn later as the page scrolls).
   */
  lastScanMs = 0;

  constructor(
    private readonly doc: Document,
    private readonly ports: ScannerPorts,
  ) {
    // The content script's own (Firefox hands a content script the page's through a wrapper).
    const Observer = globalThis.IntersectionObserver as typeof IntersectionObserver | undefined;
    // `scrollMargin` reaches into scrolling lists (LinkedIn's, say) where the engine knows it.
    const options = { rootMargin: `${DRAW_AHEAD} 0px`, scrollMargin: DRAW_AHEAD };
    this.nearScreen = Observer
      ? new Observer((entries) => this.drawNearScreen(entries), options)
      : null;
  }

  /**
   * Whether an element is one of our badges or inside one. Asked of every card in a scan: the
   * engine finds the nearest badge-named element, where walking every ancestor took a fifth of a
   * first scan's extraction; a page may name its own elements so, which are not ours.
   */
  isOurs = (element: Element): boolean => {
    for (
      let host = element.closest(BADGE_TAG);
      host;
      host = host.parentElement?.closest(BADGE_TAG) ?? null
    ) {
      if (this.ours.has(host)) return true;
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

  /**
   * Checks every ad on the page again, badged or not, on the next scan: what ads are matched
   * against, or which badges are shown, changed.
   */
  recheck(): Promise<void> {
    // A scan already under way keeps its generation: what it places is checked again after it.
    this.generation++;
    return this.scan();
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
    const generation = this.generation;
    let ads: ExtractedAd[];
    try {
      ads = extractAds(this.doc, { ignore: this.isOurs, cache: this.cards });
    } catch {
      return;
    }
    const fresh = ads.filter((ad) => {
      const shown = this.shown.get(ad.anchor);
      return shown?.checked !== generation || shown.fingerprint !== adFingerprint(ad);
    });
    const extractMs = performance.now() - started;
    let drawMs = 0;
    this.live = this.live.filter((anchor) => {
      if (anchor.isConnected) return true;
      this.nearScreen?.unobserve(anchor); // gone before it was ever near the screen
      return false;
    });
    const badgesBefore = this.drawnBadges;
    const drawnMsBefore = this.drawnMs;
    let waiting = 0;
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const verdicts = await this.ports.match(batch.map(probeOf));
      if (!verdicts || verdicts.length !== batch.length) continue;
      const drawing = performance.now();
      batch.forEach((ad, j) => (waiting += this.place(ad, verdicts[j], generation) ? 1 : 0));
      drawMs += performance.now() - drawing;
    }
    if (this.live.length > 0 || fresh.length > 0) this.ports.summary(this.counts());
    // The scan's work includes drawing what is on screen, which the observer does next frame.
    if (this.unreported) await this.nextDraw();
    drawMs += this.drawnMs - drawnMsBefore;
    const drawn = this.drawnBadges - badgesBefore;
    this.lastScanMs = extractMs + drawMs;
    measure(
      SCAN_MEASURE,
      started,
      {
        mainThreadMs: this.lastScanMs,
        extractMs,
        drawMs,
        ads: ads.length,
        fresh: fresh.length,
        drawn,
        drawLater: Math.max(0, waiting - drawn),
      },
      { clear: true },
    );
  }

  /** Records an ad's verdict and draws its badge, or has it drawn near the screen (then true). */
  private place(ad: ExtractedAd, verdict: AdVerdict | null, generation: number): boolean {
    const previous = this.shown.get(ad.anchor);
    previous?.host?.remove();
    if (!previous) this.live.push(ad.anchor);
    const colour = verdict ? colourOf(verdict.verdict) : null;
    const shown: Shown = {
      fingerprint: adFingerprint(ad),
      checked: generation,
      host: null,
      colour,
    };
    this.shown.set(ad.anchor, shown);
    if (!verdict || (colour === 'green' && this.ports.onlyNonGreen())) {
      if (previous?.pending) this.nearScreen?.unobserve(ad.anchor);
      return false;
    }
    if (!this.nearScreen) {
      shown.host = this.draw(ad, verdict);
      return false;
    }
    shown.pending = { ad, verdict };
    // Observed again if its previous badge still waits, so that the observer reports it anew.
    if (previous?.pending) this.nearScreen.unobserve(ad.anchor);
    this.nearScreen.observe(ad.anchor);
    this.unreported = true;
    return true;
  }

  private draw(ad: ExtractedAd, verdict: AdVerdict): HTMLElement {
    const host = createBadge(ad, verdict, { report: (prefill) => this.ports.report(prefill) });
    this.ours.add(host);
    this.drawnBadges += 1;
    if (ad.anchor === this.doc.body) ad.anchor.prepend(host);
    else ad.anchor.insertAdjacentElement('afterend', host);
    return host;
  }

  private drawNearScreen(entries: IntersectionObserverEntry[]): void {
    const started = performance.now();
    this.unreported = false;
    let badges = 0;
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const anchor = entry.target;
      this.nearScreen?.unobserve(anchor);
      const shown = this.shown.get(anchor);
      if (!shown?.pending || !anchor.isConnected) continue;
      shown.host = this.draw(shown.pending.ad, shown.pending.verdict);
      shown.pending = undefined;
      badges += 1;
    }
    const ms = performance.now() - started;
    this.drawnMs += ms;
    if (badges > 0) measure(DRAW_MEASURE, started, { mainThreadMs: ms, badges }, { clear: true });
    const waiting = this.afterDraw;
    this.afterDraw = [];
    for (const resolve of waiting) resolve();
  }

  /** After the observer's next report, or soon in a tab the engine does not render. */
  private nextDraw(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, FIRST_DRAW_WAIT_MS);
      this.afterDraw.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
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
