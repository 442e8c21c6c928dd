import { findUnstorableText } from './nul-bytes.js';

describe(findUnstorableText.name, () => {
  it('names the field that holds a NUL, however deep', () => {
    expect(findUnstorableText({ q: 'a\u0000b' })?.field).toBe('q');
    expect(findUnstorableText({ fees: [{ amount: 1 }, { currency: 'E\u0000' }] })).toEqual({
      field: 'fees[1].currency',
      message: 'must not contain the NUL character',
    });
    expect(findUnstorableText({ ['bad\u0000key']: 1 })?.field).toBe('bad\u0000key');
  });

  // Found by the fuzz suite: `{"reference":"\ud800"}` reached a jsonb column and answered 500.
  it('names the field that holds a lone surrogate, high or low, anywhere in the text', () => {
    for (const text of ['\ud800', 'a\ud800', '\udc00b', 'x\udbffy', '\udfff\ud800']) {
      expect(findUnstorableText({ status: 'authorized', reference: text })).toEqual({
        field: 'reference',
        message: 'must be valid Unicode text (it holds a lone surrogate)',
      });
    }
    expect(findUnstorableText({ list: ['ok', { ['k\ud83d']: 1 }] })?.field).toBe('list[1].k\ud83d');
  });

  it('passes clean input of any shape, emoji (surrogate pairs) included', () => {
    expect(
      findUnstorableText({ q: 'Société 🙂', list: ['a', 1, null], nested: { deep: true } }),
    ).toBeNull();
    expect(findUnstorableText('\ud83d\ude42')).toBeNull();
    expect(findUnstorableText(undefined)).toBeNull();
  });
});
