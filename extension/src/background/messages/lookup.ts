import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { LookupRequest, LookupResponse } from '../../lib/messages.js';
import { asFields, boundedString } from '../../lib/validate.js';
import { hub } from '../hub.js';
import { languageReady } from '../language.js';
import { t } from '../../lib/i18n.js';

/** The popup's search: a name, web domain or licence number against the local snapshots. */
const handler: PlasmoMessaging.MessageHandler<LookupRequest, LookupResponse> = async (req, res) => {
  await languageReady();
  const query = boundedString(asFields(req.body)?.query, 200);
  if (query === null || query.trim() === '') {
    res.send({
      ok: false,
      error: t('lookup_typeSomething'),
    });
    return;
  }
  const registries = (await hub.status()).filter((r) => r.usable).length;
  res.send({ ok: true, results: await hub.lookup(query), registries });
};

export default handler;
