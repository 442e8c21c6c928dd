import { findNulField } from './nul-bytes.js';

describe(findNulField.name, () => {
  it('names the field that holds a NUL, however deep', () => {
    expect(findNulField({ q: 'a\u0000b' })).toBe('q');
    expect(findNulField({ fees: [{ amount: 1 }, { currency: 'E\u0000' }] })).toBe(
      'fees[1].currency',
    );
    expect(findNulField({ ['bad\u0000key']: 1 })).toBe('bad\u0000key');
  });

  it('passes clean input of any shape', () => {
    expect(findNulField({ q: 'Société', list: ['a', 1, null], nested: { deep: true } })).toBeNull();
    expect(findNulField(undefined)).toBeNull();
  });
});
