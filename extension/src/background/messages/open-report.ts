import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { OpenReportRequest, OpenReportResponse, ReportPrefill } from '../../lib/messages.js';
import { asFields, boundedString, optionalString, stringList } from '../../lib/validate.js';

function prefillOf(value: unknown): ReportPrefill | null {
  const fields = asFields(value);
  if (!fields) return null;
  const recruiterName = boundedString(fields.recruiterName, 500);
  const redFlags = stringList(fields.redFlags, 20, 1_000);
  const redFlagCodes =
    fields.redFlagCodes === undefined ? undefined : stringList(fields.redFlagCodes, 20, 100);
  const optional = ['website', 'email', 'phone', 'jurisdiction', 'adUrl', 'registryUrl'] as const;
  const values = optional.map((key) => optionalString(fields[key], 4_000));
  if (recruiterName === null || !redFlags || redFlagCodes === null || values.includes(null)) {
    return null;
  }
  const prefill: ReportPrefill = { recruiterName, redFlags };
  if (redFlagCodes) prefill.redFlagCodes = redFlagCodes;
  optional.forEach((key, i) => {
    if (values[i] !== undefined) prefill[key] = values[i]!;
  });
  return prefill;
}

/** "Report this ad": opens the report form in a tab, prefilled from the ad. */
const handler: PlasmoMessaging.MessageHandler<OpenReportRequest, OpenReportResponse> = async (
  req,
  res,
) => {
  const prefill = prefillOf(asFields(req.body)?.prefill);
  if (!prefill) {
    res.send({ ok: false, error: 'prefill is not a valid report' });
    return;
  }
  const url = chrome.runtime.getURL(
    `tabs/report.html#${encodeURIComponent(JSON.stringify(prefill))}`,
  );
  await chrome.tabs.create({ url });
  res.send({ ok: true });
};

export default handler;
