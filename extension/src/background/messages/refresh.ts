import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { StatusResponse } from '../../lib/messages.js';
import { hub } from '../hub.js';
import { languageReady } from '../language.js';

/** "Refresh now": downloads every followed registry's snapshot. Takes no body. */
const handler: PlasmoMessaging.MessageHandler<Record<string, never>, StatusResponse> = async (
  _req,
  res,
) => {
  await languageReady();
  res.send({ registries: await hub.refresh() });
};

export default handler;
