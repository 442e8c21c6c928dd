// Unit tests run outside a browser: this stands in for the one browser API every module of the
// extension may call at load (`chrome.i18n`), answering from the English catalogue as the browser
// would with its default locale. Installed by Jest before each extension test file.
import { readFileSync } from 'node:fs';
// The extension's own copy of the browser's substitution, which a chosen language goes through.
import { substitute } from '../lib/i18n.js';

type Catalogue = Record<string, { message: string }>;

// Read rather than imported: Jest is deprecating JSON imports without an import attribute.
const en = JSON.parse(
  readFileSync(new URL('../../locales/en/messages.json', import.meta.url), 'utf8'),
) as Catalogue;

const i18n = {
  getMessage(key: string, substitutions?: string | string[]): string {
    const values = substitutions === undefined ? [] : [substitutions].flat();
    const entry = en[key];
    return entry ? substitute(entry.message, values) : '';
  },
  getUILanguage: () => 'en',
};

Object.assign(globalThis, { chrome: { ...(globalThis as { chrome?: object }).chrome, i18n } });
