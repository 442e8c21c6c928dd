import { countryCode, htmlToText, squash } from './ad-text.js';
import type { ExtractedAd } from './types.js';

/** A page may hold many postings; more than this is not a job page a person reads. */
const MAX_POSTINGS = 2_000;
const MAX_SCRIPT_LENGTH = 2_000_000;
const MAX_DEPTH = 8;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(node: Json, type: string): boolean {
  const value = node['@type'];
  const types = Array.isArray(value) ? value : [value];
  return types.some((t) => typeof t === 'string' && (t === type || t.endsWith(`/${type}`)));
}

/** Every JobPosting in a JSON-LD value: top-level arrays, `@graph`, ItemList elements. */
export function jobPostingsIn(value: unknown, found: Json[] = [], depth = 0): Json[] {
  if (depth > MAX_DEPTH || found.length >= MAX_POSTINGS) return found;
  if (Array.isArray(value)) {
    for (const item of value) jobPostingsIn(item, found, depth + 1);
    return found;
  }
  if (!isObject(value)) return found;
  if (hasType(value, 'JobPosting')) {
    found.push(value);
    return found;
  }
  for (const key of ['@graph', 'itemListElement', 'item', 'mainEntity']) {
    if (key in value) jobPostingsIn(value[key], found, depth + 1);
  }
  return found;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (isObject(value)) return text(value.name ?? value['@value']);
  if (Array.isArray(value)) return text(value[0]);
  return '';
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

function jobCountryOf(posting: Json): string | undefined {
  const locations = Array.isArray(posting.jobLocation)
    ? posting.jobLocation
    : [posting.jobLocation];
  for (const location of locations) {
    if (!isObject(location)) continue;
    const address = location.address;
    const country = isObject(address) ? address.addressCountry : undefined;
    const code = countryCode(text(country));
    if (code) return code;
  }
  return undefined;
}

function parseScript(source: string): unknown {
  if (source.length > MAX_SCRIPT_LENGTH) return undefined;
  try {
    return JSON.parse(source) as unknown;
  } catch {
    // Sites ship broken JSON-LD often enough; such a block says nothing and is skipped.
    return undefined;
  }
}

/** Where a posting's badge goes: the link or heading that names it, else the page's title. */
function anchorFor(doc: Document, posting: Json, title: string, single: boolean): Element | null {
  const url = text(posting.url);
  if (url !== '') {
    for (const link of doc.querySelectorAll('a[href]')) {
      if ((link as HTMLAnchorElement).href === url || link.getAttribute('href') === url)
        return link;
    }
  }
  if (title !== '') {
    for (const heading of doc.querySelectorAll('h1, h2, h3')) {
      if (squash(heading.textContent, 300) === title) return heading;
    }
  }
  return single ? (doc.querySelector('h1') ?? doc.body) : null;
}

/** Ads described by schema.org `JobPosting` in `<script type="application/ld+json">`. */
export function extractJsonLdAds(doc: Document): ExtractedAd[] {
  const postings: Json[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    jobPostingsIn(parseScript(script.textContent ?? ''), postings);
    if (postings.length >= MAX_POSTINGS) break;
  }
  const ads: ExtractedAd[] = [];
  for (const posting of postings) {
    const organization = posting.hiringOrganization;
    const organizationName = squash(text(organization), 300);
    const title = squash(text(posting.title), 300);
    const anchor = anchorFor(doc, posting, title, postings.length === 1);
    if (!anchor) continue;
    const description = typeof posting.description === 'string' ? posting.description : '';
    const body = htmlToText(`${title}. ${organizationName}. ${description}`);
    const organizationUrls = isObject(organization)
      ? [...strings(organization.sameAs), ...strings(organization.url)]
      : [];
    ads.push({
      anchor,
      source: 'json-ld',
      title,
      organizationName,
      url: text(posting.url) || (doc.location?.href ?? ''),
      links: [],
      organizationUrls,
      // The posting's own statements: a recruiter's site publishing its own ads is its domain.
      siteUrl: '',
      text: body,
      jobCountry: jobCountryOf(posting),
    });
  }
  return ads;
}
