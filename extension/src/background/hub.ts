import { SNAPSHOTS_CHANGED_KEY } from '../lib/messages.js';
import { loadSettings } from '../lib/settings.js';
import { RegistryHub, type StoredStatus } from './registry-hub.js';
import { IndexedDbSnapshotStore } from './snapshot-store.js';

const STATUS_KEY = 'registryStatus';

/** The worker's one hub over chrome.storage.local (settings, freshness) and IndexedDB (snapshots). */
export const hub = new RegistryHub({
  store: new IndexedDbSnapshotStore(),
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
  settings: loadSettings,
  statuses: {
    async get() {
      const stored = (await chrome.storage.local.get(STATUS_KEY))[STATUS_KEY];
      return typeof stored === 'object' && stored !== null
        ? { ...(stored as Record<string, StoredStatus>) }
        : {};
    },
    async set(statuses) {
      await chrome.storage.local.set({ [STATUS_KEY]: statuses });
    },
  },
  async changed() {
    await chrome.storage.local.set({ [SNAPSHOTS_CHANGED_KEY]: new Date().toISOString() });
  },
});
