// The extension speaks the browser's language where it has it (English, French, Spanish,
// Portuguese) through the browser's own `i18n` API: the catalogues are `locales/<lang>/messages.json`
// (Plasmo ships them as `_locales`, English the default), and the content script, the worker and
// the pages all read the one the browser picked. Messages take `$1`…`$9`, which `getMessage`
// replaces. Nothing of the catalogues is bundled: the content script runs on every page.

/** Every message has a key in the English catalogue, the default one. */
export type MessageKey = keyof typeof import('../../locales/en/messages.json');

type Substitution = string | number;

/** The message `key` in the browser's language, `$1`… replaced by `substitutions` in order. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  let message: string | undefined;
  try {
    message = chrome.i18n.getMessage(key, substitutions.map(String));
  } catch {
    // A content script whose extension was updated or removed under it.
  }
  // A key missing from every catalogue shows as itself rather than as nothing.
  return message || key;
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
