import type { PlasmoCSConfig } from 'plasmo';
import { applyLanguage, type LanguageChoice } from '../lib/i18n.js';
import { SNAPSHOTS_CHANGED_KEY, type AdVerdict } from '../lib/messages.js';
import { send } from '../lib/send.js';
import { SETTINGS_KEY, loadSettings } from '../lib/settings.js';
import { Scanner } from '../page/scanner.js';

export const config: PlasmoCSConfig = {
  matches: ['http://*/*', 'https://*/*'],
  // Employers' career pages embed their job board (Greenhouse, Lever, Workday…) in a frame.
  all_frames: true,
  run_at: 'document_idle',
};

let onlyNonGreen = false;
let language: LanguageChoice = 'browser';
let languageLoaded: Promise<void> | undefined;

/**
 * The language chosen in the options, its catalogue asked of the worker once: only when the page
 * has ads to badge, so that a page without any does not wake the worker.
 */
function loadLanguage(): Promise<void> {
  languageLoaded ??= applyLanguage(language, async (chosen) => {
    const answer = await send('catalogue', { language: chosen });
    if (!answer?.ok) throw new Error('no catalogue');
    return answer.catalogue;
  });
  return languageLoaded;
}

const scanner = new Scanner(document, {
  async match(ads) {
    try {
      const [answer] = await Promise.all([
        send('match-ads', { adsJson: JSON.stringify(ads) }),
        loadLanguage(),
      ]);
      return answer?.ok ? (JSON.parse(answer.verdictsJson) as (AdVerdict | null)[]) : null;
    } catch {
      return null;
    }
  },
  summary(counts) {
    // The address as the page shows it now: the sender's URL is where the document was loaded,
    // before any history.pushState of a single-page app.
    void send('page-summary', { counts, page: location.href }).catch(() => undefined);
  },
  report(prefill) {
    void send('open-report', { prefill }).catch(() => undefined);
  },
  onlyNonGreen: () => onlyNonGreen,
});

async function start(): Promise<void> {
  ({ onlyNonGreen, language } = await loadSettings());
  await scanner.scan();
  scanner.observe();
  // A router can change the address without touching the page (a filter in the query string).
  // The popup counts a tab's ads only at the address they were reported for, so scan again: a scan
  // that finds nothing new still reports the counts, with the new address.
  navigationOf(window)?.addEventListener('currententrychange', () => scanner.schedule());
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (SNAPSHOTS_CHANGED_KEY in changes) {
      // A registry's new snapshot (a recruiter suspended an hour ago), or one followed or dropped:
      // the badges already on this page may be wrong now.
      void scanner.recheck();
    } else if (SETTINGS_KEY in changes) {
      void loadSettings().then((settings) => {
        if (settings.onlyNonGreen === onlyNonGreen && settings.language === language) return;
        onlyNonGreen = settings.onlyNonGreen;
        if (settings.language !== language) {
          language = settings.language;
          languageLoaded = undefined;
        }
        void scanner.recheck();
      });
    }
  });
}

/** The Navigation API (Chromium 102+; not in TypeScript's DOM types yet), if the browser has it. */
function navigationOf(view: Window): EventTarget | undefined {
  return (view as Window & { navigation?: EventTarget }).navigation;
}

void start().catch(() => undefined);
