import { effectiveStatus, isInGoodStanding, type EffectiveStatus } from '@fair-recruit/domain';
import { isIdentifyingDomain, registrableDomain } from './domains.js';
import { emailDomain, extractEmails } from './emails.js';
import { HashedLookup } from './hashed-lookup.js';
import { licenceNumbersInFolded, normalizeLicence } from './licences.js';
import type { MatchIndex, MatchableRecord } from './match-index.js';
import { nameKeyOfNormalized, nameSimilarity, normalizeName } from './normalize.js';
import {
  phoneKey,
  phoneProbe,
  phoneProbeMatches,
  phoneProbesInText,
  type PhoneProbe,
} from './phones.js';
import { detectRedFlagsInFolded, type RedFlag } from './red-flags.js';
import { scanAnchors } from './phrase-scan.js';
import { foldText } from './text-fold.js';

/** A job ad as the extension reads it from a page, or as `POST /checks` receives it. */
export interface JobAd {
  organizationName?: string;
  url?: string;
  domains?: string[];
  emails?: string[];
  phones?: string[];
  text?: string;
  /** ISO 3166-1 alpha-2 code of the country where the job is. */
  jobCountry?: string;
  /** Licence numbers read from the page's structure; the text is searched as well. */
  licenceNumbers?: string[];
}

export type Verdict = 'authorized' | 'not_authorized' | 'possible_match' | 'not_found';
export type MatchedBy = 'licence' | 'domain' | 'email_domain' | 'phone' | 'name' | 'fuzzy_name';

export interface Match {
  record: MatchableRecord;
  effectiveStatus: EffectiveStatus;
  /** In-period authorization: authorized, not expired and already started. */
  inGoodStanding: boolean;
  /** The strongest evidence that pointed at this record. */
  matchedBy: MatchedBy;
  /** Every kind of evidence that pointed at this record, strongest first. */
  evidence: MatchedBy[];
  /** Whether this match decided the verdict (false for weaker or merely possible matches). */
  decisive: boolean;
  /** One English sentence on this match; empty with `englishWording: false`. */
  detail: string;
  /** Trigram similarity of the names, for fuzzy matches. */
  similarity?: number;
}

export interface MatchResult {
  verdict: Verdict;
  /** Decisive matches first, then the other exact matches, then possible ones. */
  matches: Match[];
  /** Names for the amber badge "Possible match: <name>". */
  possibleMatches: string[];
  redFlags: RedFlag[];
  /**
   * One or two plain English sentences on how the verdict was reached, conflicts included; empty
   * with `englishWording: false`.
   */
  explanation: string;
  /** What `explanation` says, as data, in its order: for a client that words it in its language. */
  reasons: Reason[];
}

/** One sentence of an explanation. Matches are among the result's `matches`. */
export type Reason =
  /** The decisive matches, found by `by`. */
  | { kind: 'matched'; by: MatchedBy; matches: Match[] }
  /** The ad's licence number and its other details point at different recruiters (`matches`). */
  | { kind: 'licence_contradicted'; matches: Match[] }
  /** Only the registry of the job's country decided, among several that matched. */
  | { kind: 'job_country_decided' }
  /** Weaker evidence points at recruiters in another standing (each by its `matchedBy`). */
  | { kind: 'weaker_evidence'; matches: Match[] }
  /** The ad quotes the licence number of `match` under another name, `adName`. */
  | { kind: 'licence_name_conflict'; match: Match; adName: string }
  /** No exact match; these recruiters have similar names. */
  | { kind: 'possible'; matches: Match[] }
  | { kind: 'not_found' };

export interface MatchOptions {
  /** The day (YYYY-MM-DD, UTC) statuses are read at; today when absent. */
  asOf?: string | Date;
  /** The safeguards list in force; the 2023 edition when absent. */
  safeguardsCountryCodes?: readonly string[];
  /** Lowest trigram similarity for a possible match (0..1). */
  minSimilarity?: number;
  maxPossibleMatches?: number;
  /**
   * false: `explanation` and each match's `detail` are left empty. For a client that words the
   * result in its own language from `reasons` (the browser extension), which would otherwise pay
   * for English sentences it never shows: about a tenth of matching an ad that matches a record.
   */
  englishWording?: boolean;
}

