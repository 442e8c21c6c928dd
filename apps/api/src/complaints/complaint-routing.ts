import { registrableDomain } from '@fair-recruit/matching';
import { isCountryCode } from '@fair-recruit/domain';

/** Country-code TLDs whose ISO 3166 code differs. */
const TLD_TO_COUNTRY: Record<string, string> = { uk: 'GB' };

/**
 * The country an ad's address belongs to, when its domain says so (`nhs-jobs.co.uk` → GB). Generic
 * TLDs (.com, .org) say nothing; the worker then has to name the jurisdiction.
 */
export function countryOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).hostname;
  } catch {
    return null;
  }
  if (registrableDomain(host) === null) return null;
  const tld = host.split('.').pop()!.toLowerCase();
  const code = TLD_TO_COUNTRY[tld] ?? tld.toUpperCase();
  return tld.length === 2 && isCountryCode(code) ? code : null;
}
