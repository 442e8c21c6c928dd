import { matchesInWindows, scanAnchors, type AnchorWindows } from './phrase-scan.js';
import { foldText } from './text-fold.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A registration or licence number in the form used for lookup: upper case, letters and digits
 * only, so "GB-REC-00123", "gb rec 00123" and "GB/REC/00123" are one number.
 */
export function normalizeLicence(value: string): string {
  if (typeof value !== 'string') return '';
  // Most numbers are printable ASCII, where the Unicode folding below changes nothing but case.
  if (PRINTABLE_ASCII.test(value)) return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// Words that introduce a licence or registration number, folded (lower case, no accents):
// English, French, Spanish, Portuguese, plus the abbreviations regulators print ("Lic.", "Reg.").
const LICENCE_WORD = String.raw`(?:licen[cs]e|lic|licencia|licenca|licenza|agrement|accreditation|registration|reg|registro|registo|enregistrement|immatriculation|autorisation|autorizacion|autorizacao|permit|permiso)`;
// "No.", "Nr", "number", "n°", "nº" (folded to "no"), "n.º" (→ "n.o"), "#", "numero", "is".
const NUMBER_WORD = String.raw`(?:(?:no|nr|nro|num|number|numero|is|est|es|e)\b|n\s?°|n\.\s?[o°]\b|#)`;
// The number itself: letters, digits and the separators regulators use, starting and ending on a
// letter or digit. Spaces are not allowed inside, so the following words never join the number.
const NUMBER_TOKEN = String.raw`([a-z0-9](?:[a-z0-9./-]{0,38}[a-z0-9])?)`;

const LICENCE_MENTION = new RegExp(
  String.raw`\b${LICENCE_WORD}\b\.?(?:\s*${NUMBER_WORD}\.?){0,2}\s*[:#]?\s*${NUMBER_TOKEN}`,
  'g',
);

const MIN_LICENCE_LENGTH = 3;

/** Whether a number found after a licence word, normalized, can be one. */
function looksLikeLicence(normalized: string): boolean {
  if (normalized.length < MIN_LICENCE_LENGTH || !/\d/.test(normalized)) return false;
  // A bare year ("licensed since 2015", "registration 2024") is a date, not a number.
  if (/^(19|20)\d\d$/.test(normalized)) return false;
  return true;
}

/**
 * Registration or licence numbers that an ad quotes, normalized: "Licence No. GB-REC-00123",
 * "DMW License No. 123-LB-03-45-2020", "licencia n.º 1234", "agrément n° ABC-123". Only numbers
 * introduced by a licence or registration word are taken, so phone numbers and salaries are not.
 */
export function extractLicenceNumbers(text: string): string[] {
  if (typeof text !== 'string' || text === '') return [];
  const { folded } = foldText(text);
  return licenceNumbersInFolded(folded, scanAnchors(folded));
}

/** `extractLicenceNumbers` for text already folded and scanned (the matcher does both). */
export function licenceNumbersInFolded(folded: string, anchors: AnchorWindows): string[] {
  const found = new Set<string>();
  for (const match of matchesInWindows(LICENCE_MENTION, folded, anchors.licence)) {
    const token = match.groups[0];
    const normalized = token === undefined ? '' : normalizeLicence(token);
    if (looksLikeLicence(normalized)) found.add(normalized);
  }
  return [...found];
}
