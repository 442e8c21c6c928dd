/** User Timing names of the extension's own work, read by DevTools and `npm run bench:extension`. */
export const SCAN_MEASURE = 'fair-recruit:scan';
/** Badges drawn as their ads come near the screen, after the scan that found them. */
export const DRAW_MEASURE = 'fair-recruit:draw';
export const INDEX_MEASURE = 'fair-recruit:index';
/** One snapshot read back from IndexedDB after a restart, and what that took (`snapshot-store.ts`). */
export const READ_MEASURE = 'fair-recruit:read';

/**
 * Records `performance.measure(name)` from `start` to now with `detail` (durations and counts
 * only, never anything read from a page). With `clear`, the entry is handed to performance
 * observers but not kept in the timeline: a content script shares the page's, and a page open for
 * days must not fill up with ours. Timing is an aid; an engine that refuses it loses nothing.
 */
export function measure(
  name: string,
  start: number,
  detail: Record<string, number>,
  { clear = false } = {},
): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail });
    if (clear) performance.clearMeasures(name);
  } catch {
    // Older engines without measure options.
  }
}
