// The service worker: keeps the followed registries' snapshots fresh and answers the content
// script, the popup and the options page (one handler per message under messages/).
export {};
