import type { PlasmoMessaging } from '@plasmohq/messaging';
import {
  pageOf,
  pageSummaryKey,
  tabCounts,
  withFrameCounts,
  type PageCounts,
  type StoredPageSummary,
  type PageSummaryRequest,
  type PageSummaryResponse,
} from '../../lib/messages.js';
import { asFields, boundedString } from '../../lib/validate.js';

function countsOf(value: unknown): PageCounts | null {
  const fields = asFields(value);
  if (!fields) return null;
  const counts: Partial<PageCounts> = {};
  for (const key of ['red', 'amber', 'green', 'grey'] as const) {
    const n = fields[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 1_000_000) return null;
    counts[key] = n;
  }
  return counts as PageCounts;
}

/** Reports of one tab, one after the other: each reads and rewrites the tab's tallies. */
const queues = new Map<number, Promise<unknown>>();

function oneAtATime<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const done = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  const settled = done.catch(() => undefined);
  queues.set(tabId, settled);
  void settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return done;
}

/**
 * A frame's tallies: the toolbar badge shows red + amber of every frame of the tab, and the popup
 * reads the rest. The page itself sends its own address (a single-page app's pushState included);
 * an embedded frame cannot read its page's, so the tab's is taken.
 */
const handler: PlasmoMessaging.MessageHandler<PageSummaryRequest, PageSummaryResponse> = async (
  req,
  res,
) => {
  const counts = countsOf(asFields(req.body)?.counts);
  const sender = req.sender;
  const tabId = sender?.tab?.id;
  if (!counts || tabId === undefined) {
    res.send({ ok: false, error: 'counts must hold red, amber, green and grey, from a tab' });
    return;
  }
  // A frame of a page being left (or kept in the back-forward cache) speaks for no page shown.
  if (sender?.documentLifecycle !== undefined && sender.documentLifecycle !== 'active') {
    res.send({ ok: true });
    return;
  }
  const frameId = sender?.frameId ?? 0;
  const page = pageOf(
    frameId === 0
      ? (boundedString(asFields(req.body)?.page, 8_192) ?? sender?.url)
      : sender?.tab?.url,
  );
  await oneAtATime(tabId, async () => {
    const key = pageSummaryKey(tabId);
    const stored = (await chrome.storage.session.get(key))[key] as StoredPageSummary | undefined;
    const summary = withFrameCounts(stored, page, frameId, counts);
    const total = tabCounts(summary, page)!;
    const warnings = total.red + total.amber;
    await chrome.action.setBadgeText({ tabId, text: warnings > 0 ? String(warnings) : '' });
    await chrome.action.setBadgeBackgroundColor({
      tabId,
      color: total.red > 0 ? '#b91c1c' : '#b45309',
    });
    await chrome.storage.session.set({ [key]: summary });
  });
  res.send({ ok: true });
};

export default handler;
