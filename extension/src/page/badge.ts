import type { AdVerdict, ReportPrefill } from '../lib/messages.js';
import { language, statusWord, t } from '../lib/i18n.js';
import { absoluteUrl } from '../lib/urls.js';

export const BADGE_TAG = 'fair-recruit-badge';
export const VERDICT_ATTRIBUTE = 'data-fair-recruit-verdict';

const COLOURS: Readonly<Record<AdVerdict['verdict'], { bg: string; fg: string; mark: string }>> = {
  authorized: { bg: '#dcfce7', fg: '#14532d', mark: '✓' },
  not_authorized: { bg: '#fee2e2', fg: '#7f1d1d', mark: '✕' },
  possible_match: { bg: '#fef3c7', fg: '#78350f', mark: '?' },
  not_found: { bg: '#fef3c7', fg: '#78350f', mark: '!' },
  not_checked: { bg: '#e5e7eb', fg: '#374151', mark: '–' },
};

const STYLE = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 2px 6px; position: relative; z-index: 2147483000; }
button.badge { all: unset; cursor: pointer; font: 600 12px/1.4 system-ui, sans-serif; padding: 2px 8px; border-radius: 10px; max-width: 32em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: inline-block; }
button.badge:focus-visible { outline: 2px solid #1d4ed8; }
.flag { margin-left: 4px; }
.card:focus { outline: none; }
.card { position: absolute; top: 100%; left: 0; width: 22em; background: #fff; color: #111827; border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 10px 12px; font: 13px/1.45 system-ui, sans-serif; white-space: normal; }
.card h2 { font-size: 14px; margin: 0 0 6px; }
.card p, .card li { margin: 4px 0; }
.card ul { padding-left: 18px; margin: 4px 0; }
.card small { color: #4b5563; }
.card a { color: #1d4ed8; }
.card button { font: inherit; margin-top: 8px; padding: 4px 10px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; }
[hidden] { display: none !important; }
${Object.entries(COLOURS)
  .map(([verdict, { bg, fg }]) => `button.badge.${verdict} { background: ${bg}; color: ${fg}; }`)
  .join('\n')}
`;

export interface BadgeActions {
  report(prefill: ReportPrefill): void;
}

export interface BadgeAd {
  organizationName: string;
  url: string;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A badge in a closed shadow root with `all: initial` on the host: page styles neither reach
 * inside nor are needed, and page scripts can neither read the card nor rewrite the label (a page
 * could otherwise turn a red badge green). The verdict is on the host's `data-fair-recruit-verdict`
 * for tests, ours and anyone's (ARCHITECTURE.md); a click on the host lands on the badge, and
 * DevTools and tests that speak its protocol see inside (DOM.getDocument with `pierce`).
 */
export function createBadge(ad: BadgeAd, verdict: AdVerdict, actions: BadgeActions): HTMLElement {
  const host = document.createElement(BADGE_TAG);
  host.setAttribute(VERDICT_ATTRIBUTE, verdict.verdict);
  // The badge speaks the browser's language, whatever the page's: screen readers are told.
  host.lang = language();
  const root = host.attachShadow({ mode: 'closed' });
  styleRoot(root);
  const colours = COLOURS[verdict.verdict];

  const button = element('button');
  // Colours from the shared sheet: an inline style is parsed again for every badge.
  button.className = `badge ${verdict.verdict}`;
  button.textContent = `${colours.mark} ${verdict.label}`;
  button.title = verdict.label;
  button.setAttribute('aria-expanded', 'false');
  if (verdict.redFlags.length > 0) {
    const flag = element('span', `⚠ ${verdict.redFlags.length}`);
    flag.className = 'flag';
    button.append(flag);
  }

  // The card is made on the first click: most badges on a result page are never opened.
  let card: HTMLElement | undefined;
  const show = (open: boolean) => {
    if (!card || card.hidden === !open) return;
    card.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    // Above the badges that follow it on the page, which share the :host z-index.
    host.style.zIndex = open ? '2147483647' : '';
    // A click anywhere else on the page closes it, as a menu or a pop-up would.
    if (open) document.addEventListener('click', closeOnClickOutside, true);
    else document.removeEventListener('click', closeOnClickOutside, true);
  };
  const closeOnClickOutside = (event: Event) => {
    // Seen from the page, a click inside the closed root is a click on the host.
    if (!event.composedPath().includes(host)) show(false);
  };
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (!card) {
      card = element('div');
      card.className = 'card';
      card.hidden = true;
      card.tabIndex = -1;
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', verdict.label);
      fillCard(card, ad, verdict, actions);
      root.append(card);
    }
    const opening = card.hidden;
    show(opening);
    // Keyboard and screen-reader users land in the card, and Escape brings them back.
    if (opening) card.focus();
  });
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key !== 'Escape' || !card || card.hidden) return;
    event.stopPropagation();
    show(false);
    button.focus();
  });
  root.append(button);
  return host;
}

let shared: CSSStyleSheet | null | undefined;

/**
 * One constructed style sheet adopted by every badge, instead of a <style> to parse per badge; a
 * <style> where the engine cannot adopt one from a content script.
 */
function styleRoot(root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(STYLE);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    try {
      root.adoptedStyleSheets = [shared];
      return;
    } catch {
      shared = null;
    }
  }
  root.append(element('style', STYLE));
}

function fillCard(card: HTMLElement, ad: BadgeAd, verdict: AdVerdict, actions: BadgeActions) {
  const record = verdict.record;
  card.append(element('h2', verdict.label));
  if (record) {
    card.append(
      element(
        'p',
        t(
          'card_record',
          record.legalName,
          record.jurisdiction,
          record.registrationNumber,
          statusWord(record.effectiveStatus),
        ),
      ),
    );
    if (record.statusReason) card.append(element('p', t('card_reason', record.statusReason)));
  }
  card.append(element('p', verdict.explanation));
  if (verdict.redFlags.length > 0) {
    card.append(element('p', t('card_redFlagsIntro')));
    const list = element('ul');
    for (const flag of verdict.redFlags) {
      list.append(element('li', t('card_redFlag', flag.explanation, flag.article, flag.evidence)));
    }
    card.append(list);
  }
  if (verdict.snapshotGeneratedAt) {
    card.append(element('small', t('card_snapshotOf', verdict.snapshotGeneratedAt.slice(0, 10))));
  }
  if (record) {
    const link = element('a', t('card_recordLink'));
    link.href = record.publicUrl;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    card.append(element('br'), link);
  }
  const report = element('button', t('card_report'));
  report.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    actions.report({
      recruiterName: ad.organizationName || record?.legalName || '',
      website: verdict.contact?.website,
      email: verdict.contact?.email,
      phone: verdict.contact?.phone,
      jurisdiction: record?.jurisdiction,
      adUrl: absoluteUrl(ad.url, document.baseURI),
      registryUrl: record?.registryUrl,
      redFlags: verdict.redFlags.map((flag) => `${flag.explanation} (“${flag.evidence}”)`),
      redFlagCodes: verdict.redFlags.map((flag) => flag.code),
    });
  });
  card.append(element('br'), report);
}

export type Colour = 'red' | 'amber' | 'green' | 'grey';

export function colourOf(verdict: AdVerdict['verdict']): Colour {
  switch (verdict) {
    case 'authorized':
      return 'green';
    case 'not_authorized':
      return 'red';
    case 'possible_match':
    case 'not_found':
      return 'amber';
    case 'not_checked':
      return 'grey';
  }
}