const DEFAULT_MIN_SIMILARITY = 0.5;
const DEFAULT_MAX_POSSIBLE_MATCHES = 3;
/** Below this, the ad's name has nothing to do with the name of the licence it quotes. */
const LICENCE_NAME_CONSISTENCY = 0.3;

/** Licence beats domain beats phone beats name: how hard each is to borrow or mistype. */
const EVIDENCE_STRENGTH: Readonly<Record<MatchedBy, number>> = {
  licence: 5,
  domain: 4,
  email_domain: 4,
  phone: 3,
  name: 2,
  fuzzy_name: 1,
};

const EVIDENCE_WORDS: Readonly<Record<MatchedBy, string>> = {
  licence: 'licence number',
  domain: 'website domain',
  email_domain: 'e-mail domain',
  phone: 'phone number',
  name: 'name',
  fuzzy_name: 'similar name',
};

interface Evidence {
  kinds: Set<MatchedBy>;
  /** What was found for each kind, in order: the licence number, domain, phone or name. */
  found: string[];
}

/** "licence number GB-123", "website domain acme.example": what a match's `detail` lists. */
function evidenceWords(kind: MatchedBy, found: string): string {
  return kind === 'name' ? `name "${found}"` : `${EVIDENCE_WORDS[kind]} ${found}`;
}

/** The ad with every field checked, since it may come from any web page or any HTTP client. */
interface CleanAd {
  organizationName: string;
  url: string;
  domains: string[];
  emails: string[];
  phones: string[];
  text: string;
  jobCountry: string | undefined;
  licenceNumbers: string[];
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function cleanAd(ad: unknown): CleanAd {
  const fields = (ad !== null && typeof ad === 'object' ? ad : {}) as Record<string, unknown>;
  const jobCountry = stringField(fields.jobCountry).trim().toUpperCase();
  return {
    organizationName: stringField(fields.organizationName),
    url: stringField(fields.url),
    domains: stringList(fields.domains),
    emails: stringList(fields.emails),
    phones: stringList(fields.phones),
    text: stringField(fields.text),
    jobCountry: /^[A-Z]{2}$/.test(jobCountry) ? jobCountry : undefined,
    licenceNumbers: stringList(fields.licenceNumbers),
  };
}

const DAY_MS = 86_400_000;
let today = { start: 0, end: 0, day: '' };

function dayOf(asOf: unknown): string {
  if (asOf instanceof Date && !Number.isNaN(asOf.getTime())) return asOf.toISOString().slice(0, 10);
  if (typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}/.test(asOf)) return asOf.slice(0, 10);
  // Formatting a date costs more than the rest of matching a short ad: reuse today's until midnight UTC.
  const now = Date.now();
  if (now < today.start || now >= today.end) {
    const start = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
    today = { start, end: start + DAY_MS, day: new Date(now).toISOString().slice(0, 10) };
  }
  return today.day;
}

function day(value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value.slice(0, 10) : null;
}

function standingOf(record: MatchableRecord, asOf: string) {
  const status = effectiveStatus(record.status, day(record.authorizedUntil), asOf);
  const from = day(record.authorizedFrom);
  const notStarted = status === 'authorized' && from !== null && from > asOf;
  return { status, inGoodStanding: isInGoodStanding(status) && !notStarted, notStarted };
}

function statusWords(record: MatchableRecord, asOf: string): string {
  const { status, notStarted } = standingOf(record, asOf);
  const where = `in ${record.jurisdiction}`;
  if (notStarted) return `authorized ${where} from ${day(record.authorizedFrom)}`;
  switch (status) {
    case 'authorized': {
      const until = day(record.authorizedUntil);
      return until ? `authorized ${where} until ${until}` : `authorized ${where}`;
    }
    case 'expired':
      return `authorization ${where} expired on ${day(record.authorizedUntil)}`;
    case 'pending':
      return `application pending ${where}`;
    case 'refused':
    case 'suspended':
    case 'revoked':
      return `${status} ${where}`;
  }
}

class EvidenceCollector {
  readonly byRecord = new Map<MatchableRecord, Evidence>();

