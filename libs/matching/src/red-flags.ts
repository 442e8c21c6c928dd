import { COUNTRY_NAMES, SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { emailDomain, extractEmails } from './emails.js';
import { foldCase } from './normalize.js';
import { isFreeWebmail } from './domains.js';
import {
  AFTER_COUNTRY_NAME,
  AFTER_DEMONYM,
  BEFORE_COUNTRY_NAME,
  BEFORE_DEMONYM,
  CANDIDATE_FEE_PHRASES,
  DOCUMENT_RETENTION_PHRASES,
  MESSAGING_CONTACT_PHRASES,
  MESSAGING_ONLY_PHRASES,
  NEGATION_AFTER,
  NEGATION_BEFORE,
  OTHER_CONTACT_CHANNEL,
  RETENTION_NEGATION_AFTER,
  RETENTION_NEGATION_BEFORE,
  TARGETING_NEGATION_AFTER,
  TARGETING_NEGATION_BEFORE,
  VISA_FEE_PHRASES,
} from './red-flag-phrases.js';
import { SAFEGUARDS_COUNTRY_VOCABULARY } from './safeguards-countries.js';
import { foldText, originalSlice, type FoldedText } from './text-fold.js';
import {
  matchesInWindows,
  mergeWindows,
  pushWindow,
  scanAnchors,
  type AnchorWindows,
  type Span,
} from './phrase-scan.js';

export const RED_FLAG_CODES = [
  'candidate_fees',
  'visa_sponsorship_fee',
  'messaging_app_only',
  'free_webmail',
  'document_retention',
  'safeguards_list_targeting',
] as const;
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

/**
 * A warning about an ad, with the article of the draft WHO Code it concerns. Written for the
 * health worker: what the ad says and why it matters, never a finding against the recruiter.
 */
export interface RedFlag {
  code: RedFlagCode;
  article: string;
  explanation: string;
  /** The words of the ad (or the address) that raised the flag, shortened. */
  evidence: string;
  /**
   * `safeguards_list_targeting` only: the ISO 3166-1 codes of the listed countries the ad recruits
   * from, in the order found, for a client that names them in its own language.
   */
  countries?: string[];
}

/** Articles of the draft Code (2009 numbering; the adopted Code's number in brackets). */
export const RED_FLAG_ARTICLES: Readonly<Record<RedFlagCode, string>> = {
  candidate_fees: 'Art. 4.8',
  visa_sponsorship_fee: 'Art. 4.8',
  messaging_app_only: 'Art. 4.3, 4.4',
  free_webmail: 'Art. 9.5 [8.5]',
  document_retention: 'Art. 4.1, 4.4',
  safeguards_list_targeting: 'Box 2 [5.1]',
};

export interface RedFlagOptions {
  /** Contact addresses known from outside the text (the page's mailto: links, a form). */
  emails?: readonly string[];
  /** ISO 3166-1 alpha-2 code of the country where the job is. */
  jobCountry?: string;
  /** The safeguards list in force; the 2023 edition when absent. */
  safeguardsCountryCodes?: readonly string[];
}

const MAX_EVIDENCE_LENGTH = 100;
const BEFORE_WINDOW = 60;
const AFTER_WINDOW = 30;
const CLAUSE_END = /[.;!?\n]/;

function phrasePattern(phrases: readonly string[]): RegExp {
  return new RegExp(String.raw`\b(?:${phrases.join('|')})`, 'g');
}

const CANDIDATE_FEE = phrasePattern(CANDIDATE_FEE_PHRASES);
const VISA_FEE = phrasePattern(VISA_FEE_PHRASES);
const MESSAGING_ONLY = phrasePattern(MESSAGING_ONLY_PHRASES);
const MESSAGING_CONTACT = phrasePattern(MESSAGING_CONTACT_PHRASES);
const DOCUMENT_RETENTION = phrasePattern(DOCUMENT_RETENTION_PHRASES);
const OTHER_CONTACT = new RegExp(OTHER_CONTACT_CHANNEL);
const FEE_NEGATION_BEFORE = new RegExp(NEGATION_BEFORE);
const FEE_NEGATION_AFTER = new RegExp(NEGATION_AFTER);
// "No placement, registration or processing fees", "no hidden costs, deposits or fees": the "no"
// governs a whole list of fee words, but not "No experience needed, processing fee $100".
const FEE_LIST_ITEM = String.raw`(?:[a-z]+\s+)?(?:fees?|charges?|costs?|deposits?|processing|placement|registration|application|recruitment|agency|service|admin|administrative|documentation|training|medical|visa|hidden|upfront|frais|dossier|inscription|taxas?|inscricao|cuotas?|tarifas?|costos?|gastos|depositos?|inscripcion|comision(?:es)?|comissao|comissoes)`;
const LIST_NEGATION_BEFORE = new RegExp(
  String.raw`\b(?:no|without|zero|sin|sans|sem|aucun[e]?|ningun[oa]?|nenhum[a]?)\s+(?:${FEE_LIST_ITEM}\s*(?:,|\s(?:or|and|nor|ou|o|y|et|e|ni|nem)\s)\s*){1,4}$`,
);
const RETENTION_BEFORE = new RegExp(RETENTION_NEGATION_BEFORE);
const RETENTION_AFTER = new RegExp(RETENTION_NEGATION_AFTER);
const TARGETING_BEFORE = new RegExp(TARGETING_NEGATION_BEFORE);
const TARGETING_AFTER = new RegExp(TARGETING_NEGATION_AFTER);

/** The part of the sentence before `start`, at most BEFORE_WINDOW characters. */
function clauseBefore(folded: string, start: number, window = BEFORE_WINDOW): string {
  const before = folded.slice(Math.max(0, start - window), start);
  for (let i = before.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(before[i])) return before.slice(i + 1);
  }
  return before;
}

