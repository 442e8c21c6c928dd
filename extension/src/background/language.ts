import { applyLanguage } from '../lib/i18n.js';
import { loadSettings } from '../lib/settings.js';

// The worker words badges, cards, lookups and statuses: in the language chosen in the options once
// its catalogue is read. The handlers that word anything wait for it.

let ready: Promise<void> = Promise.resolve();

/** Reads the language setting again: when the worker starts, and whenever the settings change. */
export function followLanguageSetting(): Promise<void> {
  ready = loadSettings()
    .then((settings) => applyLanguage(settings.language))
    .catch(() => undefined);
  return ready;
}

/** Settles once the language last read is spoken. */
export function languageReady(): Promise<void> {
  return ready;
}
