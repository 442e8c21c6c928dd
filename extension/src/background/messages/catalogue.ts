import type { PlasmoMessaging } from '@plasmohq/messaging';
import { LANGUAGES, readCatalogue, type Language } from '../../lib/i18n.js';
import type { CatalogueRequest, CatalogueResponse } from '../../lib/messages.js';
import { asFields } from '../../lib/validate.js';

/**
 * The catalogue of a language chosen in the options, for a content script: it cannot read the
 * extension's files itself without making them readable by every web page.
 */
const handler: PlasmoMessaging.MessageHandler<CatalogueRequest, CatalogueResponse> = async (
  req,
  res,
) => {
  const language = asFields(req.body)?.language;
  if (!LANGUAGES.includes(language as Language)) {
    res.send({ ok: false, error: `language must be one of ${LANGUAGES.join(', ')}` });
    return;
  }
  try {
    res.send({ ok: true, catalogue: await readCatalogue(language as Language) });
  } catch {
    res.send({ ok: false, error: `no catalogue for ${String(language)}` });
  }
};

export default handler;
