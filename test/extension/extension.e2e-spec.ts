import {
  generateKeyPair,
  isSnapshotDelta,
  keyIdFor,
  serializePayload,
  signEnvelope,
  toBase64,
  verifyEnvelope,
  type KeyPair,
  type SignedEnvelope,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { DEFAULT_PORTAL_DIR } from '../../apps/api/src/portal/serve-portal.js';
import { axeViolations, overflowsSideways, PHONE } from '../portal/support.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { FixtureServer, ROOT, buildExtension } from './support.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/extension');

/**
 * Polls `read` until it returns `expected`; returns the last value read either way. A read that
 * throws is tried again (a badge re-worded while DevTools resolves its node: "No node with given
 * id found"); at the deadline its error is thrown.
 */
async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await read() };
    } catch (error) {
      outcome = { error };
    }
    if ('value' in outcome && outcome.value === expected) return outcome.value;
    if (Date.now() >= deadline) {
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const BADGE = 'fair-recruit-badge';

interface DomNode {
  nodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * Runs `fn` (a function source, `this` the shadow root) inside the closed shadow root of the
 * `index`-th badge, as DevTools reaches it: page scripts cannot, and neither can Playwright's
 * locators, which pierce open roots only.
 */
async function inBadge<T>(page: Page, index: number, fn: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts: DomNode[] = [];
    const walk = (node: DomNode) => {
      if (node.nodeName === BADGE.toUpperCase()) hosts.push(node);
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    const shadowRoot = hosts[index]?.shadowRoots?.[0];
    if (!shadowRoot) throw new Error(`no badge ${index} with a shadow root`);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadowRoot.nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      returnByValue: true,
    });
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

const badgeLabel = (page: Page, index: number) =>
  inBadge<string>(
    page,
    index,
    'function () { return this.querySelector("button.badge").innerText; }',
  );
const cardText = (page: Page, index: number) =>
  inBadge<string>(
    page,
    index,
    'function () { return this.querySelector(".card")?.innerText ?? ""; }',
  );
/** Whether the badge's card is shown, and whether the badge says so to assistive technology. */
const cardOpen = (page: Page, index: number) =>
  inBadge<[boolean, string | null]>(
    page,
    index,
    `function () {
      const card = this.querySelector(".card");
      return [!!card && !card.hidden, this.querySelector("button.badge").getAttribute("aria-expanded")];
    }`,
  );

describe('browser extension (Chromium, built against a real registry)', () => {
  let ctx: TestContext;
  let keys: KeyPair;
  let server: FixtureServer;
  let chromeDir: string;
  let firefoxDir: string;
  let profile: string;
  let browser: BrowserContext;
  let worker: Worker;
  let extensionId: string;
  let adminToken: string;
  let meridianId: string;

  async function realSnapshot(): Promise<{ envelope: SignedEnvelope; payload: SnapshotPayload }> {
    const res = await ctx.request('GET', '/api/v1/snapshot');
    const envelope = res.body as SignedEnvelope;
    const publicKey = toBase64(keys.publicKey);
    const result = await verifyEnvelope(envelope, {
      pinnedKeys: [{ keyId: keyIdFor(keys.publicKey), alg: 'Ed25519', publicKey }],
    });
    if (!result.ok || isSnapshotDelta(result.payload)) throw new Error('no full snapshot');
    return { envelope, payload: result.payload };
  }

  async function snapshotWith(entries: number): Promise<SnapshotPayload> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { payload } = await realSnapshot().catch(() => ({ payload: undefined }));
      if (payload && payload.entries.length >= entries) return payload;
      if (Date.now() > deadline) throw new Error('the registry did not publish its snapshot');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The options page's "Refresh now", and what it then says about the registry. */
  async function refreshNow(): Promise<{ status: string; error: string }> {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await page.getByText('Refreshed.').waitFor();
    const status = await page.getByTestId('registry-status').innerText();
    const errors = page.getByTestId('registry-error');
    const error = (await errors.count()) > 0 ? await errors.innerText() : '';
    await page.close();
    return { status, error };
  }

  async function verdicts(page: Page, count: number): Promise<(string | null)[]> {
    const badges = page.locator(BADGE);
    await badges.nth(count - 1).waitFor({ timeout: 20_000 });
    return badges.evaluateAll((hosts) =>
      hosts.map((host) => host.getAttribute('data-fair-recruit-verdict')),
    );
  }

  /** The popup's line on the page in `page`'s tab, opened with that tab in front. */
  async function popupSummary(page: Page): Promise<string> {
    const popup = await browser.newPage();
    try {
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await page.bringToFront();
      await popup.reload();
      return await popup.getByTestId('page-summary').innerText();
    } finally {
      await popup.close();
    }
  }

  async function toolbarCount(pageUrl: string): Promise<string> {
    return worker.evaluate(
      `chrome.tabs.query({ url: ${JSON.stringify(pageUrl)} }).then((tabs) => chrome.action.getBadgeText({ tabId: tabs[0].id }))`,
    );
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    keys = await generateKeyPair();
    ctx = await createTestContext({
      // The registry's portal too: a badge links to the recruiter's page there.
      PORTAL_DIR: DEFAULT_PORTAL_DIR,
      SIGNING_PRIVATE_KEY: toBase64(keys.privateKey),
      SNAPSHOT_DEBOUNCE_MS: '100',
      REGISTRY_NAME: 'Test Registry',
    });
    await ctx.newJurisdiction('GB', 'United Kingdom');
    adminToken = (await ctx.newUser('admin')).token;
    meridianId = await newRecruiter(
      ctx,
      adminToken,
      'GB',
      {
        legalName: 'Meridian Care Staffing Ltd',
        registrationNumber: 'GB-REC-1042',
        domains: ['meridiancare.example'],
        authorizedFrom: '2025-01-01',
        authorizedUntil: '2030-12-31',
      },
      'authorized',
    );
    await newRecruiter(
      ctx,
      adminToken,
      'GB',
      {
        legalName: 'Harbour Nursing Agency Ltd',
        registrationNumber: 'GB-REC-2077',
        domains: ['harbournursing.example'],
      },
      'suspended',
    );
    await snapshotWith(2);

    server = new FixtureServer(ctx.baseUrl);
    await server.start();
    const env = {
      PLASMO_PUBLIC_REGISTRY_URL: server.baseUrl,
      PLASMO_PUBLIC_REGISTRY_PUBLIC_KEY: toBase64(keys.publicKey),
    };
    chromeDir = await buildExtension('chrome-mv3', 'e2e', env);
    firefoxDir = await buildExtension('firefox-mv3', 'e2e', env);

    profile = mkdtempSync(join(tmpdir(), 'fair-recruit-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        `--disable-extensions-except=${chromeDir}`,
        `--load-extension=${chromeDir}`,
      ],
    });
    worker = browser.serviceWorkers()[0] ?? (await browser.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  describe('built manifest', () => {
    it.each(['chrome', 'firefox'])(
      'asks %s for storage, alarms and http(s) pages only',
      (browserName) => {
        const dir = browserName === 'chrome' ? chromeDir : firefoxDir;
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        expect(manifest.manifest_version).toBe(3);
        expect(manifest.permissions).toEqual(['storage', 'alarms']);
        expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
        expect(manifest.content_scripts).toHaveLength(1);
        expect(manifest.content_scripts[0].matches).toEqual(['http://*/*', 'https://*/*']);
        expect(manifest.optional_permissions).toBeUndefined();
        if (browserName === 'firefox') {
          expect(manifest.browser_specific_settings.gecko.id).toBe(
            'extension@fair-recruit.example',
          );
          expect(manifest.background.scripts).toHaveLength(1);
        } else {
          expect(manifest.background.service_worker).toEqual(expect.any(String));
        }
      },
    );

    it.each(['chrome', 'firefox'])(
      'keeps the %s content script, which runs on every page, free of the matcher and its data',
      (browserName) => {
        const dir = browserName === 'chrome' ? chromeDir : firefoxDir;
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        const [script] = manifest.content_scripts[0].js as string[];
        const code = readFileSync(join(dir, script), 'utf8');
        // The public suffix list (tldts), libphonenumber's metadata, the red-flag phrases: the
        // worker reads contacts and matches; the page only reads the ads (430 KB before, ~35 KB).
        for (const marker of ['blogspot', 'country_calling_codes', 'passport']) {
          expect([marker, code.includes(marker)]).toEqual([marker, false]);
        }
        expect(code.length).toBeLessThan(100_000);
      },
    );
  });

  it('shows the right badge on each ad and counts red and amber on the toolbar', async () => {
    const page = await browser.newPage();
    const url = `${server.baseUrl}/job-sites/search-results.html`;
    await page.goto(url);
    expect(await verdicts(page, 4)).toEqual([
      'authorized',
      'not_authorized',
      'not_found',
      'possible_match',
    ]);
    // Closed: the page's scripts cannot read or rewrite a badge.
    expect(
      await page
        .locator(BADGE)
        .first()
        .evaluate((host) => host.shadowRoot),
    ).toBeNull();
    await expect(badgeLabel(page, 0)).resolves.toContain(
      'Authorized — Test Registry, valid until 2030-12-31',
    );
    await expect(badgeLabel(page, 1)).resolves.toMatch(
      /Suspended — since \d{4}-\d{2}-\d{2}: test: suspended/,
    );
    await expect(cardText(page, 1)).resolves.toBe('');
    await page.locator(BADGE).nth(1).click();
    await expect(cardText(page, 1)).resolves.toContain('GB registration GB-REC-2077');
    // "See the registry record" opens the recruiter's page on the registry's portal.
    const recordLink = await inBadge<string>(
      page,
      1,
      'function () { return this.querySelector(".card a").href; }',
    );
    expect(recordLink).toBe(
      `${server.baseUrl}/recruiters/lookup?jurisdiction=GB&registrationNumber=GB-REC-2077&lang=en`,
    );
    const record = await browser.newPage();
    await record.goto(recordLink);
    await record.getByRole('heading', { level: 1, name: 'Harbour Nursing Agency Ltd' }).waitFor();
    expect(new URL(record.url()).pathname).toMatch(/^\/recruiters\/[0-9a-f-]{36}$/);
    await record.close();
    await page.screenshot({ path: join(ARTIFACTS, 'badges-search-results.png'), fullPage: true });
    // Escape closes the card (and gives the focus back to the badge); so does a click elsewhere.
    await page.bringToFront();
    await expect(cardOpen(page, 1)).resolves.toEqual([true, 'true']);
    await page.keyboard.press('Escape');
    await expect(cardOpen(page, 1)).resolves.toEqual([false, 'false']);
    await page.keyboard.press('Enter'); // the badge has the focus again: Enter opens it
    await expect(cardOpen(page, 1)).resolves.toEqual([true, 'true']);
    await page.getByRole('heading', { level: 1 }).click();
    await expect(cardOpen(page, 1)).resolves.toEqual([false, 'false']);
    expect(await eventually(() => toolbarCount(url), '3', 10_000)).toBe('3');

    // The popup summarises the tab in front of it.
    expect(await popupSummary(page)).toBe('1 red, 2 amber, 1 green on this page.');
    // The same tab goes on to a page without job ads: neither the toolbar nor the popup keeps the
    // counts of the page before.
    const next = `${server.baseUrl}/job-sites/not-a-job.html`;
    await page.goto(next);
    await expect(toolbarCount(next)).resolves.toBe('');
    expect(await popupSummary(page)).toBe('No job ads found on this page.');
    await page.close();
  });

  it("badges the ads of a job board embedded in an employer's page, and counts them", async () => {
    const page = await browser.newPage();
    const url = `${server.baseUrl}/job-sites/career-page.html`;
    await page.goto(url);
    const board = page.frameLocator('#board');
    await board.locator(BADGE).nth(3).waitFor({ timeout: 20_000 });
    const boardFrame = page.frames().find((frame) => frame.url().includes('search-results'))!;
    expect(new URL(boardFrame.url()).hostname).toBe('localhost'); // another origin
    expect(
      await boardFrame
        .locator(BADGE)
        .evaluateAll((hosts) =>
          hosts.map((host) => host.getAttribute('data-fair-recruit-verdict')),
        ),
    ).toEqual(['authorized', 'not_authorized', 'not_found', 'possible_match']);
    // The toolbar and the popup count the board's ads as the page's.
    expect(await eventually(() => toolbarCount(url), '3', 10_000)).toBe('3');
    expect(await popupSummary(page)).toBe('1 red, 2 amber, 1 green on this page.');
    await page.close();
  });

  it('badges ads that infinite scroll appends and a single-page app swaps in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/job-sites/infinite-scroll.html`);
    await page.locator(BADGE).first().waitFor();
    // What scrolling to the end does; a page already appended by the observer adds nothing more.
    await page.evaluate('window.appendPage(); window.appendPage()');
    expect(await eventually(() => page.locator(BADGE).count(), 4)).toBe(4);
    expect(await verdicts(page, 4)).toEqual([
      'authorized',
      'not_authorized',
      'not_found',
      'possible_match',
    ]);

    await page.goto(`${server.baseUrl}/job-sites/spa.html`);
    expect(await verdicts(page, 1)).toEqual(['authorized']);
    await page.evaluate("location.hash = '#/jobs/2'");
    expect(
      await eventually(
        () => page.locator(BADGE).getAttribute('data-fair-recruit-verdict'),
        'not_authorized',
        10_000,
      ),
    ).toBe('not_authorized');
    // A router that moves with history.pushState: the popup counts the ads of the address shown.
    await page.evaluate("history.pushState({}, '', '?job=1'); location.hash = '#/jobs/1'");
    expect(
      await eventually(
        () => page.locator(BADGE).getAttribute('data-fair-recruit-verdict'),
        'authorized',
        10_000,
      ),
    ).toBe('authorized');
    expect(
      await eventually(() => popupSummary(page), '0 red, 0 amber, 1 green on this page.'),
    ).toBe('0 red, 0 amber, 1 green on this page.');
    // An address changed with nothing on the page changing (a filter put in the query string).
    await page.evaluate("history.pushState({}, '', '?job=1&sort=date' + location.hash)");
    expect(
      await eventually(() => popupSummary(page), '0 red, 0 amber, 1 green on this page.'),
    ).toBe('0 red, 0 amber, 1 green on this page.');
    await page.close();
  });

  it('keeps a hostile page working: broken JSON-LD, a thousand cards, fake badges', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const url = `${server.baseUrl}/job-sites/hostile.html?cards=1000`;
    await page.goto(url);
    // Every ad is matched and counted, the page's own fake "authorized" spans are not.
    expect(await eventually(() => toolbarCount(url), '1000', 30_000)).toBe('1000');
    expect(await page.locator('span[data-fair-recruit-verdict]').count()).toBe(1000);
    // Badges are drawn as their ads come near the screen: the first cards now, the last one when
    // the reader scrolls to it.
    // (The toolbar is told before the frame in which the badges on screen are drawn.)
    expect(await eventually(async () => (await page.locator(BADGE).count()) > 0, true)).toBe(true);
    expect(await page.locator(BADGE).count()).toBeLessThan(200);
    const lastCard = page.locator('[data-job-id="h999"]');
    expect(await lastCard.locator(BADGE).count()).toBe(0);
    await lastCard.scrollIntoViewIfNeeded();
    expect(await eventually(() => lastCard.locator(BADGE).count(), 1)).toBe(1);
    expect(await lastCard.locator(BADGE).getAttribute('data-fair-recruit-verdict')).toBe(
      'not_found',
    );
    expect(await page.evaluate('1 + 1')).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('looks a recruiter up in the popup by licence number, domain and name', async () => {
    const popup = await browser.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const search = async (query: string) => {
      await popup.getByLabel('Recruiter name, web address or licence number').fill(query);
      await popup.getByRole('button', { name: 'Look up' }).click();
    };
    await search('GB REC 2077');
    await popup
      .getByTestId('lookup-result')
      .filter({ hasText: /Harbour Nursing Agency Ltd — suspended in GB/ })
      .first()
      .waitFor();
    expect(await axeViolations(popup)).toEqual([]); // with a result shown
    await search('https://www.meridiancare.example/jobs');
    await popup
      .getByTestId('lookup-result')
      .filter({ hasText: /Meridian Care Staffing Ltd — authorized in GB/ })
      .first()
      .waitFor();
    // The registry's page of a record found, on its portal.
    await expect(
      popup.getByRole('link', { name: 'registry record' }).first().getAttribute('href'),
    ).resolves.toBe(
      `${server.baseUrl}/recruiters/lookup?jurisdiction=GB&registrationNumber=GB-REC-1042&lang=en`,
    );
    // Nothing typed is not a recruiter "not found": the popup says what to type.
    await search('   ');
    await popup.getByText('Type a name, web address or licence number').waitFor();
    await expect(popup.getByTestId('lookup-empty').count()).resolves.toBe(0);
    await search('Quickfly Overseas Placements');
    await popup.getByTestId('lookup-empty').waitFor();
    // Opened first after installing, the popup follows the first download until it lands.
    const named = async () =>
      (await popup.getByTestId('registry-status').innerText()).includes('Test Registry');
    expect(await eventually(named, true)).toBe(true);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-lookup.png') });
    await popup.close();
  });

  it('answers from the stored snapshot after the worker is stopped', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/job-sites/jsonld-detail.html`);
    expect(await verdicts(page, 1)).toEqual(['authorized']);
    const cdp = await browser.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    server.snapshot = { kind: 'fail', status: 503, body: 'down' };
    try {
      await page.goto(`${server.baseUrl}/job-sites/jsonld-graph.html`);
      expect(await verdicts(page, 1)).toEqual(['not_authorized']);
    } finally {
      server.snapshot = { kind: 'pass' };
    }
    worker = browser.serviceWorkers()[0] ?? (await browser.waitForEvent('serviceworker'));
    // The restarted worker read the index kept beside the snapshot instead of building it.
    const loads = await worker.evaluate(() =>
      performance
        .getEntriesByName('fair-recruit:index')
        .map((entry) => (entry as PerformanceMeasure).detail as { restored: number }),
    );
    expect(loads).not.toHaveLength(0);
    expect(loads.filter((load) => load.restored !== 1)).toEqual([]);
    await page.close();
  });

  it('has no WCAG 2.1 AA violations in its popup, options and report pages, and fits a phone', async () => {
    const found: Record<string, unknown[]> = {};
    const sideways: string[] = [];
    for (const path of ['popup.html', 'options.html', 'tabs/report.html']) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      await page.locator('main').waitFor();
      await page.waitForTimeout(300); // the statuses and settings it reads first
      found[path] = await axeViolations(page);
      // Firefox for Android opens the pop-up and the report form as whole tabs on a phone.
      await page.setViewportSize(PHONE);
      if (await overflowsSideways(page)) sideways.push(path);
      await page.close();
    }
    expect(found).toEqual({ 'popup.html': [], 'options.html': [], 'tabs/report.html': [] });
    expect(sideways).toEqual([]);
  });

  it('adds and removes a registry in the options, saying at once whether it works', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByTestId('registry-status').waitFor();
    const otherKey = toBase64((await generateKeyPair()).publicKey);
    const address = page.locator('input[name="registry-url"]');
    const key = page.locator('input[name="registry-public-key"]');

    // Refused: what was typed stays, to be corrected.
    await address.fill('registry.example');
    await key.fill(otherKey);
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Registry 2: the address must start with http:// or https://').waitFor();
    await expect(address.inputValue()).resolves.toBe('registry.example');
    await expect(key.inputValue()).resolves.toBe(otherKey);

    // Accepted and downloaded at once: nothing answers at this address, and the page says so.
    await address.fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Refreshed.').waitFor();
    await expect(page.getByTestId('registry-status').count()).resolves.toBe(2);
    await expect(page.getByTestId('registry-error').innerText()).resolves.toBe(
      'Could not reach the registry at http://127.0.0.1:9.',
    );
    await expect(address.inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Remove' }).nth(1).click();
    expect(await eventually(() => page.getByTestId('registry-status').count(), 1)).toBe(1);
    await page.getByText('Refreshed.').waitFor();
    await expect(page.getByTestId('registry-error').count()).resolves.toBe(0);
    await page.close();
  });

  it("speaks the browser's language: badges, cards, pop-up and explanations in French", async () => {
    // A second browser whose interface is French: the extension picks its catalogue from it.
    const frenchProfile = mkdtempSync(join(tmpdir(), 'fair-recruit-chromium-fr-'));
    const french = await chromium.launchPersistentContext(frenchProfile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--lang=fr',
        `--disable-extensions-except=${chromeDir}`,
        `--load-extension=${chromeDir}`,
      ],
      env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
    });
    try {
      const frenchWorker =
        french.serviceWorkers()[0] ?? (await french.waitForEvent('serviceworker'));
      const id = new URL(frenchWorker.url()).host;
      const page = await french.newPage();
      const url = `${server.baseUrl}/job-sites/search-results.html`;
      await page.goto(url);
      await page.locator(BADGE).nth(3).waitFor({ timeout: 20_000 });

      expect(await badgeLabel(page, 1)).toMatch(/^✕ Suspendu — depuis le \d{4}-\d{2}-\d{2}/);
      expect(await badgeLabel(page, 2)).toContain('Introuvable');
      await page.locator(BADGE).nth(1).click();
      const card = await cardText(page, 1);
      // French puts a no-break space before a colon.
      expect(card).toMatch(/n° d'enregistrement GB-REC-2077\u00a0: Suspendu\./);
      expect(card).toContain('Correspondance par');
      expect(card).toContain('Signaler cette annonce');
      expect(await inBadge<string>(page, 1, 'function () { return this.host.lang; }')).toBe('fr');
      // The registry's page of the record opens in French too.
      const recordLink = await inBadge<string>(
        page,
        1,
        'function () { return this.querySelector(".card a").href; }',
      );
      expect(new URL(recordLink).searchParams.get('lang')).toBe('fr');
      const record = await french.newPage();
      await record.goto(recordLink);
      await record.getByRole('heading', { level: 1, name: 'Harbour Nursing Agency Ltd' }).waitFor();
      await expect(record.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await record.close();

      const popup = await french.newPage();
      await popup.goto(`chrome-extension://${id}/popup.html`);
      await page.bringToFront();
      await popup.reload();
      await popup.getByRole('heading', { name: 'Vérifier un recruteur' }).waitFor();
      await expect(popup.getByTestId('page-summary').innerText()).resolves.toBe(
        '1 en rouge, 2 en orange, 1 en vert sur cette page.',
      );
      await expect(popup.locator('html').getAttribute('lang')).resolves.toBe('fr');
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: join(ARTIFACTS, 'popup-french.png') });
    } finally {
      await french.close();
      rmSync(frenchProfile, { recursive: true, force: true });
    }
  });

  it('speaks the language chosen in its options, whatever the browser’s', async () => {
    const options = await browser.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const choose = async (value: string) => {
      await options.getByRole('combobox', { name: /Language|Langue/ }).selectOption(value);
      await options.getByText(value === 'fr' ? 'Enregistré.' : 'Saved.').waitFor();
    };
    try {
      await choose('fr');
      // The options page switches at once.
      await options.getByRole('heading', { name: 'Registres que vous suivez' }).waitFor();
      await expect(options.locator('html').getAttribute('lang')).resolves.toBe('fr');

      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/job-sites/search-results.html`);
      await page.locator(BADGE).nth(3).waitFor({ timeout: 20_000 });
      // Worded by the worker (the label) and by the content script (the card), as in a French browser.
      expect(
        await eventually(async () => (await badgeLabel(page, 1)).startsWith('✕ Suspendu'), true),
      ).toBe(true);
      await page.locator(BADGE).nth(1).click();
      const card = await cardText(page, 1);
      expect(card).toMatch(/n° d'enregistrement GB-REC-2077\u00a0: Suspendu\./);
      expect(card).toContain('Signaler cette annonce');
      expect(await inBadge<string>(page, 1, 'function () { return this.host.lang; }')).toBe('fr');
      expect(await popupSummary(page)).toBe('1 en rouge, 2 en orange, 1 en vert sur cette page.');

      // Back to the browser's language: the badges already on the page follow.
      await choose('browser');
      expect(
        await eventually(async () => (await badgeLabel(page, 1)).startsWith('✕ Suspended'), true),
      ).toBe(true);
      await page.close();
    } finally {
      await options.evaluate(
        "chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: { ...settings, language: 'browser' } }))",
      );
      await options.close();
    }
  });

  describe('snapshot updates', () => {
    let heldVersion: number;

    beforeAll(async () => {
      const before = await refreshNow();
      heldVersion = Number(/Snapshot v(\d+)/.exec(before.status)?.[1]);
      await newRecruiter(ctx, adminToken, 'GB', { legalName: 'Northgate Care Ltd' }, 'authorized');
      await snapshotWith(3);
    });
    afterEach(() => {
      server.snapshot = { kind: 'pass' };
    });

    it('rejects a tampered snapshot, keeps the one it has, and says why', async () => {
      const { envelope } = await realSnapshot();
      const tampered = {
        ...envelope,
        payload: envelope.payload.replace('"suspended"', '"authorized"'),
      };
      server.snapshot = { kind: 'replace', envelope: tampered };
      const after = await refreshNow();
      expect(after.error).toContain('signature does not match the pinned key');
      expect(after.status).toContain(`Snapshot v${heldVersion} `);

      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/job-sites/search-results.html`);
      expect((await verdicts(page, 4))[1]).toBe('not_authorized');
      await page.close();
    });

    it('rejects an expired snapshot signed with the pinned key', async () => {
      const { payload } = await realSnapshot();
      const expired = {
        ...payload,
        version: payload.version + 100,
        expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
      };
      server.snapshot = {
        kind: 'replace',
        envelope: await signEnvelope(serializePayload(expired), {
          keyId: keyIdFor(keys.publicKey),
          privateKey: keys.privateKey,
        }),
      };
      const after = await refreshNow();
      expect(after.error).toContain('it has expired');
      expect(after.status).toContain(`Snapshot v${heldVersion} `);
    });

    it('says in plain words when the registry answers garbage, then takes the new snapshot', async () => {
      server.snapshot = { kind: 'fail', status: 200, body: '<html>502 Bad Gateway</html>' };
      expect((await refreshNow()).error).toBe(
        'The registry answered something that is not a snapshot.',
      );
      server.snapshot = { kind: 'pass' };
      const after = await refreshNow();
      expect(after.error).toBe('');
      expect(Number(/Snapshot v(\d+)/.exec(after.status)?.[1])).toBeGreaterThan(heldVersion);
      expect(after.status).toContain('3 records');
    });

    it("checks an open page's ads again when the registry's snapshot changes", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/job-sites/search-results.html`);
      expect((await verdicts(page, 4))[0]).toBe('authorized');
      const { payload: before } = await realSnapshot();
      const suspended = await ctx.request('POST', `/api/v1/recruiters/${meridianId}/status`, {
        token: adminToken,
        body: { status: 'suspended', reason: 'Charged placement fees to nurses' },
      });
      expect(suspended.status).toBe(200);
      const published = async () => (await realSnapshot()).payload.version > before.version;
      expect(await eventually(published, true)).toBe(true);
      await refreshNow();
      // Not reloaded: the page's badge turns red once the worker holds the new snapshot.
      const first = page.locator(BADGE).first();
      expect(
        await eventually(() => first.getAttribute('data-fair-recruit-verdict'), 'not_authorized'),
      ).toBe('not_authorized');
      await expect(badgeLabel(page, 0)).resolves.toContain('Charged placement fees to nurses');
      await page.close();
    });
  });

  it('files a report of an ad that the registry then holds', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/job-sites/search-results.html`);
    await verdicts(page, 4);
    await page.locator(BADGE).nth(2).click();
    const report = await inBadge<{ x: number; y: number }>(
      page,
      2,
      `function () {
        const button = [...this.querySelectorAll('.card button')].find((b) => b.textContent === 'Report this ad');
        button.scrollIntoView({ block: 'center' });
        const box = button.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }`,
    );
    const [form] = await Promise.all([
      browser.waitForEvent('page'),
      page.mouse.click(report.x, report.y),
    ]);
    await form.waitForLoadState();
    await expect(form.locator('input[name="recruiterName"]').inputValue()).resolves.toBe(
      'Quickfly Overseas Placements',
    );
    // The ad's red flags (a fee, a webmail address) chose the kinds of problem already.
    await expect(form.getByLabel('Fees asked of the worker').isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('Misleading information').isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('Fraud').isChecked()).resolves.toBe(false);
    await form.locator('input[name="jurisdiction"]').fill('GB');
    await form
      .locator('textarea[name="description"]')
      .fill('The agency asked me for a placement fee of USD 1,500 before any interview.');
    const preview = await form.getByTestId('complaint-preview').innerText();
    expect(preview).toContain(`POST ${server.baseUrl}/api/v1/complaints`);
    expect(preview).toContain('Idempotency-Key: ');
    expect(preview).toContain('"email": "quickflyjobs@gmail.com"');
    expect(preview).toContain('"adUrl": "http://127.0.0.1');
    await form.screenshot({ path: join(ARTIFACTS, 'report-form.png'), fullPage: true });
    expect(await axeViolations(form)).toEqual([]); // filled in, with the preview
    await form.setViewportSize(PHONE);
    expect(await overflowsSideways(form)).toBe(false);
    await form.getByRole('button', { name: 'Send the report' }).click();
    const reference = await form.getByTestId('complaint-reference').innerText();
    const receipt = await form.getByTestId('complaint-receipt').innerText();

    const held = await ctx.request('GET', `/api/v1/complaints/${encodeURIComponent(reference)}`, {
      headers: { 'x-receipt-code': receipt },
    });
    expect(held.status).toBe(200);
    expect(held.body.reference).toBe(reference);
    await form.screenshot({ path: join(ARTIFACTS, 'report-receipt.png'), fullPage: true });
    expect(await axeViolations(form)).toEqual([]);
    const [saved] = await Promise.all([
      form.waitForEvent('download'),
      form.getByTestId('complaint-receipt-file').click(),
    ]);
    expect(saved.suggestedFilename()).toBe(`${reference}.txt`);
    const file = readFileSync(await saved.path(), 'utf8');
    expect(file).toContain(`Reference: ${reference}`);
    expect(file).toContain(`Receipt code: ${receipt}`);
    expect(file).toContain(`Follow it up at: ${server.baseUrl}/complaints/follow-up?lang=en`);
    // The worker follows it up on the registry's portal, from the link beside the receipt.
    const followUp = await form.getByTestId('complaint-follow-up').getAttribute('href');
    expect(followUp).toBe(`${server.baseUrl}/complaints/follow-up?lang=en`);
    const portal = await browser.newPage();
    await portal.goto(followUp!);
    await portal.getByLabel('Reference').fill(reference);
    await portal.getByLabel('Receipt code').fill(receipt);
    await portal.getByRole('button', { name: 'Show my report' }).click();
    await portal.getByRole('heading', { level: 1, name: reference }).waitFor();
    await expect(portal.locator('main').innerText()).resolves.toContain(
      'Quickfly Overseas Placements',
    );
    await portal.close();
    await form.close();
    await page.close();
  });
});
