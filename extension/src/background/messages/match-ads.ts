import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { AdProbe, MatchAdsRequest, MatchAdsResponse } from '../../lib/messages.js';
import { asFields, boundedString, stringList } from '../../lib/validate.js';
import { hub } from '../hub.js';

export const MAX_ADS_PER_MESSAGE = 500;
const MAX_TEXT = 10_000;
/** Room for MAX_ADS_PER_MESSAGE ads at their longest. */
const MAX_JSON = MAX_ADS_PER_MESSAGE * 16_000;

function probeOf(value: unknown): AdProbe | null {
  const fields = asFields(value);
  if (!fields) return null;
  const organizationName = boundedString(fields.organizationName, 500);
  const url = boundedString(fields.url, 4_000);
  const text = boundedString(fields.text, MAX_TEXT);
  const domains = stringList(fields.domains, 50, 300);
  const emails = stringList(fields.emails, 50, 300);
  const phones = stringList(fields.phones, 50, 50);
  const licenceNumbers = stringList(fields.licenceNumbers, 50, 100);
  const jobCountry =
    fields.jobCountry === undefined ? undefined : boundedString(fields.jobCountry, 2);
  if (
    organizationName === null ||
    url === null ||
    text === null ||
    !domains ||
    !emails ||
    !phones ||
    !licenceNumbers ||
    jobCountry === null
  ) {
    return null;
  }
  return { organizationName, url, text, domains, emails, phones, licenceNumbers, jobCountry };
}

/** Verdicts for a batch of ads read from a page. */
const handler: PlasmoMessaging.MessageHandler<MatchAdsRequest, MatchAdsResponse> = async (
  req,
  res,
) => {
  const json = asFields(req.body)?.adsJson;
  let ads: unknown;
  try {
    ads = typeof json === 'string' && json.length <= MAX_JSON ? JSON.parse(json) : undefined;
  } catch {
    ads = undefined;
  }
  if (!Array.isArray(ads) || ads.length > MAX_ADS_PER_MESSAGE) {
    res.send({
      ok: false,
      error: `adsJson must be the JSON of a list of at most ${MAX_ADS_PER_MESSAGE} ads`,
    });
    return;
  }
  const probes = ads.map(probeOf);
  const bad = probes.findIndex((probe) => probe === null);
  if (bad !== -1) {
    res.send({ ok: false, error: `ads[${bad}] is not a valid ad` });
    return;
  }
  try {
    res.send({ ok: true, verdictsJson: JSON.stringify(await hub.match(probes as AdProbe[])) });
  } catch {
    res.send({ ok: false, error: 'The ads could not be checked.' });
  }
};

export default handler;
