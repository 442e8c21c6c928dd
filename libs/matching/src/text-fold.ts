import { foldCase } from './normalize.js';

/**
 * Ad text prepared for phrase matching: lower case and without diacritics, so one pattern covers
 * "inscripción", "INSCRIPCION" and "inscripcion". Keeps a map back to the original text so the
 * evidence shown to the worker is what the ad said, not the folded copy.
 */
export interface FoldedText {
  readonly original: string;
  readonly folded: string;
  /**
   * For each index of `folded` (and one past its end), the index in `original` it came from; null
   * when both strings line up character for character (ASCII text, the common case).
   */
  readonly offsets: Int32Array | null;
}

const NON_ASCII = /[\u0080-\uffff]/g;
const foldedCharCache = new Map<string, string>();

function foldChar(char: string): string {
  let folded = foldedCharCache.get(char);
  if (folded === undefined) {
    folded = foldCase(char);
    // Bounded: a page in an unusual script must not grow the cache without limit.
    if (foldedCharCache.size < 4096) foldedCharCache.set(char, folded);
  }
  return folded;
}

export function foldText(original: string): FoldedText {
  NON_ASCII.lastIndex = 0;
  if (!NON_ASCII.test(original)) {
    return { original, folded: original.toLowerCase(), offsets: null };
  }
  // Usually every non-ASCII character folds to exactly one ("é" → "e", "£" → "£"): the texts
  // still line up and no offset map is needed.
  let aligned = true;
  const mapped = original.replace(NON_ASCII, (char) => {
    const folded = foldChar(char);
    if (folded.length !== 1) aligned = false;
    return folded;
  });
  if (aligned) return { original, folded: mapped.toLowerCase(), offsets: null };
  return foldWithOffsets(original);
}

function foldWithOffsets(original: string): FoldedText {
  const parts: string[] = [];
  const offsets: number[] = [];
  let asciiStart = 0;
  NON_ASCII.lastIndex = 0;
  for (let match = NON_ASCII.exec(original); match; match = NON_ASCII.exec(original)) {
    let index = match.index;
    parts.push(original.slice(asciiStart, index).toLowerCase());
    for (let i = asciiStart; i < index; i++) offsets.push(i);
    const code = original.charCodeAt(index);
    const isHighSurrogate = code >= 0xd800 && code < 0xdc00 && index + 1 < original.length;
    const char = isHighSurrogate ? original.slice(index, index + 2) : original[index];
    const folded = foldChar(char);
    parts.push(folded);
    for (let i = 0; i < folded.length; i++) offsets.push(index);
    index += char.length;
    asciiStart = index;
    NON_ASCII.lastIndex = index;
  }
  parts.push(original.slice(asciiStart).toLowerCase());
  for (let i = asciiStart; i < original.length; i++) offsets.push(i);
  offsets.push(original.length);
  return { original, folded: parts.join(''), offsets: Int32Array.from(offsets) };
}

/** The original text behind `folded.slice(start, end)`. */
export function originalSlice(text: FoldedText, start: number, end: number): string {
  if (!text.offsets) return text.original.slice(start, end);
  const from = text.offsets[start] ?? text.original.length;
  // The end maps past the last folded character's source, so a folded "ss" from "ß" keeps "ß".
  const last = end > start ? (text.offsets[end - 1] ?? from) : from;
  const lastChar = text.original.codePointAt(last) ?? 0;
  return text.original.slice(from, end > start ? last + (lastChar > 0xffff ? 2 : 1) : from);
}
