import { isLanguageChoice, t, type LanguageChoice } from './i18n.js';

/** A registry the user follows: where its snapshot is, and the key it must be signed with. */
export interface RegistrySetting {
  /** Base URL, e.g. `https://registry.example`; the snapshot is at `/api/v1/snapshot`. */
  url: string;
  /** Base64 of the raw 32-byte Ed25519 public key, as `GET /api/v1/snapshot/keys` publishes it. */
  publicKey: string;
}

export interface Settings {
  registries: RegistrySetting[];
  /** Draw badges only for ads that are not green. */
  onlyNonGreen: boolean;
  /** The extension's language: the browser's, or one the user chose. */
  language: LanguageChoice;
}

export const SETTINGS_KEY = 'settings';
const MAX_REGISTRIES = 20;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** `https://host[:port]` without a trailing slash, or null when it is not an http(s) URL. */
export function registryBaseUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

export function isPublicKey(value: unknown): value is string {
  return typeof value === 'string' && BASE64_KEY.test(value.trim());
}

/** The registry this build was made for (`PLASMO_PUBLIC_REGISTRY_URL`/`…_PUBLIC_KEY`). */
export function defaultSettings(): Settings {
  const url = registryBaseUrl(process.env.PLASMO_PUBLIC_REGISTRY_URL ?? '');
  const publicKey = (process.env.PLASMO_PUBLIC_REGISTRY_PUBLIC_KEY ?? '').trim();
  return {
    registries: url && isPublicKey(publicKey) ? [{ url, publicKey }] : [],
    onlyNonGreen: false,
    language: 'browser',
  };
}

/** Settings from storage or a message, checked field by field; the reason when they are unusable. */
export function parseSettings(value: unknown): Settings | string {
  if (typeof value !== 'object' || value === null) return t('settings_notObject');
  const { registries, onlyNonGreen, language } = value as Record<string, unknown>;
  if (!Array.isArray(registries) || registries.length > MAX_REGISTRIES) {
    return t('settings_tooMany', MAX_REGISTRIES);
  }
  const parsed: RegistrySetting[] = [];
  for (const [i, registry] of registries.entries()) {
    const fields = (typeof registry === 'object' && registry !== null ? registry : {}) as Record<
      string,
      unknown
    >;
    const url = registryBaseUrl(fields.url);
    if (!url) return t('settings_badAddress', i + 1);
    if (!isPublicKey(fields.publicKey)) {
      return t('settings_badKey', i + 1);
    }
    if (parsed.some((r) => r.url === url)) return t('settings_twice', url);
    parsed.push({ url, publicKey: fields.publicKey.trim() });
  }
  if (typeof onlyNonGreen !== 'boolean') return t('settings_onlyNonGreen');
  // Settings saved before there was a choice have no language: the browser's, as then.
  if (language !== undefined && !isLanguageChoice(language)) return t('settings_language');
  return { registries: parsed, onlyNonGreen, language: language ?? 'browser' };
}

export async function loadSettings(): Promise<Settings> {
  const stored = (await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = stored === undefined ? undefined : parseSettings(stored);
  return typeof parsed === 'object' ? parsed : defaultSettings();
}

export async function saveSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
}
