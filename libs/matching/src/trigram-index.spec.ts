import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { nameSimilarity, normalizeName } from './normalize.js';
import { TrigramIndex } from './trigram-index.js';

const OPTIONS = { minSimilarity: 0.5, limit: 3 };

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
