import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

/**
 * Every word the portal shows goes through i18next. Translations live in
 * `locales/<language>/<namespace>.json`, one namespace per feature, and are loaded when a page
 * that needs them is shown, so a public page never downloads the console's words.
 * `locales.spec.ts` checks that every language has every key of English.
 */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
  { code: 'pt', name: 'Português' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const locales = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', {
  import: 'default',
});

export const i18nReady = i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .use(
    resourcesToBackend(async (language: string, namespace: string) => {
      const load = locales[`../locales/${language}/${namespace}.json`];
      if (!load) throw new Error(`no ${namespace} words in ${language}`);
      return load();
    }),
  )
  .init({
    supportedLngs: LANGUAGES.map((l) => l.code),
    fallbackLng: 'en',
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'lang',
      lookupLocalStorage: 'fair-recruit.language',
      caches: ['localStorage'],
    },
    react: { useSuspense: true },
  });

// The page's language is the one actually shown (`fr`, not the browser's `fr-FR`), for screen readers.
i18next.on('languageChanged', (language) => {
  document.documentElement.lang = i18next.resolvedLanguage ?? language.split('-')[0];
});

/**
 * A route loader that starts downloading a page's words when the navigation starts, beside the
 * page's code, instead of after it (one round trip less on a slow phone link). Returns at once.
 */
export const preloadWords =
  (...namespaces: string[]) =>
  () => {
    void i18next.loadNamespaces(namespaces);
    return null;
  };

export { i18next };
