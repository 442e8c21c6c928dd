import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldText, originalSlice } from './text-fold.js';

describe('foldText', () => {
  it('lower-cases ASCII without an offset map', () => {
    expect(foldText('Processing FEE')).toEqual({
      original: 'Processing FEE',
      folded: 'processing fee',
      offsets: null,
    });
  });

  it('strips accents and keeps the texts aligned when every character folds to one', () => {
    const text = foldText('Frais de dossier à payer: 150 €');
    expect(text.folded).toBe('frais de dossier a payer: 150 €');
    expect(text.offsets).toBeNull();
  });

  it('maps folded positions back to the original text when lengths change', () => {
    const original = 'Straße: Taxa de inscrição (decomposed: inscric\u0327a\u0303o)';
    const text = foldText(original);
    expect(text.folded).toBe('strasse: taxa de inscricao (decomposed: inscricao)');
    const start = text.folded.indexOf('taxa de inscricao');
    expect(originalSlice(text, start, start + 'taxa de inscricao'.length)).toBe(
      'Taxa de inscrição',
    );
    const last = text.folded.lastIndexOf('inscricao');
    expect(originalSlice(text, last, last + 'inscricao'.length)).toBe('inscric\u0327a\u0303o');
  });

  it('maps every folded slice to a slice of the original', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (input, a, b) => {
          const text = foldText(input);
          const start = Math.min(a, b) % (text.folded.length + 1);
          const end = Math.max(start, Math.max(a, b) % (text.folded.length + 1));
          expect(input).toContain(originalSlice(text, start, end));
        },
      ),
    );
  });
});
