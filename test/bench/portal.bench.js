// Portal benchmark: `npm run bench:portal` (builds first). See docs/benchmarks.md.
//
// Starts the API with its demo registry (embedded database in a scratch DATA_DIR) serving the
// built portal, and loads each public page in Debian's Chromium as a health worker's phone would:
// 360 × 740, an empty cache, and a slow mobile link emulated through the DevTools protocol
// (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip). For each page it reports what went over the
// wire (script bytes as served — pre-compressed — and all bytes) and when the page's heading was
// on screen (performance.now() in the page, from the start of navigation). The recruiter page is
// also timed against its own API call: the gap between that answer and the heading is what the
// page waits for besides it. Figures are medians of BENCH_RUNS loads (5).
//
// Settings (environment): BENCH_RUNS (5), CHROMIUM_PATH (/usr/bin/chromium), BENCH_PORT (3917).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  describeMachine,
  fmt,
  loadAverage,
  log,
  median,
  startServer,
  stopAll,
  stopAllOnSignals,
  waitFor,
} from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const SLOW_MOBILE = {
  offline: false,
  latency: 150,
  downloadThroughput: Math.round(1.6e6 / 8),
  uploadThroughput: Math.round(750e3 / 8),
};

/** Loads `path` once in a fresh context; returns bytes and the heading's time. */
async function loadOnce(browser, path, headingText) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_MOBILE);
  const types = new Map();
  const urls = new Map();
  let scriptBytes = 0;
  let allBytes = 0;
  let apiDoneAt;
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, event.type);
    urls.set(event.requestId, event.response.url);
  });
  cdp.on('Network.loadingFinished', (event) => {
    allBytes += event.encodedDataLength;
    if (types.get(event.requestId) === 'Script') scriptBytes += event.encodedDataLength;
    if (/\/api\/v1\/recruiters\/[0-9a-f-]{36}$/.test(urls.get(event.requestId) ?? '')) {
      apiDoneAt = event.timestamp;
    }
  });
  let navigationStart;
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.type === 'Document' && navigationStart === undefined) {
      navigationStart = event.timestamp;
    }
  });
  await page.goto(`${BASE}${path}`, { waitUntil: 'commit' });
  const heading = page.locator('main h1', headingText ? { hasText: headingText } : {});
  await heading.first().waitFor({ timeout: 60_000 });
  const headingMs = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await context.close();
  return {
    scriptBytes,
    allBytes,
    headingMs,
    // Network timestamps are seconds on the browser's monotonic clock, from the document request.
    apiMs: apiDoneAt === undefined ? undefined : (apiDoneAt - navigationStart) * 1000,
  };
}

stopAllOnSignals();
const dataDir = mkdtempSync(join(os.tmpdir(), 'fair-recruit-bench-portal-'));
try {
  describeMachine();
  const env = { PORT: String(PORT), DATA_DIR: dataDir };
  delete process.env.DATABASE_URL; // the embedded database, as on a fresh machine
  startServer('api', 'apps/api/dist/main.js', env, { args: ['--demo'] });
  await waitFor(`${BASE}/health/ready`);
  const list = await (await fetch(`${BASE}/api/v1/recruiters?pageSize=1&status=authorized`)).json();
  const recruiter = list.items[0];
  if (!recruiter) throw new Error('the demo registry has no authorized recruiter');

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const pages = [
    { name: 'search (/)', path: '/' },
    { name: 'recruiter page', path: `/recruiters/${recruiter.id}`, heading: recruiter.legalName },
    { name: 'complaint form', path: '/complaints/new' },
    { name: 'follow-up', path: '/complaints/follow-up' },
  ];
  log(`\n${RUNS} loads per page, 360 × 740, cache disabled, 1.6 Mbit/s down, 150 ms RTT`);
  log(
    'page                 script KB (wire)   all KB (wire)   heading ms (median, min–max)   own API call done ms',
  );
  for (const { name, path, heading } of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser, path, heading));
    const headingTimes = runs.map((r) => r.headingMs);
    const apiTimes = runs.map((r) => r.apiMs).filter((v) => v !== undefined);
    log(
      `${name.padEnd(20)} ${fmt(median(runs.map((r) => r.scriptBytes)) / 1024).padStart(17)}` +
        ` ${fmt(median(runs.map((r) => r.allBytes)) / 1024).padStart(15)}` +
        ` ${fmt(median(headingTimes), 0).padStart(14)} (${fmt(Math.min(...headingTimes), 0)}–${fmt(Math.max(...headingTimes), 0)})` +
        `${apiTimes.length ? fmt(median(apiTimes), 0).padStart(24) : ''.padStart(24)}`,
    );
  }
  await browser.close();
  log(`\nload average after: ${loadAverage()}`);
} finally {
  await stopAll();
  rmSync(dataDir, { recursive: true, force: true });
}
