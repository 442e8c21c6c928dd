import type { RedFlag, Verdict } from '@fair-recruit/matching';
import type { StoredStatus } from '@fair-recruit/domain';
import type { Catalogue, Language } from './i18n.js';

/**
 * What the content script sends of an ad, only to the worker: what it read on the page, as
 * written. The worker reads the contact details from it (`background/ad-contacts.ts`).
 */
export interface AdProbe {
  organizationName: string;
  /**
   * The ad's own address, when the page gives one, as written (relative, say: the worker resolves
   * it against `siteUrl`); the page's address otherwise.
   */
  url: string;
  /** The `href` of the ad's links as written (`mailto:`, `tel:`, http(s)). */
  links: string[];
  /** The organization's own addresses, from structured data (`url`, `sameAs`). */
  organizationUrls: string[];
  /** The job site's address: links to its own domain are not the recruiter's; '' for none. */
  siteUrl: string;
  /** The ad's visible text, shortened: red flags, phones and licence numbers are read from it. */
  text: string;
  /** ISO 3166-1 alpha-2, when the ad says where the job is. */
  jobCountry?: string;
}

/** How to reach the recruiter, as the ad gives it: what "Report this ad" is prefilled with. */
export interface AdContact {
  /** A registrable domain. */
  website?: string;
  email?: string;
  /** E.164. */
  phone?: string;
}

/** `not_checked`: no usable snapshot, so nothing could be said (grey). */
export type BadgeVerdict = Verdict | 'not_checked';

export interface RecordSummary {
  legalName: string;
  jurisdiction: string;
  registrationNumber: string;
  status: StoredStatus;
  /** With `expired` derived from the authorization period. */
  effectiveStatus: string;
  authorizedUntil: string | null;
  statusChangedAt: string | null;
  statusReason: string | null;
  registryName: string;
  registryUrl: string;
  /** The recruiter's public page on its registry's portal (`publicPageUrl`). */
  publicUrl: string;
}

export interface AdVerdict {
  verdict: BadgeVerdict;
  /** The badge's words. */
  label: string;
  explanation: string;
  record?: RecordSummary;
  possibleMatches: string[];
  redFlags: RedFlag[];
  /** When the snapshot that decided was generated (ISO). */
  snapshotGeneratedAt?: string;
  contact?: AdContact;
}

/**
 * Ads and verdicts cross as JSON text (of `AdProbe[]`, and of `(AdVerdict | null)[]`: null for an
 * ad with nothing to check, which gets no badge): extension messaging
 * converts a message value by value, which for 250 ads cost the page more than reading them did;
 * one string crosses for almost nothing, and JSON.parse is fast.
 */
export type MatchAdsRequest = { adsJson: string };
export type MatchAdsResponse = { ok: true; verdictsJson: string } | { ok: false; error: string };

export type LookupRequest = { query: string };
export type LookupResponse =
  { ok: true; results: RecordSummary[]; registries: number } | { ok: false; error: string };

export interface RegistryStatus {
  url: string;
  issuerName?: string;
  version?: number;
  generatedAt?: string;
  expiresAt?: string;
  entries?: number;
  lastCheckedAt?: string;
  /** The last attempt's failure, in plain words; the last good snapshot is still in use. */
  error?: string;
  /** Whether badges can use this registry now (a snapshot is held and has not expired). */
  usable: boolean;
}

export type StatusResponse = { registries: RegistryStatus[] };

export interface PageCounts {
  red: number;
  amber: number;
  green: number;
  grey: number;
}
/** A language chosen in the options, for a content script: the worker reads its catalogue. */
export type CatalogueRequest = { language: Language };
export type CatalogueResponse = { ok: true; catalogue: Catalogue } | { ok: false; error: string };

/** `page`: the address the page shows now (`location.href`: a router's `pushState` included). */
export type PageSummaryRequest = { counts: PageCounts; page?: string };
export type PageSummaryResponse = { ok: boolean; error?: string };

export interface ReportPrefill {
  recruiterName: string;
  website?: string;
  email?: string;
  phone?: string;
  jurisdiction?: string;
  adUrl?: string;
  registryUrl?: string;
  /** Each red flag in words, with its evidence: what the description starts with. */
  redFlags: string[];
  /** The red flags' codes (`candidate_fees`, …), which choose the complaint's categories. */
  redFlagCodes?: string[];
}
export type OpenReportRequest = { prefill: ReportPrefill };
export type OpenReportResponse = { ok: boolean; error?: string };

/**
 * chrome.storage.local key the worker sets (to the time) whenever what ads are matched against
 * changed; content scripts listen for it and check their page's ads again.
 */
export const SNAPSHOTS_CHANGED_KEY = 'snapshotsChangedAt';

/** Where the popup finds the tallies of a tab (chrome.storage.session). */
export function pageSummaryKey(tabId: number): string {
  return `page:${tabId}`;
}

/**
 * A tab's tallies as kept: per frame (a job board embedded in an employer's page counts beside the
 * page's own ads), with the address of the page they are about. A page without job ads sends none
 * (its content script does not wake the worker for nothing), so the popup shows them only while
 * the tab is still on that page.
 */
export interface StoredPageSummary {
  page: string;
  /** By frame id (0: the page itself). */
  frames: Record<string, PageCounts>;
}

/** A page's address without its fragment, which moving about the page changes. */
export function pageOf(url: string | undefined): string {
  return url?.split('#')[0] ?? '';
}

/** What the tab holds after one of its frames reported `counts` on `page`. */
export function withFrameCounts(
  stored: StoredPageSummary | undefined,
  page: string,
  frameId: number,
  counts: PageCounts,
): StoredPageSummary {
  // Another page: the frames of the one before are gone with it.
  const frames = stored?.page === page ? stored.frames : {};
  return { page, frames: { ...frames, [frameId]: counts } };
}

/** Every frame's tallies added up; null when none is kept for `page`. */
export function tabCounts(stored: StoredPageSummary | undefined, page: string): PageCounts | null {
  if (stored?.page !== page) return null;
  const total: PageCounts = { red: 0, amber: 0, green: 0, grey: 0 };
  for (const counts of Object.values(stored.frames)) {
    total.red += counts.red;
    total.amber += counts.amber;
    total.green += counts.green;
    total.grey += counts.grey;
  }
  return total;
}
