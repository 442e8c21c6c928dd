import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_PORTAL_DIR } from '../../apps/api/src/portal/serve-portal.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

export const ROOT = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts/portal');

/** The smallest phone the portal must fit (issue 6), and an ordinary laptop. */
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A real API (a fresh database of its own) serving the built portal, and Debian's Chromium.
 * `PORTAL_DIR` picks another build (`vite build --outDir …`); by default `apps/portal/dist`,
 * which `npm run build` writes.
 */
export interface PortalHarness {
  ctx: TestContext;
  browser: Browser;
  /** A new browser context (own storage, own session) and a page in it. */
  newPage(options?: { viewport?: typeof PHONE; locale?: string }): Promise<Page>;
  /** Every uncaught page error and CSP refusal seen so far, for a test to assert there were none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * For each suite's `afterAll(close)`. Closing takes well under a second, but once in a CI run on a
 * loaded 2-CPU machine it took just over Jest's 60 s and failed a suite whose tests had all
 * passed; which step it was is not known, so a close slower than SLOW_CLOSE_MS says which.
 */
export const CLOSE_TIMEOUT_MS = 180_000;
const SLOW_CLOSE_MS = 10_000;

export async function startPortal(env: Record<string, string> = {}): Promise<PortalHarness> {
  const portalDir = process.env.PORTAL_DIR ?? DEFAULT_PORTAL_DIR;
  const ctx = await createTestContext({ PORTAL_DIR: portalDir, ...env });
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
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    ctx,
    browser,
    pageErrors,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: ctx.baseUrl,
        viewport: options.viewport ?? DESKTOP,
        locale: options.locale ?? 'en-GB',
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        // The portal runs under a strict Content-Security-Policy: a refusal is a bug.
        if (
          message.type() === 'error' &&
          /Content Security Policy|Refused to/.test(message.text())
        ) {
          pageErrors.push(`${page.url()}: ${message.text()}`);
        }
      });
      return page;
    },
    async close() {
      const started = Date.now();
      for (const context of contexts) await context.close().catch(() => undefined);
      const contextsMs = Date.now() - started;
      await browser.close();
      const browserMs = Date.now() - started - contextsMs;
      await ctx.close();
      const totalMs = Date.now() - started;
      if (totalMs > SLOW_CLOSE_MS) {
        console.warn(
          `portal harness: closing took ${totalMs} ms (browser contexts ${contextsMs}, ` +
            `browser ${browserMs}, API and database ${totalMs - contextsMs - browserMs})`,
        );
      }
    },
  };
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * WCAG 2.1 A and AA violations on the page as it is now, by axe-core. Injected through the
 * DevTools protocol (page.evaluate), which the page's CSP does not govern, so the portal is
 * checked under its real policy.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown }[];
      }[];
    }
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResult> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => String(n.target)),
    }));
  });
}

/** Saves a full-page screenshot as a CI artifact: test-artifacts/portal/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** True when the page is wider than its viewport (a phone user would scroll sideways). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Signs in through the console's login form. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/console/login');
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/console/login'));
}
