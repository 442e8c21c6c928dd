import { afterEach, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyLanguage, language, substitute, t, type Language } from './i18n.js';

type Catalogue = Record<string, { message: string; description?: string }>;

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));
const read = (language: string): Catalogue =>
  JSON.parse(readFileSync(join(LOCALES, language, 'messages.json'), 'utf8')) as Catalogue;
const en = read('en');
const languages = readdirSync(LOCALES);
const placeholders = (message: string) => (message.match(/\$[1-9]/g) ?? []).sort();

describe('the catalogues', () => {
  it('are English, French, Spanish and Portuguese', () => {
    expect(languages.sort()).toEqual(['en', 'es', 'fr', 'pt']);
  });

  describe.each(languages)('%s', (language) => {
    const catalogue = read(language);

    it('has every message of the English one, and no other', () => {
      expect(Object.keys(catalogue)).toEqual(Object.keys(en));
    });

    it('says which language it is', () => {
      expect(catalogue.language.message).toBe(language);
    });

    it('keeps each message’s substitutions, and no other dollar sign', () => {
      const wrong = Object.entries(catalogue).filter(
        ([key, { message }]) =>
          message.trim() === '' ||
          // $1…$9 are substitutions and $$ a dollar sign; anything else the browser mangles.
          /\$(?![1-9$])/.test(message.replace(/\$\$/g, '')) ||
          placeholders(message).join() !== placeholders(en[key].message).join(),
      );
      expect(wrong).toEqual([]);
    });

    it('fits the stores’ limits on the name and description', () => {
      expect(catalogue.extensionName.message.length).toBeLessThanOrEqual(75);
      expect(catalogue.extensionDescription.message.length).toBeLessThanOrEqual(132);
    });
  });
});

describe(t.name, () => {
  afterEach(() => applyLanguage('browser'));
  const fromFiles = (chosen: Language) => Promise.resolve(read(chosen));

  it('gives the message with its substitutions', () => {
    expect(t('label_authorizedUntil', 'Test Registry', '2027-03-31')).toBe(
      'Authorized — Test Registry, valid until 2027-03-31',
    );
    expect(t('popup_counts', 2, 0, 5)).toBe('2 red, 0 amber, 5 green on this page.');
  });

  it('speaks the language chosen in the options, then the browser’s again', async () => {
    await applyLanguage('fr', fromFiles);
    expect(language()).toBe('fr');
    expect(t('popup_counts', 2, 0, 5)).toBe('2 en rouge, 0 en orange, 5 en vert sur cette page.');
    await applyLanguage('pt', fromFiles);
    expect(t('status_suspended')).toBe(read('pt').status_suspended.message);
    await applyLanguage('browser', fromFiles);
    expect(language()).toBe('en');
    expect(t('popup_counts', 2, 0, 5)).toBe('2 red, 0 amber, 5 green on this page.');
  });

  it('falls back to the browser’s language for a catalogue it cannot read or a missing message', async () => {
    await applyLanguage('es', () => Promise.reject(new Error('gone')));
    expect(language()).toBe('en');
    await applyLanguage('es', () => Promise.resolve({ language: { message: 'es' } }));
    expect(language()).toBe('es');
    expect(t('status_revoked')).toBe('Revoked');
  });
});

describe(substitute.name, () => {
  it('replaces $1…$9 in order, a missing one by nothing, and $$ by a dollar sign', () => {
    expect(substitute('$2 then $1, $3; $$5', ['a', 'b'])).toBe('b then a, ; $5');
  });
});
