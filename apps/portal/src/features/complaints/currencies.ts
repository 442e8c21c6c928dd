import { i18next } from '../../i18n/i18n';

/** ISO 4217 codes the browser knows, named in the reader's language ("GBP — British pound"). */
export function currencyOptions(): { code: string; label: string }[] {
  let codes: string[];
  try {
    codes = Intl.supportedValuesOf('currency');
  } catch {
    codes = ['EUR', 'GBP', 'USD'];
  }
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([i18next.language], { type: 'currency' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    const name = names?.of(code);
    return { code, label: name && name !== code ? `${code} — ${name}` : code };
  });
}

/** A file size in words a person reads: 2.4 MB, 830 KB. */
export function fileSize(bytes: number): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  if (bytes >= 1024 * 1024) return format(bytes / 1024 / 1024, 'MB');
  if (bytes >= 1024) return format(bytes / 1024, 'KB');
  return format(bytes, 'B');
}
