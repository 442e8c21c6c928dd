import { LEGAL_FORMS, LEGAL_FORMS_LEADING, LEGAL_FORMS_REMOVED_ANYWHERE } from './legal-forms.js';

/**
 * Name normalization shared by the API (stored in a column and searched with pg_trgm) and the
 * extension (matched locally). It must stay deterministic, pure and idempotent: a name that is
 * normalized twice gives the same string, so stored values can be normalized again safely.
 */

type TokenForm = readonly string[];

/** Forms grouped by one of their end tokens, longest first so "sa de cv" wins over "cv". */
function groupForms(forms: Iterable<string>, keyOf: (tokens: TokenForm) => string) {
  const byKey = new Map<string, TokenForm[]>();
  for (const form of new Set(forms)) {
    const tokens = form.split(' ');
    const key = keyOf(tokens);
    const group = byKey.get(key) ?? [];
    group.push(tokens);
    byKey.set(key, group);
  }
  for (const group of byKey.values()) group.sort((a, b) => b.length - a.length);
  return byKey;
}

const ALL_FORMS = Object.values(LEGAL_FORMS).flat();
const TRAILING_BY_LAST = groupForms(ALL_FORMS, (tokens) => tokens[tokens.length - 1]);
const ANYWHERE_BY_FIRST = groupForms(LEGAL_FORMS_REMOVED_ANYWHERE, (tokens) => tokens[0]);
const LEADING_BY_FIRST = groupForms(LEGAL_FORMS_LEADING, (tokens) => tokens[0]);

function formAt(tokens: readonly string[], start: number, form: TokenForm): boolean {
  if (start < 0 || start + form.length > tokens.length) return false;
  return form.every((token, i) => tokens[start + i] === token);
}

/** Letters that carry no combining mark to strip, so NFKD leaves them alone. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ĸ: 'k',
};
const SPECIAL_LETTER_PATTERN = /[ßæœøđðłħıþĸ]/g;
const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Lower case, compatibility-decomposed, without diacritics. The second NFKD catches the few
 * characters whose lower-case form decomposes further (İ → i + dot above), which keeps the
 * whole function idempotent.
 */
export function foldCase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_LETTER_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

// "S.A.", "s.a", "e. V.", "R.L." → "sa", "ev", "rl"; only runs of single letters, so "acme.com"
// and "St. Mary" are left to the punctuation fold. ASCII twins of the Unicode patterns keep the
// common case fast: building an index normalizes every name of every record.
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])\p{L}(?:\.\s?\p{L})+\.?(?![\p{L}\p{N}])/gu;
const DOTTED_INITIALS_ASCII = /(?<![a-z0-9])[a-z](?:\.\s?[a-z])+\.?(?![a-z0-9])/g;
// Apostrophes are dropped rather than turned into spaces so "Women's" and "Womens" agree.
const APOSTROPHES = /['’ʼ`´·]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

function joinInitials(initials: string): string {
  return initials.replace(/[.\s]/g, '');
}

/**
 * The words of a name, folded: dotted initials joined, apostrophes dropped, "&" read as "and",
 * anything but letters and digits a separator. Exported for its spec.
 */
export function foldedTokens(name: string): string[] {
  const ascii = !NON_ASCII.test(name);
  let folded = ascii ? name.toLowerCase() : foldCase(name);
  if (folded.includes('.')) {
    folded = folded.replace(ascii ? DOTTED_INITIALS_ASCII : DOTTED_INITIALS, joinInitials);
  }
  if (ascii) return asciiWords(folded);
  folded = folded
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

const APOSTROPHE = 39;
const BACKTICK = 96;
const AMPERSAND = 38;

/**
 * What the patterns of `foldedTokens` make of lower-case ASCII, in one pass: nearly every name
 * (and every ad's name, once per ad) is ASCII, and the patterns cost more than the rest of
 * normalizing it.
 */
function asciiWords(lower: string): string[] {
  const words: string[] = [];
  // The current word: `head` holds what came before an apostrophe, `start` where the run of
  // letters and digits since began (-1 outside one).
  let head = '';
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    // Past the end, -1: a separator like any other character that is not a letter or a digit.
    const code = i < lower.length ? lower.charCodeAt(i) : -1;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start === -1) start = i;
      continue;
    }
    if (code === APOSTROPHE || code === BACKTICK) {
      if (start !== -1) head += lower.slice(start, i);
      start = -1;
      continue;
    }
    const word = start === -1 ? head : head + lower.slice(start, i);
    if (word !== '') words.push(word);
    head = '';
    start = -1;
    if (code === AMPERSAND) words.push('and');
  }
  return words;
}

