import type { PlasmoMessaging } from '@plasmohq/messaging';
import {
  pageOf,
  pageSummaryKey,
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

/** A tab's tallies: the toolbar badge shows red + amber, and the popup reads the rest. */
const handler: PlasmoMessaging.MessageHandler<PageSummaryRequest, PageSummaryResponse> = async (
  req,
  res,
) => {
  const counts = countsOf(asFields(req.body)?.counts);
  const tabId = req.sender?.tab?.id;
  if (!counts || tabId === undefined) {
    res.send({ ok: false, error: 'counts must hold red, amber, green and grey, from a tab' });
    return;
  }
  const warnings = counts.red + counts.amber;
  await chrome.action.setBadgeText({ tabId, text: warnings > 0 ? String(warnings) : '' });
  await chrome.action.setBadgeBackgroundColor({
    tabId,
    color: counts.red > 0 ? '#b91c1c' : '#b45309',
  });
  // The page's own address (a single-page app's pushState included), else where it was loaded.
  const page = boundedString(asFields(req.body)?.page, 8_192) ?? req.sender?.url;
  const summary: StoredPageSummary = { counts, page: pageOf(page) };
  await chrome.storage.session.set({ [pageSummaryKey(tabId)]: summary });
  res.send({ ok: true });
};

export default handler;
