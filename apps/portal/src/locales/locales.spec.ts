import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every language has every word English has, with the same {{placeholders}}, and no extra ones. */
const LOCALES = join(import.meta.dirname);
const LANGUAGES = ['en', 'fr', 'es', 'pt'];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
const read = (language: string, file: string) =>
  flatten(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Tree);

describe('translations', () => {
  const namespaces = readdirSync(join(LOCALES, 'en')).filter((f) => f.endsWith('.json'));

  it('has namespaces', () => {
    expect(namespaces).toContain('common.json');
  });

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    for (const file of namespaces) {
      it(`${language}/${file} has exactly the keys and placeholders of en/${file}`, () => {
        const english = read('en', file);
        const other = read(language, file);
        expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
        for (const [key, text] of english) {
          expect({ key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({
            key,
            placeholders: placeholders(text),
          });
          expect({ key, empty: (other.get(key) ?? '').trim() === '' }).toEqual({
            key,
            empty: false,
          });
        }
      });
    }
  }
});
