import { describe, expect, it } from '@jest/globals';
import { HashedItems, HashedLookup, hashString } from './hashed-lookup.js';

/** Items are positions in `keys`; `hash` decides how badly keys collide. */
class WordLookup extends HashedLookup<string> {
  constructor(
    private readonly words: readonly string[],
    private readonly hash: (key: string) => number,
    collapseRepeats = true,
  ) {
    const items = new HashedItems();
    words.forEach((word, item) => items.push(hash(word), item));
    super(items, collapseRepeats);
  }

  protected keyOf(item: number): string | null {
    return this.words[item] === '' ? null : this.words[item];
  }

  protected valueOf(item: number): string {
    return `${this.words[item]}#${item}`;
  }

  protected hashOfKey(key: string): number {
    return this.hash(key);
  }
}

const KEYS = ['alpha', 'beta', 'alpha', 'gamma', '', 'beta', 'alpha'];

describe(HashedLookup.name, () => {
  it('answers every value of a key in the order the items were added', () => {
    const lookup = new WordLookup(KEYS, hashString);

    expect(lookup.get('alpha')).toEqual(['alpha#0', 'alpha#2', 'alpha#6']);
    expect(lookup.get('gamma')).toEqual(['gamma#3']);
    expect(lookup.get('delta')).toBeUndefined();
    expect(lookup.has('beta')).toBe(true);
    expect(lookup.has('delta')).toBe(false);
  });

  it('gives the right answers when every key has the same hash', () => {
    const lookup = new WordLookup(KEYS, () => 42);

    expect(lookup.get('alpha')).toEqual(['alpha#0', 'alpha#2', 'alpha#6']);
    expect(lookup.get('beta')).toEqual(['beta#1', 'beta#5']);
    expect(lookup.get('delta')).toBeUndefined();
  });

  it('behaves as the Map a list-per-key index would be, keys in order of first item', () => {
    const lookup = new WordLookup(KEYS, () => 7);
    const expected = new Map([
      ['alpha', ['alpha#0', 'alpha#2', 'alpha#6']],
      ['beta', ['beta#1', 'beta#5']],
      ['gamma', ['gamma#3']],
    ]);

    expect(lookup.size).toBe(3);
    expect([...lookup]).toEqual([...expected]);
    expect([...lookup.keys()]).toEqual([...expected.keys()]);
    expect([...lookup.values()]).toEqual([...expected.values()]);
    const seen: string[] = [];
    lookup.forEach((values, key, map) => {
      expect(map).toBe(lookup);
      seen.push(`${key}:${values.length}`);
    });
    expect(seen).toEqual(['alpha:3', 'beta:2', 'gamma:1']);
  });

  it('leaves out a value that repeats its predecessor only when asked to', () => {
    class Repeating extends WordLookup {
      protected override valueOf(): string {
        return 'same';
      }
    }
    expect(new Repeating(['a', 'a'], hashString).get('a')).toEqual(['same']);
    expect(new Repeating(['a', 'a'], hashString, false).get('a')).toEqual(['same', 'same']);
  });

  it('is empty, and says so without counting, when nothing was added', () => {
    const lookup = new WordLookup([], hashString);

    expect(lookup.isEmpty).toBe(true);
    expect(lookup.size).toBe(0);
    expect(lookup.get('alpha')).toBeUndefined();
    expect(new WordLookup(['a'], hashString).isEmpty).toBe(false);
  });

  it('answers undefined for a key that is not a string', () => {
    expect(new WordLookup(KEYS, hashString).get(7 as unknown as string)).toBeUndefined();
  });
});
