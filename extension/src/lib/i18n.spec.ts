import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { t } from './i18n.js';

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
  it('gives the message with its substitutions', () => {
    expect(t('label_authorizedUntil', 'Test Registry', '2027-03-31')).toBe(
      'Authorized — Test Registry, valid until 2027-03-31',
    );
    expect(t('popup_counts', 2, 0, 5)).toBe('2 red, 0 amber, 5 green on this page.');
  });
});