function removeFormsAnywhere(tokens: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const form = ANYWHERE_BY_FIRST.get(tokens[i])?.find((f) => formAt(tokens, i, f));
    if (form) {
      i += form.length;
    } else {
      kept.push(tokens[i]);
      i += 1;
    }
  }
  return kept;
}

function removeTrailingForms(tokens: string[]): string[] {
  for (;;) {
    const last = tokens[tokens.length - 1];
    if (last === undefined) return tokens;
    const form = TRAILING_BY_LAST.get(last)?.find((f) =>
      formAt(tokens, tokens.length - f.length, f),
    );
    if (!form) return tokens;
    tokens = tokens.slice(0, tokens.length - form.length);
  }
}

function removeLeadingForms(tokens: string[]): string[] {
  for (;;) {
    const first = tokens[0];
    if (first === undefined) return tokens;
    const form = LEADING_BY_FIRST.get(first)?.find((f) => formAt(tokens, 0, f));
    if (!form) return tokens;
    tokens = tokens.slice(form.length);
  }
}

function withoutLegalForms(tokens: readonly string[]): string[] {
  let current = [...tokens];
  // Removing one form can expose another ("Acme & Co. KG" → "acme and co" → "acme"), so repeat
  // until nothing changes; that fixed point is what makes normalizeName idempotent.
  for (;;) {
    const next = removeLeadingForms(removeTrailingForms(removeFormsAnywhere(current)));
    if (next.length === current.length) return next;
    current = next;
  }
}

/**
 * A company name reduced to what identifies it: "Société Générale de Santé S.A.S." and
 * "SOCIETE GENERALE DE SANTE" both give "societe generale de sante". Never empty unless the
 * input has no letters or digits at all: a name that is nothing but a legal form keeps it.
 */
export function normalizeName(name: string): string {
  const tokens = foldedTokens(name);
  const core = withoutLegalForms(tokens);
  return (core.length > 0 ? core : tokens).join(' ');
}

/**
 * Every distinct normalized name a record can be found by (legal and trading names): what the
 * registry stores per name, what the snapshot carries, what the matcher indexes.
 */
export function normalizedNamesOf(legalName: string, tradingNames: readonly string[]): string[] {
  return [...new Set([legalName, ...tradingNames].map(normalizeName).filter((n) => n.length > 0))];
}

/** The normalized name with its words sorted, so "Health Care Acme" and "Acme Health Care" agree. */
export function nameKey(name: string): string {
  return nameKeyOfNormalized(normalizeName(name));
}

/** `nameKey` for a string that is already the output of `normalizeName`. */
export function nameKeyOfNormalized(normalizedName: string): string {
  if (!normalizedName.includes(' ')) return normalizedName;
  // An insertion sort with `<` orders words as `sort()` does, several times faster on the 2–5
  // words of a name; index builds compute 100,000 of these.
  const words = normalizedName.split(' ');
  let moved = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    let j = i - 1;
    while (j >= 0 && words[j] > word) {
      words[j + 1] = words[j]!;
      j--;
    }
    if (j !== i - 1) {
      words[j + 1] = word;
      moved = true;
    }
  }
  return moved ? words.join(' ') : normalizedName;
}

/**
 * Trigrams in the manner of PostgreSQL pg_trgm, so the API's database search and the extension's
 * local fuzzy match rank names alike: each word is padded with two spaces before and one after.
 */
export function nameTrigrams(name: string): string[] {
  return trigramsOfNormalized(normalizeName(name));
}

export function trigramsOfNormalized(normalizedName: string): string[] {
  const trigrams = new Set<string>();
  for (const word of normalizedName.split(' ')) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return [...trigrams].sort();
}

/** pg_trgm `similarity()`: shared trigrams over all distinct trigrams of both names (0..1). */
export function nameSimilarity(a: string, b: string): number {
  const left = new Set(nameTrigrams(a));
  const right = nameTrigrams(b);
  if (left.size === 0 || right.length === 0) return 0;
  const shared = right.filter((trigram) => left.has(trigram)).length;
  return shared / (left.size + right.length - shared);
}