  add(records: readonly MatchableRecord[] | undefined, kind: MatchedBy, found: string) {
    for (const record of records ?? []) {
      let evidence = this.byRecord.get(record);
      if (!evidence) {
        evidence = { kinds: new Set(), found: [] };
        this.byRecord.set(record, evidence);
      }
      if (!evidence.kinds.has(kind)) {
        evidence.kinds.add(kind);
        evidence.found.push(found);
      }
    }
  }
}

function collectExactEvidence(index: MatchIndex, ad: CleanAd, adName: string) {
  const collector = new EvidenceCollector();
  const folded = foldText(ad.text);
  const anchors = scanAnchors(folded.folded);
  const textEmails = ad.text.includes('@') ? extractEmails(ad.text) : [];

  const licences = new Set(ad.licenceNumbers.map(normalizeLicence).filter((l) => l !== ''));
  for (const licence of licenceNumbersInFolded(folded.folded, anchors)) licences.add(licence);
  for (const licence of licences) {
    collector.add(index.byLicence.get(licence), 'licence', licence);
  }

  for (const raw of ad.url === '' ? ad.domains : [ad.url, ...ad.domains]) {
    const domain = registrableDomain(raw);
    // Webmail and shared platforms are not in the index, and must not match even if they were.
    if (domain && isIdentifyingDomain(domain)) {
      collector.add(index.byDomain.get(domain), 'domain', domain);
    }
  }
  for (const address of [...ad.emails, ...textEmails]) {
    const domain = registrableDomain(emailDomain(address) ?? '');
    if (domain && isIdentifyingDomain(domain)) {
      collector.add(index.byDomain.get(domain), 'email_domain', domain);
    }
  }

  if (hasKeys(index.byPhone)) {
    const probes: PhoneProbe[] = ad.phones.map(phoneProbe).filter((p) => p !== null);
    if (ad.text !== '') probes.push(...phoneProbesInText(ad.text));
    for (const probe of probes) {
      const records = (index.byPhone.get(phoneKey(probe.digits)) ?? [])
        .filter((entry) => phoneProbeMatches(probe, entry.digits))
        .map((entry) => entry.record);
      const written = probe.international ? `+${probe.digits}` : `…${probe.digits}`;
      collector.add(records, 'phone', written);
    }
  }

  if (adName !== '') {
    collector.add(index.byNameKey.get(nameKeyOfNormalized(adName)), 'name', adName);
  }
  return { collector, folded, anchors, textEmails };
}

/** `size > 0`, without counting the keys of the index's own maps (which would build them all). */
function hasKeys(map: ReadonlyMap<string, unknown>): boolean {
  return map instanceof HashedLookup ? !map.isEmpty : map.size > 0;
}

/**
 * A quoted licence number is easy to borrow. When it is the only thing pointing at a record and
 * the ad names a firm that looks nothing like that record, it is not proof of who the ad is from.
 */
function licenceNameConflict(record: MatchableRecord, evidence: Evidence, adName: string): boolean {
  if (adName === '' || evidence.kinds.size !== 1 || !evidence.kinds.has('licence')) return false;
  const names = [record.legalName, ...stringList(record.tradingNames)];
  const adTokens = new Set(adName.split(' '));
  return !names.some((name) => {
    if (typeof name !== 'string') return false;
    const normalized = normalizeName(name);
    return (
      normalized.split(' ').some((token) => token.length > 2 && adTokens.has(token)) ||
      nameSimilarity(normalized, adName) >= LICENCE_NAME_CONSISTENCY
    );
  });
}

function exactDetail(record: MatchableRecord, evidence: Evidence, asOf: string): string {
  const found = [...evidence.kinds].map((kind, i) => evidenceWords(kind, evidence.found[i]));
  return `Matched by ${found.join(', ')}; ${statusWords(record, asOf)}.`;
}

function strongest(kinds: Iterable<MatchedBy>): MatchedBy[] {
  return [...kinds].sort((a, b) => EVIDENCE_STRENGTH[b] - EVIDENCE_STRENGTH[a]);
}

function describe(match: Match, asOf: string): string {
  return `${match.record.legalName} (${statusWords(match.record, asOf)})`;
}

