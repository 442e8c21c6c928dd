import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';

// The "min" metadata keeps the extension bundle small; it validates by length rather than by
// number ranges, which is enough to normalize numbers written in ads and registries.

function countryOrUndefined(country: string | undefined): CountryCode | undefined {
  const code = country?.toUpperCase();
  return code && isSupportedCountry(code) ? code : undefined;
}

/**
 * A phone number in E.164 form ("+442071234567"), or null when it is not a valid number.
 * A number written without its country code needs `defaultCountry` (ISO 3166-1 alpha-2).
 */
export function toE164(raw: string, defaultCountry?: string): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const parsed = parsePhoneNumberFromString(raw, countryOrUndefined(defaultCountry));
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** Phone numbers written in free text, in E.164 form, each once, in order of appearance. */
export function extractPhones(text: string, defaultCountry?: string): string[] {
  if (typeof text !== 'string' || text === '') return [];
  const found = new Set<string>();
  try {
    const country = countryOrUndefined(defaultCountry);
    for (const match of findPhoneNumbersInText(text, country ? { defaultCountry: country } : {})) {
      if (match.number.isValid()) found.add(match.number.number);
    }
  } catch {
    // libphonenumber throws on some pathological input; no number is the right answer there.
  }
  return [...found];
}

/**
 * How phone numbers meet in the matcher, without parsing every number in the hot path (a full
 * parse costs ~20 µs). Registry numbers are E.164; an ad may write a number with its country code
 * ("+44 20 7123 4567", "0044 …") or in national form ("020 7123 4567"). Both are looked up by
 * their last digits and then compared: whole numbers must be equal, national numbers must be the
 * end of the registry number once the trunk prefix "0" is dropped.
 */
export const PHONE_KEY_DIGITS = 7;

export interface PhoneProbe {
  /** Digits only: with the country code when `international`, without the trunk "0" otherwise. */
  digits: string;
  international: boolean;
}

export function phoneProbe(raw: string): PhoneProbe | null {
  // "+44 (0)20 …": the bracketed trunk prefix is not dialled from abroad.
  const trimmed = raw.trim().replace(/\(0\)/g, '');
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  else if (!international) digits = digits.replace(/^0+/, '');
  if (digits.length < PHONE_KEY_DIGITS || digits.length > 15) return null;
  return { digits, international };
}

export function phoneKey(digits: string): string {
  return digits.slice(-PHONE_KEY_DIGITS);
}

/** Whether a probe from an ad is the registry's E.164 number (given as digits, no "+"). */
export function phoneProbeMatches(probe: PhoneProbe, registryDigits: string): boolean {
  if (probe.international) return probe.digits === registryDigits;
  // National form: the country code (1 to 3 digits) is all that may be missing.
  const missing = registryDigits.length - probe.digits.length;
  return missing >= 1 && missing <= 3 && registryDigits.endsWith(probe.digits);
}

// Runs of digits with the usual separators, long enough to be a phone number. Deliberately loose:
// whatever it finds is only looked up in the registry's numbers, never reported on its own.
const PHONE_LIKE = /(?:\+|\b00)?\d[\d\s().-]{6,18}\d/g;
const MIN_TEXT_PHONE_DIGITS = 9;

/** Phone-number-looking runs in free text, for lookup against the registry. */
export function phoneProbesInText(text: string): PhoneProbe[] {
  const probes: PhoneProbe[] = [];
  for (const match of text.matchAll(PHONE_LIKE)) {
    const probe = phoneProbe(match[0]);
    if (probe && probe.digits.length >= MIN_TEXT_PHONE_DIGITS) probes.push(probe);
  }
  return probes;
}