/** The part of the sentence after `end`, at most AFTER_WINDOW characters. */
function clauseAfter(folded: string, end: number, window = AFTER_WINDOW): string {
  const after = folded.slice(end, end + window);
  for (let i = 0; i < after.length; i++) {
    if (CLAUSE_END.test(after[i])) return after.slice(0, i);
  }
  return after;
}

function isFeeNegated(folded: string, span: Span): boolean {
  const before = clauseBefore(folded, span.start);
  // Commas end a negation ("No experience needed, processing fee $100") except inside a list.
  const sameClause = before.slice(before.lastIndexOf(',') + 1);
  return (
    FEE_NEGATION_BEFORE.test(sameClause) ||
    LIST_NEGATION_BEFORE.test(before) ||
    FEE_NEGATION_AFTER.test(clauseAfter(folded, span.end))
  );
}

function firstAffirmedFee(
  folded: string,
  pattern: RegExp,
  windows: readonly Span[],
  skip: readonly Span[] = [],
): Span | undefined {
  for (const span of matchesInWindows(pattern, folded, windows)) {
    if (skip.some((other) => span.start < other.end && other.start < span.end)) continue;
    if (!isFeeNegated(folded, span)) return span;
  }
  return undefined;
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

/** What the ad said, from the original text: the phrase and the rest of its clause, shortened. */
function evidenceOf(text: FoldedText, span: Span): string {
  let end = span.end;
  while (
    end < text.folded.length &&
    end - span.start < MAX_EVIDENCE_LENGTH &&
    !CLAUSE_END.test(text.folded[end])
  ) {
    end++;
  }
  let snippet = originalSlice(text, span.start, end).replace(/\s+/g, ' ').trim();
  if (snippet.length > MAX_EVIDENCE_LENGTH) {
    const cut = snippet.lastIndexOf(' ', MAX_EVIDENCE_LENGTH);
    snippet = `${snippet.slice(0, cut > 0 ? cut : MAX_EVIDENCE_LENGTH)}…`;
  }
  return snippet;
}

function flag(code: RedFlagCode, explanation: string, evidence: string): RedFlag {
  return { code, article: RED_FLAG_ARTICLES[code], explanation, evidence };
}

function detectFees(text: FoldedText, anchors: AnchorWindows, flags: RedFlag[]): void {
  // Visa-fee phrases hold a visa word or a fee word ("work permit costs"), so both windows count.
  const visaWindows = mergeWindows(anchors.fee, anchors.visa);
  const visaMentions = [...matchesInWindows(VISA_FEE, text.folded, visaWindows)];
  const visa = visaMentions.find((span) => !isFeeNegated(text.folded, span));
  // A visa fee is reported once, as a visa fee, even though "visa processing fee" is a fee too,
  // and so is the rest of its clause ("Costo de la visa a cargo del candidato").
  const visaClauses = visaMentions.map((span) => ({
    start: span.start,
    end: span.end + clauseAfter(text.folded, span.end, AFTER_WINDOW * 2).length,
  }));
  const fee = firstAffirmedFee(text.folded, CANDIDATE_FEE, anchors.fee, visaClauses);
  if (fee) {
    flags.push(
      flag(
        'candidate_fees',
        'The ad asks the candidate to pay a fee or deposit. Under the WHO Code, recruitment should be free of charge to health workers.',
        evidenceOf(text, fee),
      ),
    );
  }
  if (visa) {
    flags.push(
      flag(
        'visa_sponsorship_fee',
        'The ad asks the candidate to pay for a visa or its sponsorship. Under the WHO Code, recruitment costs should not be charged to health workers.',
        evidenceOf(text, visa),
      ),
    );
  }
}

function detectMessagingOnly(
  text: FoldedText,
  anchors: AnchorWindows,
  emails: readonly string[],
  flags: RedFlag[],
): void {
  if (anchors.messaging.length === 0) return;
  let found = first(matchesInWindows(MESSAGING_ONLY, text.folded, anchors.messaging));
  if (!found && emails.length === 0 && !OTHER_CONTACT.test(text.folded)) {
    found = first(matchesInWindows(MESSAGING_CONTACT, text.folded, anchors.messaging));
  }
  if (found) {
    flags.push(
      flag(
        'messaging_app_only',
        'The only way to contact the recruiter is a messaging app. A recruiter should be identifiable and give verifiable contact details; check it in the registry before sending documents or money.',
        evidenceOf(text, found),
      ),
    );
  }
}

function detectFreeWebmail(addresses: readonly string[], flags: RedFlag[]): void {
  const address = addresses.find((candidate) => {
    const domain = emailDomain(candidate);
    return domain !== null && isFreeWebmail(domain);
  });
  if (address) {
    flags.push(
      flag(
        'free_webmail',
        `The contact address uses a free webmail service (${emailDomain(address)}). Authorized recruiters are normally identifiable by their own domain; check the recruiter in the registry.`,
        address,
      ),
    );
  }
}

function detectDocumentRetention(text: FoldedText, anchors: AnchorWindows, flags: RedFlag[]) {
  for (const span of matchesInWindows(DOCUMENT_RETENTION, text.folded, anchors.retention)) {
    const before = clauseBefore(text.folded, span.start);
    if (RETENTION_BEFORE.test(before)) continue;
    if (RETENTION_AFTER.test(clauseAfter(text.folded, span.end))) continue;
    flags.push(
      flag(
        'document_retention',
        "The ad says the candidate's passport or original documents will be kept by someone else. Health workers should keep their own identity documents.",
        evidenceOf(text, span),
      ),
    );
    return;
  }
}

// ---- Safeguards list ---------------------------------------------------------------------------

interface CountryTerm {
  code: string;
  kind: 'name' | 'demonym';
}

interface SafeguardsMatcher {
  /** One word of each term (its longest), to find the places worth a look in one cheap pass. */
  anchor: RegExp;
  /** Every term in full, run only around the anchors. */
  pattern: RegExp;
  terms: Map<string, CountryTerm>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term as written in ads: "cote d'ivoire" also matches "côte d’ivoire", "guinea bissau". */
function termPattern(term: string): string {
  return escapeRegExp(term)
    .replace(/'/g, "['’]?\\s*")
    .replace(/\\?-/g, '[\\s-]*')
    .replace(/ /g, '[\\s-]+');
}

/** The form of a matched term used to look it up: no apostrophes, single spaces, no hyphens. */
function termKey(text: string): string {
  return text.replace(/['’]/g, '').replace(/[\s-]+/g, ' ');
}

/** A country outside the vocabulary, by its English name: "Bosnia & Herzegovina" → "bosnia and herzegovina". */
function fallbackName(code: string): string[] {
  const name = COUNTRY_NAMES[code];
  if (!name) return [];
  return [
    foldCase(name)
      .replace(/\(.*?\)/g, '')
      .replace(/&/g, 'and')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
}

function buildSafeguardsMatcher(codes: readonly string[]): SafeguardsMatcher {
  const terms = new Map<string, CountryTerm>();
  const written: string[] = [];
  const add = (term: string, value: CountryTerm) => {
    if (term === '' || terms.has(termKey(term))) return;
    terms.set(termKey(term), value);
    written.push(term);
  };
  for (const code of codes) {
    const vocabulary = SAFEGUARDS_COUNTRY_VOCABULARY[code];
    for (const name of vocabulary?.names ?? fallbackName(code)) add(name, { code, kind: 'name' });
    for (const demonym of vocabulary?.demonyms ?? []) add(demonym, { code, kind: 'demonym' });
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const longestWord = (term: string) =>
    term.split(/[\s'’-]+/).reduce((a, b) => (b.length >= a.length ? b : a));
  const anchorWords = [...new Set(written.map(longestWord))].sort(byLength).map(escapeRegExp);
  const sources = [...written].sort(byLength).map(termPattern);
  // An empty list must match nothing, not everything.
  const alternatives = (items: string[]) => (items.length > 0 ? items.join('|') : '(?!)');
  return {
    anchor: new RegExp(String.raw`\b(?:${alternatives(anchorWords)})\b`, 'g'),
    pattern: new RegExp(String.raw`\b(?:${alternatives(sources)})\b`, 'g'),
    terms,
  };
}

/** How far a country term reaches around its anchor word: the longest term is 32 characters. */
const COUNTRY_TERM_REACH = 40;
const DEFAULT_SAFEGUARDS_CODES = SAFEGUARDS_LIST_2023.countries.map((country) => country.code);
const safeguardsMatchers = new Map<string, SafeguardsMatcher>();

let lastCodes: readonly string[] | undefined;
let lastMatcher: SafeguardsMatcher | undefined;

/** Compiled once per list: the extension and the API both reuse the edition in force. */
function safeguardsMatcher(codes: readonly string[] = DEFAULT_SAFEGUARDS_CODES): SafeguardsMatcher {
  // Callers pass the same array ad after ad; skip rebuilding its key.
  if (codes === lastCodes && lastMatcher) return lastMatcher;
  const normalized = [...new Set(codes.map((code) => String(code).toUpperCase()))].sort();
  const key = normalized.join(',');
  let matcher = safeguardsMatchers.get(key);
  if (!matcher) {
    matcher = buildSafeguardsMatcher(normalized);
    if (safeguardsMatchers.size >= 8) safeguardsMatchers.clear();
    safeguardsMatchers.set(key, matcher);
  }
  lastCodes = codes;
  lastMatcher = matcher;
  return matcher;
}

/** Short names ("Gambia", not the list's "Gambia, The"), since they are joined with commas. */
function countryName(code: string): string {
  return (
    COUNTRY_NAMES[code] ??
    SAFEGUARDS_LIST_2023.countries.find((country) => country.code === code)?.name ??
    code
  );
}

function isTargeting(folded: string, span: Span, term: CountryTerm): boolean {
  const before = clauseBefore(folded, span.start, 80);
  const after = folded.slice(span.end, span.end + 60);
  const aimed =
    term.kind === 'name'
      ? BEFORE_COUNTRY_NAME.test(before) || AFTER_COUNTRY_NAME.test(after)
      : AFTER_DEMONYM.test(after) || BEFORE_DEMONYM.test(before);
  return aimed && !TARGETING_BEFORE.test(before) && !TARGETING_AFTER.test(after);
}

function detectSafeguardsTargeting(
  text: FoldedText,
  options: RedFlagOptions,
  flags: RedFlag[],
): void {
  const { anchor, pattern, terms } = safeguardsMatcher(options.safeguardsCountryCodes);
  const jobCountry = options.jobCountry?.toUpperCase();
  const windows: Span[] = [];
  const folded = text.folded;
  anchor.lastIndex = 0;
  for (let hit = anchor.exec(folded); hit; hit = anchor.exec(folded)) {
    const [at, length, reach] = [hit.index, hit[0].length, COUNTRY_TERM_REACH];
    pushWindow(windows, { folded, at, length, before: reach, after: reach });
  }
  const countries = new Set<string>();
  let firstTargeting: Span | undefined;
  for (const span of matchesInWindows(pattern, text.folded, windows)) {
    const term = terms.get(termKey(text.folded.slice(span.start, span.end)));
    // Recruiting in the country where the job is, is not international recruitment.
    if (!term || term.code === jobCountry || !isTargeting(text.folded, span, term)) continue;
    countries.add(term.code);
    firstTargeting ??= span;
  }
  if (!firstTargeting) return;
  const names = [...countries].map(countryName);
  const listed =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  flags.push({
    ...flag(
      'safeguards_list_targeting',
      `The ad seems to recruit health workers from ${listed}, on the WHO Health Workforce Support and Safeguards List. The Code asks recruiters not to recruit actively from these countries unless a government-to-government agreement provides for it.`,
      evidenceOf(text, widenToPhrase(text.folded, firstTargeting)),
    ),
    countries: [...countries],
  });
}

/** A country name alone says little; show the words around it ("nurses from Ghana"). */
function widenToPhrase(folded: string, span: Span): Span {
  const before = clauseBefore(folded, span.start, 40);
  const wordStart = before.search(/\S+(?:\s+\S+){0,3}\s*$/);
  return { start: span.start - before.length + Math.max(0, wordStart), end: span.end };
}

// ---- Entry points --------------------------------------------------------------------------------

/**
 * Warnings about what an ad asks of the health worker, in English, French, Spanish or Portuguese.
 * One flag per code at most, in the order of `RED_FLAG_CODES`.
 */
export function detectRedFlags(text: string, options: RedFlagOptions = {}): RedFlag[] {
  const source = typeof text === 'string' ? text : '';
  const folded = foldText(source);
  return detectRedFlagsInFolded(folded, scanAnchors(folded.folded), extractEmails(source), options);
}

/** `detectRedFlags` for text already folded and scanned (the matcher does both once per ad). */
export function detectRedFlagsInFolded(
  text: FoldedText,
  anchors: AnchorWindows,
  textEmails: readonly string[],
  options: RedFlagOptions,
): RedFlag[] {
  const flags: RedFlag[] = [];
  const givenEmails = (options.emails ?? []).filter((email) => typeof email === 'string');
  const emails = [...givenEmails, ...textEmails];
  detectFees(text, anchors, flags);
  detectMessagingOnly(text, anchors, emails, flags);
  detectFreeWebmail(emails, flags);
  detectDocumentRetention(text, anchors, flags);
  if (text.folded !== '') detectSafeguardsTargeting(text, options, flags);
  return flags;
}
