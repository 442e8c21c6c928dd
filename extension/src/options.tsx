import { useEffect, useState } from 'react';
import type { RegistryStatus } from './lib/messages.js';
import {
  loadSettings,
  parseSettings,
  registryBaseUrl,
  saveSettings,
  type Settings,
} from './lib/settings.js';
import { send } from './lib/send.js';
import {
  declarePageLanguage,
  InLanguage,
  page,
  RegistryLine,
  Section,
  wideField,
} from './lib/ui.js';
import { applyLanguage, t, type LanguageChoice } from './lib/i18n.js';

/** Each language in its own words, as a language menu lists them. */
const LANGUAGE_NAMES = [
  ['en', 'English'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['pt', 'Português'],
] as const;

export default function Options() {
  return (
    <InLanguage title="options_title">
      <OptionsPage />
    </InLanguage>
  );
}

function OptionsPage() {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [statuses, setStatuses] = useState<RegistryStatus[]>([]);
  const [url, setUrl] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [message, setMessage] = useState('');

  const reloadStatus = async () => setStatuses((await send('status', {})).registries);

  useEffect(() => {
    void loadSettings().then(setSettings);
    void reloadStatus();
  }, []);

  /** Whether the settings were valid and saved; otherwise the message says what is wrong. */
  const save = async (next: Settings): Promise<boolean> => {
    const parsed = parseSettings(next);
    if (typeof parsed === 'string') {
      setMessage(parsed);
      return false;
    }
    await saveSettings(parsed);
    setSettings(parsed);
    setMessage(t('options_saved'));
    return true;
  };

  const refresh = async () => {
    setMessage(t('options_refreshing'));
    setStatuses((await send('refresh', {})).registries);
    setMessage(t('options_refreshed'));
  };

  // A registry added or removed is downloaded or dropped at once, so that the list of snapshots
  // below says straight away whether its address and key work.
  const saveAndRefresh = async (next: Settings): Promise<boolean> => {
    if (!(await save(next))) return false;
    await refresh();
    return true;
  };

  // The page itself switches first, so that "Saved." is said in the language just chosen.
  const chooseLanguage = async (language: LanguageChoice) => {
    if (!settings) return;
    await applyLanguage(language);
    declarePageLanguage('options_title');
    await save({ ...settings, language });
  };

  const add = async () => {
    if (!settings) return;
    const base = registryBaseUrl(url);
    const added = await saveAndRefresh({
      ...settings,
      registries: [...settings.registries, { url: base ?? url, publicKey: publicKey.trim() }],
    });
    // What was typed stays to be corrected when it was refused.
    if (!added) return;
    setUrl('');
    setPublicKey('');
  };

  if (!settings) return <main style={page}>…</main>;
  return (
    <main style={{ ...page, maxWidth: 640 }}>
      <h1 style={{ fontSize: 18 }}>{t('options_title')}</h1>
      <Section title={t('registriesYouFollow')}>
        <ul style={{ paddingLeft: 18 }}>
          {settings.registries.map((registry) => (
            <li key={registry.url}>
              <code>{registry.url}</code>{' '}
              <small>{t('options_key', registry.publicKey.slice(0, 12))}</small>{' '}
              <button
                type="button"
                onClick={() =>
                  void saveAndRefresh({
                    ...settings,
                    registries: settings.registries.filter((r) => r.url !== registry.url),
                  })
                }
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>{t('options_addRegistry')}</legend>
          <label>
            {t('options_address')}{' '}
            <input
              name="registry-url"
              value={url}
              placeholder="https://registry.example"
              onChange={(event) => setUrl(event.target.value)}
              style={wideField}
            />
          </label>{' '}
          <label>
            {t('options_publicKey')}{' '}
            <input
              name="registry-public-key"
              value={publicKey}
              onChange={(event) => setPublicKey(event.target.value)}
              style={wideField}
            />
          </label>{' '}
          <button type="button" onClick={() => void add()}>
            {t('options_add')}
          </button>
        </fieldset>
      </Section>
      <Section title={t('options_badges')}>
        <label>
          <input
            type="checkbox"
            name="only-non-green"
            checked={settings.onlyNonGreen}
            onChange={(event) => void save({ ...settings, onlyNonGreen: event.target.checked })}
          />{' '}
          {t('options_onlyNonGreen')}
        </label>
      </Section>
      <Section title={t('options_language')}>
        <select
          name="language"
          aria-label={t('options_language')}
          value={settings.language}
          onChange={(event) => void chooseLanguage(event.target.value as LanguageChoice)}
        >
          <option value="browser">{t('options_languageBrowser')}</option>
          {LANGUAGE_NAMES.map(([code, name]) => (
            <option key={code} value={code} lang={code}>
              {name}
            </option>
          ))}
        </select>
      </Section>
      <Section title={t('options_snapshots')}>
        <ul style={{ paddingLeft: 18 }}>
          {statuses.map((registry) => (
            <RegistryLine key={registry.url} registry={registry} />
          ))}
        </ul>
        <button type="button" onClick={() => void refresh()}>
          {t('options_refreshNow')}
        </button>
      </Section>
      <p role="status">{message}</p>
    </main>
  );
}
