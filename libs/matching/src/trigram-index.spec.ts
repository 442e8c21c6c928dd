import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { nameSimilarity, normalizeName } from './normalize.js';
import { TrigramIndex } from './trigram-index.js';

const OPTIONS = { minSimilarity: 0.5, limit: 3 };

/** pg_trgm's trigrams of a normalized name, distinct, in order of first appearance. */
function trigramsInOrder(name: string): string[] {
  const trigrams: string[] = [];
  for (const word of name.split(' ')) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const trigram = padded.slice(i, i + 3);
      if (!trigrams.includes(trigram)) trigrams.push(trigram);
    }
  }
  return trigrams;
}

/**
 * The search as first written, with strings and Maps: rarest lists first within a budget of 2,500
 * postings, the 8 entries with most shared trigrams (the lower entry first among equals) that
 * can still reach the threshold scored exactly, one hit per value. The index must answer exactly
 * this.
 */
function referenceSearch<T>(
  entries: readonly [T, string][],
  query: string,
  { minSimilarity, limit }: { minSimilarity: number; limit: number },
) {
  if (query === '' || entries.length === 0) return [];
  const lists = new Map<string, number[]>();
  const trigramsOf = entries.map(([, name]) => trigramsInOrder(name));
  trigramsOf.forEach((trigrams, entry) => {
    for (const trigram of trigrams) lists.set(trigram, [...(lists.get(trigram) ?? []), entry]);
  });
  const queryTrigrams = trigramsInOrder(query);
  const known = queryTrigrams.filter((trigram) => lists.has(trigram));
  if (known.length === 0) return [];
  const sorted = [...known].sort((a, b) => lists.get(a)!.length - lists.get(b)!.length);
  if (lists.get(sorted[0])!.length > 2500) return [];
  let read = 0;
  const readLists: number[][] = [];
  for (const trigram of sorted) {
    const list = lists.get(trigram)!;
    if (read + list.length > 2500) break;
    read += list.length;
    readLists.push(list);
  }
  const skipped = sorted.length - readLists.length;
  const queryCount = queryTrigrams.length;
  const minCount = Math.max(1, Math.ceil(minSimilarity * queryCount) - skipped);
  const counts = new Map<number, number>();
  for (const list of readLists) {
    for (const entry of list) counts.set(entry, (counts.get(entry) ?? 0) + 1);
  }
  const candidates = [...counts]
    .map(([entry, count]) => ({ entry, count }))
    .filter(({ entry, count }) => {
      const entryCount = trigramsOf[entry].length;
      const shared = Math.min(count + skipped, entryCount, queryCount);
      return count >= minCount && shared / (queryCount + entryCount - shared) >= minSimilarity;
    })
    .sort((a, b) => b.count - a.count || a.entry - b.entry)
    .slice(0, 8);
  const best = new Map<T, { value: T; name: string; similarity: number }>();
  for (const { entry } of candidates) {
    const shared = trigramsOf[entry].filter((trigram) => queryTrigrams.includes(trigram)).length;
    const similarity = shared / (queryCount + trigramsOf[entry].length - shared);
    if (similarity < minSimilarity) continue;
    const [value, name] = entries[entry];
    const previous = best.get(value);
    if (!previous || previous.similarity < similarity) best.set(value, { value, name, similarity });
  }
  return [...best.values()]
    .sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name))
    .slice(0, limit);
}

function indexOf(names: readonly string[]): TrigramIndex<number> {
  const index = new TrigramIndex<number>();
  names.forEach((name, i) => index.add(i, normalizeName(name)));
  return index;
}

