import { i18next } from '../i18n/i18n';

/** Dates as the reader's language writes them; registry dates are calendar days (UTC). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    date,
  );
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(i18next.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(i18next.language).format(value);
}

export function formatMoney(amount: string | number, currency: string): string {
  try {
    return new Intl.NumberFormat(i18next.language, { style: 'currency', currency }).format(
      Number(amount),
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A country's name in the reader's language (ISO 3166-1 alpha-2 code). */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([i18next.language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
