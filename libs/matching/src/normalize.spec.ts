import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LEGAL_FORMS } from './legal-forms.js';
import {
  foldCase,
  foldedTokens,
  nameKey,
  nameKeyOfNormalized,
  nameSimilarity,
  nameTrigrams,
  normalizeName,
} from './normalize.js';

/** `foldedTokens` as first written, with patterns only: the one-pass ASCII path must agree. */
function foldedTokensByPatterns(name: string): string[] {
  const folded = foldCase(name)
    .replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\s?\p{L})+\.?(?![\p{L}\p{N}])/gu, (initials) =>
      initials.replace(/[.\s]/g, ''),
    )
    .replace(/['’ʼ`´·]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

describe('foldedTokens', () => {
  it('reads ASCII names in one pass exactly as the patterns do', () => {
    const char = fc.constantFrom(..."aZ9 .,&'`-_()/@!\t\nbQ0Xs");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 30 }), (chars) => {
        const name = chars.join('');
        expect(foldedTokens(name)).toEqual(foldedTokensByPatterns(name));
      }),
      { numRuns: 2000 },
    );
    for (const name of [
      "Women's Care",
      "O'Neil & Sons Ltd.",
      'A.B.C. Staffing',
      'at&t',
      "x'",
      '',
    ]) {
      expect(foldedTokens(name)).toEqual(foldedTokensByPatterns(name));
    }
  });
});

