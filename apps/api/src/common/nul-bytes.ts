/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a request would fail deep in the
 * database as a 500. Found here first, it is a 400 naming the field.
 */
export function findNulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulField(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
      const found = findNulField(child, path ? `${path}.${key}` : key);
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
