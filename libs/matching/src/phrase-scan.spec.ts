import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ANCHOR_CATEGORIES,
  ANCHORS,
  groupedByFirstLetter,
  pushWindow,
  scanAnchors,
  type AnchorCategory,
  type Span,
} from './phrase-scan.js';

/** The scan as first written: one alternation, a capture group per category. */
function referenceScan(folded: string): Record<AnchorCategory, Span[]> {
  const pattern = new RegExp(
    String.raw`\b(?:${ANCHOR_CATEGORIES.map((category) => `(${ANCHORS[category].words})`).join('|')})`,
    'g',
  );
  const windows = Object.fromEntries(ANCHOR_CATEGORIES.map((c) => [c, []])) as unknown as Record<
    AnchorCategory,
    Span[]
  >;
  for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
    const group = match.slice(1).findIndex((value) => value !== undefined);
    const category = ANCHOR_CATEGORIES[group];
    const { before, after } = ANCHORS[category];
    pushWindow(windows[category], {
      folded,
      at: match.index,
      length: match[0].length,
      before,
      after,
    });
  }
  return windows;
}

describe('scanAnchors', () => {
  it('opens the windows that one plain alternation of the anchor words opens', () => {
    const words = ANCHOR_CATEGORIES.flatMap((category) => ANCHORS[category].words.split('|'))
      // A regex source as the text it matches: "whats\s?app" → "whats app", "avance\b" → "avance".
      .map((word) => word.replace(/\\s[?+]?/g, ' ').replace(/\\b/g, ''));
    const token = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom('the', 'nurse', 'a', 'pays', 'passports', 'regime', 'cost.', 'fees', '2024'),
      fc.stringMatching(/^[a-z-]{1,8}$/),
    );
    const separator = fc.constantFrom(' ', ' ', '  ', ', ', '. ', '-', '\n', '');
    const text = fc
      .array(fc.tuple(token, separator), { maxLength: 60 })
      .map((parts) => parts.map(([word, sep]) => word + sep).join(''));
    fc.assert(
      fc.property(text, (folded) => {
        expect(scanAnchors(folded)).toEqual(referenceScan(folded));
      }),
      { numRuns: 1000 },
    );
  });

  it('groups alternatives by their first letter, in order, and refuses one without a letter', () => {
    expect(groupedByFirstLetter(['fee', 'pay', 'frais', 'pag'])).toBe('f(?:ee|rais)|p(?:ay|ag)');
    expect(() => groupedByFirstLetter(['fee', '(?:x)'])).toThrow(/must start with a letter/);
  });
});
