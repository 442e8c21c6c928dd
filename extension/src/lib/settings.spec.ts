import { describe, expect, it } from '@jest/globals';
import { parseSettings } from './settings.js';

const registry = { url: 'https://registry.example', publicKey: `${'A'.repeat(43)}=` };

describe(parseSettings.name, () => {
  it('keeps the language chosen, and reads settings saved before there was one as the browser’s', () => {
    expect(parseSettings({ registries: [registry], onlyNonGreen: false, language: 'fr' })).toEqual({
      registries: [registry],
      onlyNonGreen: false,
      language: 'fr',
    });
    expect(parseSettings({ registries: [registry], onlyNonGreen: true })).toEqual({
      registries: [registry],
      onlyNonGreen: true,
      language: 'browser',
    });
  });

  it('says what is wrong with a language it does not have', () => {
    for (const language of ['de', 'FR', '', null, 3]) {
      expect(parseSettings({ registries: [], onlyNonGreen: false, language })).toBe(
        "The language must be the browser's, or English, French, Spanish or Portuguese.",
      );
    }
  });
});
