/** Small checks for message bodies: every body comes from another context and is checked. */
export type Fields = Record<string, unknown>;

export function asFields(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : null;
}

export function boundedString(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

export function optionalString(value: unknown, max: number): string | undefined | null {
  if (value === undefined) return undefined;
  return boundedString(value, max);
}

export function stringList(value: unknown, maxItems: number, maxLength: number): string[] | null {
  if (!Array.isArray(value) || value.length > maxItems) return null;
  return value.every((item) => typeof item === 'string' && item.length <= maxLength)
    ? (value as string[])
    : null;
}
