import { sendToBackground } from '@plasmohq/messaging';
import type {
  CatalogueRequest,
  CatalogueResponse,
  LookupRequest,
  LookupResponse,
  MatchAdsRequest,
  MatchAdsResponse,
  OpenReportRequest,
  OpenReportResponse,
  PageSummaryRequest,
  PageSummaryResponse,
  StatusResponse,
} from './messages.js';

/** Each message of background/messages/ with its body and answer. */
export interface Messages {
  'match-ads': [MatchAdsRequest, MatchAdsResponse];
  lookup: [LookupRequest, LookupResponse];
  status: [Record<string, never>, StatusResponse];
  refresh: [Record<string, never>, StatusResponse];
  'page-summary': [PageSummaryRequest, PageSummaryResponse];
  'open-report': [OpenReportRequest, OpenReportResponse];
  catalogue: [CatalogueRequest, CatalogueResponse];
}

/**
 * `sendToBackground` typed by our own table: Plasmo's generated name list exists only after a
 * build (.plasmo/), and the type check runs before one.
 */
export function send<N extends keyof Messages>(
  name: N,
  body: Messages[N][0],
): Promise<Messages[N][1]> {
  return sendToBackground({ name: name as never, body });
}