/**
 * The verdict for one job ad against a registry index. Exact evidence (licence number, website or
 * e-mail domain, phone, normalized name) gives green or red; a similar name alone gives amber,
 * never red. When exact evidence disagrees, the strongest kind decides and the rest is explained.
 */
export function matchAd(index: MatchIndex, ad: JobAd, options: MatchOptions = {}): MatchResult {
  const safeOptions: MatchOptions = options !== null && typeof options === 'object' ? options : {};
  const asOf = dayOf(safeOptions.asOf);
  const clean = cleanAd(ad);
  const adName = clean.organizationName === '' ? '' : normalizeName(clean.organizationName);
  const { collector, folded, anchors, textEmails } = collectExactEvidence(index, clean, adName);

  const redFlags = detectRedFlagsInFolded(folded, anchors, textEmails, {
    emails: clean.emails,
    jobCountry: clean.jobCountry,
    safeguardsCountryCodes: Array.isArray(safeOptions.safeguardsCountryCodes)
      ? safeOptions.safeguardsCountryCodes
      : undefined,
  });

  const english = safeOptions.englishWording !== false;
  const exact: Match[] = [];
  const possible: Match[] = [];
  const conflicts: Extract<Reason, { kind: 'licence_name_conflict' }>[] = [];
  for (const [record, evidence] of collector.byRecord) {
    const { status, inGoodStanding } = standingOf(record, asOf);
    const kinds = strongest(evidence.kinds);
    const match: Match = {
      record,
      effectiveStatus: status,
      inGoodStanding,
      matchedBy: kinds[0],
      evidence: kinds,
      decisive: false,
      detail: english ? exactDetail(record, evidence, asOf) : '',
    };
    // A borrowed licence of a firm in good standing must not turn the badge green; a licence that
    // is revoked or suspended is a warning whoever quotes it.
    if (inGoodStanding && licenceNameConflict(record, evidence, adName)) {
      if (english) {
        match.detail = `The ad quotes the licence number of ${record.legalName} (${statusWords(record, asOf)}), but names "${clean.organizationName}". Check that the ad is really from ${record.legalName}.`;
      }
      conflicts.push({ kind: 'licence_name_conflict', match, adName: clean.organizationName });
      possible.push(match);
    } else {
      exact.push(match);
    }
  }

  const maxPossible = Number.isInteger(safeOptions.maxPossibleMatches)
    ? Math.max(0, safeOptions.maxPossibleMatches!)
    : DEFAULT_MAX_POSSIBLE_MATCHES;
  if (exact.length === 0 && adName !== '') {
    const minSimilarity =
      typeof safeOptions.minSimilarity === 'number' && safeOptions.minSimilarity > 0
        ? safeOptions.minSimilarity
        : DEFAULT_MIN_SIMILARITY;
    for (const hit of index.names.search(adName, { minSimilarity, limit: maxPossible })) {
      const record = hit.value;
      if (possible.some((match) => match.record === record)) continue;
      const { status, inGoodStanding } = standingOf(record, asOf);
      possible.push({
        record,
        effectiveStatus: status,
        inGoodStanding,
        matchedBy: 'fuzzy_name',
        evidence: ['fuzzy_name'],
        decisive: false,
        similarity: hit.similarity,
        detail: english
          ? `Similar name "${hit.name}" (similarity ${hit.similarity.toFixed(2)}); ${statusWords(record, asOf)}.`
          : '',
      });
    }
  }

  const possibleMatches = [...new Set(possible.map((match) => match.record.legalName))].slice(
    0,
    Math.max(maxPossible, 1),
  );

  if (exact.length === 0) {
    const verdict: Verdict = possible.length > 0 ? 'possible_match' : 'not_found';
    const explanation = !english
      ? ''
      : verdict === 'not_found'
        ? 'No registered recruiter matches this ad.'
        : (conflicts[0]?.match.detail ??
          `No exact match in the registry. Possible match: ${possible.map((m) => describe(m, asOf)).join('; ')}.`);
    const reasons: Reason[] =
      verdict === 'not_found'
        ? [{ kind: 'not_found' }]
        : conflicts.length > 0
          ? [conflicts[0]]
          : [{ kind: 'possible', matches: possible }];
    return { verdict, matches: possible, possibleMatches, redFlags, explanation, reasons };
  }

  const decision = decide(exact, clean.jobCountry);
  for (const match of decision.decisive) match.decisive = true;
  const verdict: Verdict = decision.decisive.every((match) => match.inGoodStanding)
    ? 'authorized'
    : 'not_authorized';

  const ordered = [
    ...decision.decisive,
    ...exact
      .filter((match) => !match.decisive)
      .sort((a, b) => EVIDENCE_STRENGTH[b.matchedBy] - EVIDENCE_STRENGTH[a.matchedBy]),
    ...possible,
  ];
  const reasons = reasonsFor(verdict, decision, exact, conflicts);
  const explanation = english ? explain(reasons, asOf) : '';
  return { verdict, matches: ordered, possibleMatches, redFlags, explanation, reasons };
}

