const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * An address as a page wrote it (`/jobs/42`), made absolute against the page's own; as written
 * when it already is, or cannot be.
 */
export function absoluteUrl(url: string, base: string): string {
  if (url === '' || HAS_SCHEME.test(url)) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}
