const LOCAL_PART_CHAR = /[A-Za-z0-9._%+'-]/;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const DOMAIN_SHAPE = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

/**
 * E-mail addresses written in free text, lower case, each once. Scans from each "@" outwards
 * instead of running a pattern over the whole text: ads are long and addresses are rare.
 */
export function extractEmails(text: string): string[] {
  if (typeof text !== 'string') return [];
  const found = new Set<string>();
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL_PART_CHAR.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && DOMAIN_CHAR.test(text[end])) end++;
    const local = text.slice(start, at).replace(/^[.'-]+/, '');
    const domain = text.slice(at + 1, end).replace(/[.-]+$/, '');
    if (local !== '' && DOMAIN_SHAPE.test(domain)) found.add(`${local}@${domain}`.toLowerCase());
  }
  return [...found];
}

/** The part after the "@", lower case; null when the value is not an address. */
export function emailDomain(address: string): string | null {
  if (typeof address !== 'string') return null;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return address
    .slice(at + 1)
    .trim()
    .toLowerCase();
}
