// Unit tests run outside a browser: this stands in for the one browser API every module of the
// extension may call at load (`chrome.i18n`), answering from the English catalogue as the browser
// would with its default locale. Installed by Jest before each extension test file.
import en from '../../locales/en/messages.json';

type Catalogue = Record<string, { message: string }>;

/** What `i18n.getMessage` does with a message: `$n` is substitution n, `$$` a dollar sign. */
export function substitute(message: string, values: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (values[Number(which) - 1] ?? ''),
  );
}

const i18n = {
  getMessage(key: string, substitutions?: string | string[]): string {
    const values = substitutions === undefined ? [] : [substitutions].flat();
    const entry = (en as Catalogue)[key];
    return entry ? substitute(entry.message, values) : '';
  },
  getUILanguage: () => 'en',
};

Object.assign(globalThis, { chrome: { ...(globalThis as { chrome?: object }).chrome, i18n } });
