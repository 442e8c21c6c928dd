/**
 * Finding phrases in a long ad quickly. Each red flag's phrases make one large RegExp; run over a
 * whole ad it would try dozens of alternatives at every position. Instead one pass with a small
 * pattern of anchor words ("fee", "frais", "passport", "whatsapp", "licence", …) finds the few
 * places worth a look, and the large patterns run only in windows around those places.
 *
 * Every phrase of a category must contain one of its anchor words (visa-fee phrases: a visa word
 * or a fee word), and a word that starts anchors of two categories only opens the first one's
 * window. The red-flag and licence specs fail when a phrase they expect is left without an anchor.
 */

export interface Span {
  start: number;
  end: number;
}

export const ANCHOR_CATEGORIES = ['fee', 'visa', 'retention', 'messaging', 'licence'] as const;
export type AnchorCategory = (typeof ANCHOR_CATEGORIES)[number];

interface AnchorDefinition {
  /**
   * Word starts (regex source): alternatives separated by "|", each starting with a letter and
   * holding no "|" of its own (see `groupedByFirstLetter`); a stem needs no word boundary after it.
   */
  words: string;
  /** How far before and after an anchor its phrases may reach. */
  before: number;
  after: number;
}

export const ANCHORS: Readonly<Record<AnchorCategory, AnchorDefinition>> = {
  fee: {
    words: String.raw`fee|charg|deposit|depot|upfront|up-front|advance|pay|cost|custo|despesa|frais|acompte|caution|avance\b|cotisation|cuota|tarifa|cargo\b|pag|derecho|arancel|tasa|gastos|abonar|cancelar|anticipo|adelanto|taxa|caucao|sinal\b|adiantamento|transferir|cuenta\b|conta\b`,
    before: 90,
    after: 60,
  },
  visa: {
    words: String.raw`visa|visto|visado|sponsor|cos\b|certificate|parrainage|permis\b|patrocinio`,
    before: 90,
    after: 60,
  },
  retention: {
    words: String.raw`passport|passeport|pasaporte|passaporte|original|travel\s+doc|identity\s+doc|id\s+card|pieces\s+d`,
    before: 90,
    after: 60,
  },
  messaging: {
    words: String.raw`whats\s?app|whatsap|telegram|viber|signal|wechat`,
    before: 80,
    after: 40,
  },
  licence: {
    words: String.raw`licen|lic\b|agrement|accreditation|registration|reg\b|registro|registo|enregistrement|immatriculation|autorisation|autorizacion|autorizacao|permit|permiso`,
    before: 0,
    after: 80,
  },
};

/**
 * Alternatives that each start with a letter, grouped by it ("fee|frais|pay" → "f(?:ee|rais)|p(?:ay)")
 * in their order: at a word start the engine then tries only the words that begin with its letter,
 * not all eighty in turn, and finds the same word the plain alternation finds (a third less time
 * over a long ad). Throws on an alternative that does not start with a letter.
 */
export function groupedByFirstLetter(alternatives: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const alternative of alternatives) {
    const letter = alternative[0];
    if (!/^[a-z]$/.test(letter ?? ''))
      throw new Error(`anchor word ${alternative} must start with a letter`);
    groups.set(letter, [...(groups.get(letter) ?? []), alternative.slice(1)]);
  }
  return [...groups].map(([letter, rests]) => `${letter}(?:${rests.join('|')})`).join('|');
}

/** Every anchor word of every category, in category order: the first that matches wins. */
const ANCHOR_PATTERN = new RegExp(
  String.raw`\b(?:${groupedByFirstLetter(ANCHOR_CATEGORIES.flatMap((category) => ANCHORS[category].words.split('|')))})`,
  'g',
);

/** Each category's words, tried at one place (sticky): which category a hit of ANCHOR_PATTERN is. */
const CATEGORY_AT = ANCHOR_CATEGORIES.map((category) => ({
  category,
  firstLetters: new Set(ANCHORS[category].words.split('|').map((word) => word[0])),
  pattern: new RegExp(`(?:${ANCHORS[category].words})`, 'y'),
}));

/** The first category (in order) with a word at `at`: the one whose word the plain alternation took. */
function categoryAt(folded: string, at: number): AnchorCategory | undefined {
  const letter = folded[at];
  for (const { category, firstLetters, pattern } of CATEGORY_AT) {
    if (!firstLetters.has(letter)) continue;
    pattern.lastIndex = at;
    if (pattern.test(folded)) return category;
  }
  return undefined;
}

export type AnchorWindows = Readonly<Record<AnchorCategory, readonly Span[]>>;

/** The index of the first character of the word that holds or follows `position`. */
function wordStartAtOrBefore(text: string, position: number): number {
  if (position <= 0) return 0;
  const space = text.lastIndexOf(' ', position);
  return space === -1 ? 0 : space + 1;
}

function wordEndAtOrAfter(text: string, position: number): number {
  if (position >= text.length) return text.length;
  const space = text.indexOf(' ', position);
  return space === -1 ? text.length : space;
}

/** Both lists of windows as one, in order, overlaps merged. */
export function mergeWindows(a: readonly Span[], b: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const window of [...a, ...b].sort((x, y) => x.start - y.start)) {
    pushWindow(merged, { ...window });
  }
  return merged;
}

/**
 * Adds the window around a hit at `at` (of `length` characters), widened to whole words, to a
 * list kept in order; hits must come left to right. Merges it with the last one if they overlap.
 */
export function pushWindow(
  windows: Span[],
  window: Span | { folded: string; at: number; length: number; before: number; after: number },
): void {
  const span =
    'folded' in window
      ? {
          start: wordStartAtOrBefore(window.folded, window.at - window.before),
          end: wordEndAtOrAfter(window.folded, window.at + window.length + window.after),
        }
      : window;
  const last = windows[windows.length - 1];
  if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
  else windows.push(span);
}

/** Windows of the folded ad text where each category's phrases may be, merged, in order. */
export function scanAnchors(folded: string): AnchorWindows {
  const windows: Record<AnchorCategory, Span[]> = {
    fee: [],
    visa: [],
    retention: [],
    messaging: [],
    licence: [],
  };
  ANCHOR_PATTERN.lastIndex = 0;
  for (let match = ANCHOR_PATTERN.exec(folded); match; match = ANCHOR_PATTERN.exec(folded)) {
    const at = match.index;
    const category = categoryAt(folded, at);
    if (category === undefined) continue;
    const { before, after } = ANCHORS[category];
    pushWindow(windows[category], { folded, at, length: match[0].length, before, after });
  }
  return windows;
}

/**
 * Matches of a global pattern inside the windows, with positions in the whole text. Windows
 * start at a word, so a leading `\b` means there what it means in the whole text.
 */
export function* matchesInWindows(
  pattern: RegExp,
  folded: string,
  windows: readonly Span[],
): Generator<Span & { groups: readonly (string | undefined)[] }> {
  for (const window of windows) {
    const slice = folded.slice(window.start, window.end);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
      if (match[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const start = window.start + match.index;
      yield { start, end: start + match[0].length, groups: match.slice(1) };
    }
  }
}