interface Decision {
  decisive: Match[];
  narrowedToJobCountry: boolean;
  licenceContradicted: boolean;
}

function decide(exact: readonly Match[], jobCountry: string | undefined): Decision {
  const top = Math.max(...exact.map((match) => EVIDENCE_STRENGTH[match.matchedBy]));
  let decisive = exact.filter((match) => EVIDENCE_STRENGTH[match.matchedBy] === top);

  // The ad quotes one firm's licence but its website, address or name points at another firm:
  // neither can be trusted alone, so both decide (and a sanction on either shows red).
  let licenceContradicted = false;
  const others = exact.filter((match) => !decisive.includes(match));
  if (
    decisive[0]?.matchedBy === 'licence' &&
    others.length > 0 &&
    decisive.every((match) => match.evidence.length === 1)
  ) {
    const next = Math.max(...others.map((match) => EVIDENCE_STRENGTH[match.matchedBy]));
    decisive = [...decisive, ...others.filter((m) => EVIDENCE_STRENGTH[m.matchedBy] === next)];
    licenceContradicted = true;
  }

  // The registry of the country where the job is, is the one that matters for this ad.
  const inJobCountry = jobCountry
    ? decisive.filter((match) => String(match.record.jurisdiction).toUpperCase() === jobCountry)
    : [];
  const narrowedToJobCountry = inJobCountry.length > 0 && inJobCountry.length < decisive.length;
  if (inJobCountry.length > 0) decisive = inJobCountry;
  return { decisive, narrowedToJobCountry, licenceContradicted };
}

function reasonsFor(
  verdict: Verdict,
  decision: Decision,
  exact: readonly Match[],
  conflicts: readonly Reason[],
): Reason[] {
  const reasons: Reason[] = [
    decision.licenceContradicted
      ? { kind: 'licence_contradicted', matches: decision.decisive }
      : { kind: 'matched', by: decision.decisive[0].matchedBy, matches: decision.decisive },
  ];
  if (decision.narrowedToJobCountry) reasons.push({ kind: 'job_country_decided' });
  const others = exact.filter((match) => !decision.decisive.includes(match));
  const disagreeing = others.filter((match) => match.inGoodStanding !== (verdict === 'authorized'));
  if (disagreeing.length > 0) reasons.push({ kind: 'weaker_evidence', matches: disagreeing });
  reasons.push(...conflicts);
  return reasons;
}

/** The English wording of the reasons of a verdict with exact matches, as the API gives it. */
function explain(reasons: readonly Reason[], asOf: string): string {
  const list = (matches: readonly Match[]) => matches.map((m) => describe(m, asOf)).join('; ');
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'matched':
          return `Matched by ${EVIDENCE_WORDS[reason.by]}: ${list(reason.matches)}.`;
        case 'licence_contradicted':
          return `The licence number in the ad and its other details point at different recruiters: ${list(reason.matches)}.`;
        case 'job_country_decided':
          return 'The registry of the country where the job is decided.';
        case 'weaker_evidence':
          return `Weaker evidence also points at ${reason.matches
            .map((m) => `${describe(m, asOf)} by ${EVIDENCE_WORDS[m.matchedBy]}`)
            .join('; ')}.`;
        case 'licence_name_conflict':
          return reason.match.detail;
        case 'possible':
        case 'not_found':
          return '';
      }
    })
    .filter((sentence) => sentence !== '')
    .join(' ');
}
