// The extension speaks the browser's language where it has it (English, French, Spanish,
// Portuguese) through the browser's own `i18n` API: the catalogues are `locales/<lang>/messages.json`
// (Plasmo ships them as `_locales`, English the default), and the content script, the worker and
// the pages all read the one the browser picked. A health worker whose browser is in another
// language can choose one in the options: each part of the extension then reads that catalogue
// once (`applyLanguage`) and `t` answers from it. Messages take `$1`…`$9`, replaced as
// `getMessage` replaces them. Nothing of the catalogues is bundled: the content script runs on
// every page.

/** Every message has a key in the English catalogue, the default one. */
export type MessageKey = keyof typeof import('../../locales/en/messages.json');

export const LANGUAGES = ['en', 'fr', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The language the user chose in the options: the browser's, or one of ours. */
export type LanguageChoice = 'browser' | Language;

/** A catalogue as shipped (`_locales/<lang>/messages.json`). */
export type Catalogue = Readonly<Record<string, { message: string }>>;

type Substitution = string | number;

/** The catalogue chosen in the options, once read; null: the browser's, through `chrome.i18n`. */
let chosen: Catalogue | null = null;

/** What `i18n.getMessage` does with a message: `$n` is substitution n, `$$` a dollar sign. */
export function substitute(message: string, values: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (values[Number(which) - 1] ?? ''),
  );
}

/** The message `key` in the extension's language, `$1`… replaced by `substitutions` in order. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const values = substitutions.map(String);
  const entry = chosen?.[key];
  if (entry) return substitute(entry.message, values);
  let message: string | undefined;
  try {
    message = chrome.i18n.getMessage(key, values);
  } catch {
    // A content script whose extension was updated or removed under it.
  }
  // A key missing from every catalogue shows as itself rather than as nothing.
  return message || key;
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'browser' || LANGUAGES.includes(value as Language);
}

/** A catalogue read from the extension's files: what the worker and the extension's pages can do. */
export async function readCatalogue(language: Language): Promise<Catalogue> {
  const response = await fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`));
  if (!response.ok) throw new Error(`no catalogue for ${language}`);
  return (await response.json()) as Catalogue;
}

/**
 * Speaks `choice` from now on in this part of the extension (the worker, a page, a content
 * script); `read` gets the catalogue where `readCatalogue` cannot (a content script asks the
 * worker). A catalogue that cannot be read leaves the browser's language.
 */
export async function applyLanguage(
  choice: LanguageChoice,
  read: (language: Language) => Promise<Catalogue> = readCatalogue,
): Promise<void> {
  if (choice === 'browser') {
    chosen = null;
    return;
  }
  try {
    chosen = await read(choice);
  } catch {
    chosen = null;
  }
}

/** The language of the catalogue in use (`en`, `fr`, `es`, `pt`), for `lang` attributes. */
export function language(): string {
  return t('language');
}

/**
 * A registration's status (stored, or `expired`) as a word for a badge or a card: "Suspended",
 * "Not yet authorized"; "Not authorized" for anything else.
 */
export function statusWord(status: string): string {
  switch (status) {
    case 'authorized':
      return t('status_authorized');
    case 'suspended':
      return t('status_suspended');
    case 'revoked':
      return t('status_revoked');
    case 'expired':
      return t('status_expired');
    case 'refused':
      return t('status_refused');
    case 'pending':
      return t('status_pending');
    default:
      return t('status_notAuthorized');
  }
}

/**
 * A registration's standing in a sentence: "suspended in GB", "authorized in GB until 2027-03-31",
 * "authorization in GB expired on 2026-01-31". `notStartedFrom`: the first day of an authorization
 * that has not started yet.
 */
export function standingPhrase(
  status: string,
  jurisdiction: string,
  authorizedUntil: string | null,
  notStartedFrom?: string | null,
): string {
  if (status === 'authorized' && notStartedFrom) {
    return t('standing_notStarted', jurisdiction, notStartedFrom);
  }
  switch (status) {
    case 'authorized':
      return authorizedUntil
        ? t('standing_authorizedUntil', jurisdiction, authorizedUntil)
        : t('standing_authorized', jurisdiction);
    case 'expired':
      return t('standing_expired', jurisdiction, authorizedUntil ?? '');
    case 'pending':
      return t('standing_pending', jurisdiction);
    case 'refused':
      return t('standing_refused', jurisdiction);
    case 'suspended':
      return t('standing_suspended', jurisdiction);
    default:
      return t('standing_revoked', jurisdiction);
  }
}