describe('normalizeName', () => {
  it.each([
    ['Société Générale de Santé S.A.S.', 'societe generale de sante'],
    ['SOCIETE GENERALE DE SANTE', 'societe generale de sante'],
    ['Clínica São Paulo Ltda.', 'clinica sao paulo'],
    ['Müller Pflege GmbH & Co. KG', 'muller pflege'],
    ['Straße Pflegedienst UG (haftungsbeschränkt)', 'strasse pflegedienst'],
    ['İstanbul Sağlık A.Ş.', 'istanbul saglik'],
    ['Łódź Medical Sp. z o.o.', 'lodz medical'],
  ])('folds accents, case and punctuation: %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it.each([
    ['Acme Health Ltd', 'acme health'],
    ['Acme Health Limited', 'acme health'],
    ['Acme Health Pvt. Ltd.', 'acme health'],
    ['ACME HEALTH PRIVATE LIMITED', 'acme health'],
    ['Acme Health (Pvt) Ltd', 'acme health'],
    ['Acme Health LLC', 'acme health'],
    ['Acme Health, Inc.', 'acme health'],
    ['Acme Health Incorporated', 'acme health'],
    ['Acme Health Corp.', 'acme health'],
    ['Acme Health PLC', 'acme health'],
    ['Acme Health LLP', 'acme health'],
    ['Acme Health Pty Ltd', 'acme health'],
    ['Acme Health Teoranta', 'acme health'],
    ['Acme Health DAC', 'acme health'],
    ['Smith & Co.', 'smith'],
    ['Soins Plus SARL', 'soins plus'],
    ['Soins Plus S.A.S.U.', 'soins plus'],
    ['Soins Plus EURL', 'soins plus'],
    ['Salud Global S.L.', 'salud global'],
    ['Salud Global, S.A. de C.V.', 'salud global'],
    ['Salud Global S. de R.L. de C.V.', 'salud global'],
    ['Salud Global Sociedad Anónima', 'salud global'],
    ['Pérez y Cía.', 'perez'],
    ['Saúde Total Lda', 'saude total'],
    ['Saúde Total EIRELI', 'saude total'],
    ['Saúde Total ME', 'saude total'],
    ['Pflege Hilfe e.V.', 'pflege hilfe'],
    ['Pflege Hilfe AG', 'pflege hilfe'],
    ['Zorg Partners B.V.', 'zorg partners'],
    ['Hoiva Oy', 'hoiva'],
    ['Vård AB', 'vard'],
    ['Sanità S.p.A.', 'sanita'],
    ['Sanità S.r.l.', 'sanita'],
    ['Nurse Link Pte. Ltd.', 'nurse link'],
    ['Jururawat Sdn. Bhd.', 'jururawat'],
    ['Gulf Care FZE', 'gulf care'],
    ['Gulf Care LLC-FZ', 'gulf care'],
    ['Gulf Care W.L.L.', 'gulf care'],
    ['PT Maju Sehat Tbk', 'maju sehat'],
  ])('removes the legal form: %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('keeps words that are legal forms only at the end ("Co-operative", "As", "Me")', () => {
    expect(normalizeName('Co-operative Care Services')).toBe('co operative care services');
    expect(normalizeName('Care As You Like Ltd')).toBe('care as you like');
    expect(normalizeName('Hire Me Nursing')).toBe('hire me nursing');
  });

  it('removes unambiguous forms in the middle of a name', () => {
    expect(normalizeName('Acme Pvt Ltd India')).toBe('acme india');
  });

  it('never reduces a name to nothing: a name that is only a legal form keeps it', () => {
    expect(normalizeName('S.A.')).toBe('sa');
    expect(normalizeName('Limited')).toBe('limited');
    expect(normalizeName('Company Ltd')).toBe('company ltd');
  });

  it('gives an empty string only when there is no letter or digit', () => {
    expect(normalizeName('')).toBe('');
    expect(normalizeName(' !!! ')).toBe('');
  });

  it('keeps letters of other scripts and digits', () => {
    expect(normalizeName('Клиника Здоровье ООО')).toBe('клиника здоровье');
    expect(normalizeName('مستشفى الأمل')).toBe('مستشفى الامل');
    expect(normalizeName('Care 24/7 Ltd')).toBe('care 24 7');
  });

  it("drops apostrophes, so Women's and Womens agree", () => {
    expect(normalizeName('Women’s Health LLC')).toBe(normalizeName('Womens Health'));
  });

  it('every documented legal form is removed after a name', () => {
    for (const form of Object.values(LEGAL_FORMS).flat()) {
      expect(normalizeName(`Acme Nursing ${form}`)).toBe('acme nursing');
    }
  });

  it('is idempotent and never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (input) => {
        const once = normalizeName(input);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on names built from legal forms and dotted initials', () => {
    const forms = Object.values(LEGAL_FORMS).flat();
    const token = fc.oneof(
      fc.constantFrom(...forms),
      fc.constantFrom('S.A.', 'S. de R.L.', 'e.V.', '&', 'Co.', 'Acme', 'Santé', 'İ', 'ß'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        const once = normalizeName(tokens.join(' '));
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('foldCase', () => {
  it('strips diacritics and folds letters that do not decompose', () => {
    expect(foldCase('Ærø Straße Øresund Łódź')).toBe('aero strasse oresund lodz');
  });
});

describe('nameKey', () => {
  it('does not depend on word order', () => {
    expect(nameKey('Health Care Acme Ltd')).toBe(nameKey('Acme Health Care Limited'));
  });

  it('is the normalized words sorted', () => {
    expect(nameKey('Société Générale de Santé S.A.S.')).toBe('de generale sante societe');
  });

  it('sorts words as Array.prototype.sort does', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { minLength: 1 }), (words) => {
        expect(nameKeyOfNormalized(words.join(' '))).toBe([...words].sort().join(' '));
      }),
    );
  });
});

describe('nameTrigrams', () => {
  it('pads each word as pg_trgm does', () => {
    expect(nameTrigrams('Cat')).toEqual(['  c', ' ca', 'at ', 'cat']);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for names that normalize alike and 0 for names with nothing in common', () => {
    expect(nameSimilarity('Acme Health Ltd', 'ACME HEALTH LIMITED')).toBe(1);
    expect(nameSimilarity('Acme', 'Zorg')).toBe(0);
  });

  it('stays above one half for a typo in a multi-word name', () => {
    expect(
      nameSimilarity('Global Nursing Recruitment', 'Globel Nursing Recruitment'),
    ).toBeGreaterThan(0.5);
  });
});
