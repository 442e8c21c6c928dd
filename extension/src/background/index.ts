import { SETTINGS_KEY } from '../lib/settings.js';
import { hub } from './hub.js';
import { followLanguageSetting } from './language.js';

// The service worker: keeps the followed registries' snapshots fresh. Messages from the content
// script, popup and options page are answered by one handler each under messages/.

const REFRESH_ALARM = 'refresh-snapshots';
const REFRESH_MINUTES = 6 * 60;

async function ensureAlarm(): Promise<void> {
  const existing = await chrome.alarms.get(REFRESH_ALARM);
  if (!existing) {
    await chrome.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
    await hub.refresh();
  }
}

chrome.runtime.onInstalled.addListener(() => {
  void ensureAlarm().then(() => hub.refresh());
});
chrome.runtime.onStartup.addListener(() => {
  void ensureAlarm();
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void hub.refresh();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && SETTINGS_KEY in changes) {
    hub.invalidate();
    // A refresh words its statuses and errors: in the language just chosen, if it was.
    void followLanguageSetting().then(() => hub.refresh());
  }
});
chrome.tabs.onRemoved.addListener((tabId) => {
  void chrome.storage.session.remove(`page:${tabId}`);
});
// A worker woken by a message after being stopped still checks that its alarm exists, and starts
// reading its snapshots before the message that woke it is handled.
hub.warm();
void followLanguageSetting();
void ensureAlarm();
