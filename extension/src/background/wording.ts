import type { Match, MatchedBy, Reason, RedFlag } from '@fair-recruit/matching';
import type { AdVerdict } from '../lib/messages.js';
import { language, standingPhrase, statusWord, t, type MessageKey } from '../lib/i18n.js';

// What the worker says about an ad, in the browser's language. The matcher gives its reasons and
// red flags as data (`MatchResult.reasons`, `RedFlag.code`) beside its English sentences, which
// the API serves as they are; the extension words them from the data with its catalogue.

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** The calendar day of a snapshot's day or date-time value; null for none or anything else. */
export function day(value: string | null | undefined): string | null {
  return typeof value === 'string' && DAY.test(value) ? value.slice(0, 10) : null;
}

/** The badge's words. */
export function labelOf(verdict: AdVerdict): string {
  const record = verdict.record;
  switch (verdict.verdict) {
    case 'authorized':
      return record?.authorizedUntil
        ? t('label_authorizedUntil', record.registryName, record.authorizedUntil)
        : t('label_authorized', record?.registryName ?? t('label_someRegistry'));
    case 'not_authorized': {
      const status = statusWord(record?.effectiveStatus ?? '');
      const since =
        record?.effectiveStatus === 'expired' ? record.authorizedUntil : record?.statusChangedAt;
      const head = since ? t('label_statusSince', status, since) : status;
      return record?.statusReason ? t('label_withReason', head, record.statusReason) : head;
    }
    case 'possible_match':
      return t(
        'label_possibleMatch',
        verdict.possibleMatches[0] ?? record?.legalName ?? t('label_aRegisteredRecruiter'),
      );
    case 'not_found':
      return t('label_notFound');
    case 'not_checked':
      return t('label_notChecked');
  }
}

const EVIDENCE: Readonly<Record<MatchedBy, MessageKey>> = {
  licence: 'by_licence',
  domain: 'by_domain',
  email_domain: 'by_email_domain',
  phone: 'by_phone',
  name: 'by_name',
  fuzzy_name: 'by_fuzzy_name',
};

/** "Acme Health Ltd (suspended in GB)": a recruiter and its standing on the day `asOf`. */
function mention(match: Match, asOf: string): string {
  const record = match.record;
  const from = day(record.authorizedFrom);
  const standing = standingPhrase(
    match.effectiveStatus,
    record.jurisdiction,
    day(record.authorizedUntil),
    from !== null && from > asOf ? from : null,
  );
  return t('mention', record.legalName, standing);
}

/** How the verdict was reached: the matcher's reasons, a sentence each. */
export function explanationOf(reasons: readonly Reason[], asOf: string): string {
  const list = (matches: readonly Match[]) =>
    matches.map((match) => mention(match, asOf)).join(t('why_listSeparator'));
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'matched':
          return t('why_matched', t(EVIDENCE[reason.by]), list(reason.matches));
        case 'licence_contradicted':
          return t('why_licenceContradicted', list(reason.matches));
        case 'job_country_decided':
          return t('why_jobCountryDecided');
        case 'weaker_evidence':
          return t(
            'why_weakerEvidence',
            reason.matches
              .map((match) =>
                t('why_mentionBy', mention(match, asOf), t(EVIDENCE[match.matchedBy])),
              )
              .join(t('why_listSeparator')),
          );
        case 'licence_name_conflict':
          return t(
            'why_licenceNameConflict',
            mention(reason.match, asOf),
            reason.adName,
            reason.match.record.legalName,
          );
        case 'possible':
          return t('why_possible', list(reason.matches));
        case 'not_found':
          return t('why_notFound');
      }
    })
    .join(' ');
}

/** "Ghana, Nigeria and Zimbabwe", in the catalogue's language. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('list_and', items.slice(0, -1).join(t('list_comma')), items[items.length - 1]);
}

/** A country's name in the catalogue's language; its code when the browser has no name for it. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([language()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The flag with its explanation in the browser's language (the evidence is the ad's own words). */
export function localizedFlag(flag: RedFlag): RedFlag {
  let explanation: string;
  switch (flag.code) {
    case 'free_webmail':
      // The evidence is the address; the sentence names its domain.
      explanation = t(
        'redFlag_free_webmail',
        flag.evidence.slice(flag.evidence.lastIndexOf('@') + 1),
      );
      break;
    case 'safeguards_list_targeting':
      explanation = flag.countries
        ? t('redFlag_safeguards_list_targeting', listOf(flag.countries.map(countryName)))
        : flag.explanation;
      break;
    case 'candidate_fees':
    case 'visa_sponsorship_fee':
    case 'messaging_app_only':
    case 'document_retention':
      explanation = t(`redFlag_${flag.code}`);
  }
  return { ...flag, explanation };
}
