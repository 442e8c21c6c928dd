import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { AdProbe, AdVerdict, MatchAdsRequest, MatchAdsResponse } from '../../lib/messages.js';
import { asFields, boundedString, stringList } from '../../lib/validate.js';
import { readProbe } from '../ad-contacts.js';
import { hub } from '../hub.js';
import { languageReady } from '../language.js';
import { t } from '../../lib/i18n.js';

export const MAX_ADS_PER_MESSAGE = 500;
const MAX_TEXT = 10_000;
const MAX_LINKS = 50;
/** Room for MAX_ADS_PER_MESSAGE ads of long text and many links (the page sends 250 at a time). */
const MAX_JSON = MAX_ADS_PER_MESSAGE * 32_000;

function probeOf(value: unknown): AdProbe | null {
  const fields = asFields(value);
  if (!fields) return null;
  const organizationName = boundedString(fields.organizationName, 500);
  const url = boundedString(fields.url, 4_000);
  const siteUrl = boundedString(fields.siteUrl, 4_000);
  const text = boundedString(fields.text, MAX_TEXT);
  const links = stringList(fields.links, MAX_LINKS, 4_000);
  const organizationUrls = stringList(fields.organizationUrls, MAX_LINKS, 4_000);
  const jobCountry =
    fields.jobCountry === undefined ? undefined : boundedString(fields.jobCountry, 2);
  if (
    organizationName === null ||
    url === null ||
    siteUrl === null ||
    text === null ||
    !links ||
    !organizationUrls ||
    jobCountry === null
  ) {
    return null;
  }
  return { organizationName, url, links, organizationUrls, siteUrl, text, jobCountry };
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
    await languageReady();
    res.send({ ok: true, verdictsJson: JSON.stringify(await verdictsFor(probes as AdProbe[])) });
  } catch {
    res.send({ ok: false, error: t('matchAds_failed') });
  }
};

/** A verdict per ad, with its contact for the report form; null for an ad with nothing to check. */
async function verdictsFor(probes: readonly AdProbe[]): Promise<(AdVerdict | null)[]> {
  const read = probes.map(readProbe);
  const checkable = read.filter((ad) => ad !== null);
  const verdicts = await hub.match(checkable.map(({ ad }) => ad));
  let next = 0;
  return read.map((ad) => (ad ? { ...verdicts[next++], contact: ad.contact } : null));
}

export default handler;
