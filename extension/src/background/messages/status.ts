import type { PlasmoMessaging } from '@plasmohq/messaging';
import type { StatusResponse } from '../../lib/messages.js';
import { hub } from '../hub.js';
import { languageReady } from '../language.js';

/** Which registries are followed and how fresh each snapshot is. Takes no body. */
const handler: PlasmoMessaging.MessageHandler<Record<string, never>, StatusResponse> = async (
  _req,
  res,
) => {
  await languageReady();
  res.send({ registries: await hub.status() });
};

export default handler;
