/**
 * Text PostgreSQL cannot store, found before it fails deep in the database as a 500: U+0000
 * (text cannot hold it), and a lone UTF-16 surrogate (JSON allows `"\ud800"`, but it is no
 * character: jsonb refuses it, and UTF-8 cannot encode it).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return null;
}

/** The first field (or key) holding unstorable text, with what is wrong with it; or null. */
export function findUnstorableText(
  value: unknown,
  path = '',
): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? { field: path || '(value)', message } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      const message = problemOf(key);
      if (message) return { field, message };
      const found = findUnstorableText(child, field);
      if (found) return found;
    }
  }
  return null;
}

/** Deeper than any body of this API; far shallower than what overflows class-transformer's stack. */
export const MAX_INPUT_DEPTH = 32;

/** The path of the first value nested deeper than `MAX_INPUT_DEPTH`, or null. */
export function findTooDeep(value: unknown, path = '', depth = 0): string | null {
  if (!value || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return path || '(value)';
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
  for (const [key, child] of entries) {
    const found = findTooDeep(child, `${path}${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}