describe(TrigramIndex.name, () => {
  it('finds a misspelt name among thousands', () => {
    const words = ['global', 'care', 'health', 'nursing', 'staffing', 'medical', 'prime', 'unity'];
    const names: string[] = [];
    for (let i = 0; i < 5000; i++) {
      names.push(`${words[i % 8]} ${words[(i * 3 + 1) % 8]} ${words[(i * 7 + 2) % 8]} ${i}`);
    }
    names.push('Bayanihan Manpower Services');
    const [hit] = indexOf(names).search(normalizeName('Bayanihan Manpowr Servces'), OPTIONS);
    expect(hit?.value).toBe(names.length - 1);
    expect(hit?.similarity).toBeCloseTo(
      nameSimilarity('Bayanihan Manpower Services', 'Bayanihan Manpowr Servces'),
    );
  });

  it('gives one hit per value, its best name', () => {
    const index = new TrigramIndex<string>();
    index.add('acme', 'acme health');
    index.add('acme', 'acme health care');
    const hits = index.search('acme health', OPTIONS);
    expect(hits).toEqual([{ value: 'acme', name: 'acme health', similarity: 1 }]);
  });

  it('can grow after it has been searched', () => {
    const index = new TrigramIndex<number>();
    index.add(1, 'alpha care');
    expect(index.search('beta care', OPTIONS)).toEqual([]);
    index.add(2, 'beta care');
    expect(index.search('beta care', OPTIONS)[0]?.value).toBe(2);
  });

  it('can grow after it has been restored from what it stored', () => {
    const index = new TrigramIndex<number>();
    index.add(1, 'alpha care');
    const restored = TrigramIndex.restored(index.stored(), ['alpha care'], [1]);
    restored.add(2, 'beta care');
    expect(restored.search('beta care', OPTIONS)[0]?.value).toBe(2);
    expect(restored.search('alpha care', OPTIONS)[0]?.value).toBe(1);
    expect(() => TrigramIndex.restored(index.stored(), ['alpha care', 'x'], [1, 2])).toThrow();
  });

  it("keeps each name's trigrams, and reads them from the names when they were not kept", () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `care agency ${i} ${i % 7 ? 'ltd' : ''}`);
    const index = new TrigramIndex<number>();
    names.forEach((name, i) => index.add(i, name));
    const stored = index.stored();
    const queries = ['care agncy 123', 'agency 1999', 'car agency 7'];
    const expected = queries.map((query) => index.search(query, OPTIONS));
    const restore = (kept: typeof stored) =>
      TrigramIndex.restored(
        structuredClone(kept),
        names,
        names.map((_, i) => i),
      );
    const withoutTrigrams = { ...stored, entryTrigrams: undefined };
    for (const kept of [stored, withoutTrigrams]) {
      const restored = restore(kept);
      expect(queries.map((query) => restored.search(query, OPTIONS))).toEqual(expected);
    }
    // Kept again from an index restored without them, they are there again.
    expect(restore(withoutTrigrams).stored().entryTrigrams).toEqual(stored.entryTrigrams);

    const damaged = (change: (slots: Uint16Array) => unknown) => ({
      ...stored,
      entryTrigrams: change(Uint16Array.from(stored.entryTrigrams!)) as Uint16Array,
    });
    expect(() => restore(damaged((slots) => slots.subarray(1)))).toThrow();
    expect(() => restore(damaged((slots) => slots.fill(stored.slotTotal, 5, 6)))).toThrow();
    expect(() => restore(damaged((slots) => Array.from(slots)))).toThrow();
  });

  it('answers exactly what the straightforward search answers, whatever the alphabet', () => {
    // Letters that get direct-table ids, ids of the hashed table (64 and up) and large keys (1024 and
    // up), a query character no name has, words shared by many names so that the budget bites.
    const common = Array.from({ length: 700 }, (_, i) => `care ${String.fromCharCode(0x400 + i)}x`);
    const word = fc.stringMatching(/^[a-fé\u0100-\u0104\u3041-\u3043]{1,6}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), name), { maxLength: 25 }),
        fc.boolean(),
        fc.oneof(name, fc.constant('care z'), fc.constant('zzz')),
        fc.constantFrom(0.1, 0.3, 0.5, 0.8),
        fc.integer({ min: 1, max: 4 }),
        (added, withCommon, query, minSimilarity, limit) => {
          const entries: [number, string][] = [
            ...added,
            ...(withCommon ? common.map((n, i): [number, string] => [100 + (i % 50), n]) : []),
          ];
          const index = new TrigramIndex<number>();
          for (const [value, entryName] of entries) index.add(value, entryName);
          const options = { minSimilarity, limit };
          const hits = index.search(query, options);
          const expected = referenceSearch(entries, query, options);
          expect(hits.map((hit) => [hit.value, hit.name])).toEqual(
            expected.map((hit) => [hit.value, hit.name]),
          );
          hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i].similarity, 12));
          // A second search over the same layout answers the same.
          expect(index.search(query, options)).toEqual(hits);
          // And the same layout kept and read back, over the same names and values.
          const restored = TrigramIndex.restored(
            structuredClone(index.stored()),
            entries.map(([, entryName]) => entryName),
            entries.map(([value]) => value),
          );
          expect(restored.search(query, options)).toEqual(hits);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers what the straightforward search answers when many names tie', () => {
    // A few short words make dozens of names that share trigrams: more than eight candidates with
    // equal counts, several lists read, the last of them cut short.
    const word = fc.constantFrom('ab', 'abc', 'bcd', 'cab', 'dab', 'abd', 'bca');
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 10, maxLength: 80 }),
        name,
        fc.constantFrom(0.1, 0.3, 0.5),
        (names, query, minSimilarity) => {
          const entries = names.map((entryName, i): [number, string] => [i, entryName]);
          const index = new TrigramIndex<number>();
          for (const [value, entryName] of entries) index.add(value, entryName);
          const options = { minSimilarity, limit: 8 };
          expect(index.search(query, options).map((hit) => hit.value)).toEqual(
            referenceSearch(entries, query, options).map((hit) => hit.value),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps only the lists a search can read, and answers the same from them', () => {
    // "zephyr" is in six names; "agency" and the digits' trigrams are in thousands.
    const rare = new Set([0, 1, 130, 300, 17_000, 19_999]);
    const names = Array.from({ length: 20_000 }, (_, i) =>
      rare.has(i) ? `zephyr agency ${i}` : `agency ${i}`,
    );
    const index = new TrigramIndex<number>();
    names.forEach((name, i) => index.add(i, name));
    const stored = index.stored();
    const total = stored.lengths.reduce((sum, length) => sum + length, 0);
    expect(stored.postings.length).toBeLessThan(total / 2);
    const restored = TrigramIndex.restored(
      structuredClone(stored),
      names,
      names.map((_, i) => i),
    );
    const options = { minSimilarity: 0.3, limit: 10 };
    const hits = restored.search('zephyr agency', options);
    expect(new Set(hits.map((hit) => hit.value))).toEqual(rare);
    expect(hits).toEqual(index.search('zephyr agency', options));
    for (const query of ['agency 12345', 'agencyy 1999', 'zephir agency 130']) {
      expect(restored.search(query, OPTIONS)).toEqual(index.search(query, OPTIONS));
    }
  });

  it('scores right when there are more trigrams than 16 bits can number', () => {
    // 64 letters in words of four: about 110,000 distinct trigrams over 24,000 names, so each
    // name's trigrams are kept in 32 bits rather than 16.
    const letter = (n: number) => String.fromCharCode(0x430 + (n % 64));
    let seed = 7;
    // Park–Miller: a fixed sequence, spread evenly enough over the letters.
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const word = () => Array.from({ length: 4 }, () => letter(next())).join('');
    const names = Array.from({ length: 24_000 }, () => `${word()} ${word()} ${word()}`);
    const index = new TrigramIndex<number>();
    names.forEach((name, i) => index.add(i, name));
    const stored = index.stored();
    expect(stored.slotTotal).toBeGreaterThan(0x10000);
    const restored = TrigramIndex.restored(
      structuredClone(stored),
      names,
      names.map((_, i) => i),
    );
    const entries = names.map((name, i): [number, string] => [i, name]);
    for (const i of [0, 5_000, 23_999]) {
      // The name with its last letter changed.
      const query = names[i].slice(0, -1) + letter(names[i].charCodeAt(names[i].length - 1) + 1);
      const expected = referenceSearch(entries, query, OPTIONS);
      expect(expected[0]?.value).toBe(i);
      const hits = index.search(query, OPTIONS);
      expect(hits.map((hit) => [hit.value, hit.similarity])).toEqual(
        expected.map((hit) => [hit.value, hit.similarity]),
      );
      expect(restored.search(query, OPTIONS)).toEqual(hits);
    }
  });

  it('keeps answering right across many searches (counts are stamped, not zeroed)', () => {
    const names = Array.from({ length: 300 }, (_, i) => `nursing agency ${i % 17} ${i}`);
    const index = indexOf(names);
    const entries = names.map((n, i): [number, string] => [i, normalizeName(n)]);
    for (let i = 0; i < 200; i++) {
      const query = normalizeName(`nursing agncy ${i % 17} ${i}`);
      expect(index.search(query, OPTIONS)).toEqual(referenceSearch(entries, query, OPTIONS));
    }
  });

  it('scores like pg_trgm and finds something whenever a name is similar enough', () => {
    const name = fc.stringMatching(/^[a-eé ]{1,14}$/);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 30 }), name, (names, query) => {
        const hits = indexOf(names).search(normalizeName(query), OPTIONS);
        for (const hit of hits) {
          expect(hit.similarity).toBeCloseTo(nameSimilarity(names[hit.value], query));
          expect(hit.similarity).toBeGreaterThanOrEqual(OPTIONS.minSimilarity);
        }
        const best = Math.max(...names.map((candidate) => nameSimilarity(candidate, query)));
        if (best >= OPTIONS.minSimilarity && normalizeName(query) !== '') {
          expect(hits.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
