import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  overflowsSideways,
  PHONE,
  screenshot,
  startPortal,
  type PortalHarness,
  CLOSE_TIMEOUT_MS,
} from './support.js';

/** The frame every page shares: serving, security headers, language, accessibility, weight. */
describe('portal shell', () => {
  let portal: PortalHarness;

  beforeAll(async () => {
    portal = await startPortal();
  });

  afterAll(async () => {
    await portal?.close();
  }, CLOSE_TIMEOUT_MS);

  it('serves the portal at / and at any deep link, under a strict CSP, with the API beside it', async () => {
    const deep = await portal.ctx.request(
      'GET',
      '/recruiters/00000000-0000-0000-0000-000000000000',
    );
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(deep.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(deep.text).toContain('<div id="root">');

    const unknownApi = await portal.ctx.request('GET', '/api/v1/no-such-thing');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');

    const missingAsset = await portal.ctx.request('GET', '/assets/missing.js');
    expect(missingAsset.status).toBe(404);

    // Scripts go out pre-compressed (brotli) and cached for good: their names carry their hash.
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(deep.text)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${portal.ctx.baseUrl}${script}`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    if (!process.env.PORTAL_DIR) expect(asset.headers.get('content-encoding')).toBe('br');
  });

  it('speaks English, French and Spanish, and remembers the choice', async () => {
    const page = await portal.newPage({ locale: 'fr-FR' });
    await page.goto('/');
    await navLink(page, 'Vérifier un recruteur').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    // Words load per language on demand: wait for them rather than read at once.
    await page.getByLabel('Langue').selectOption('es');
    await navLink(page, 'Verificar un reclutador').waitFor();
    await page.reload();
    await navLink(page, 'Verificar un reclutador').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
  });

  it('has no WCAG 2.1 AA violations on the home page and fits a 360 px phone', async () => {
    const page = await portal.newPage({ viewport: PHONE });
    await page.goto('/');
    await page.locator('h1').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'shell-home-phone');
    // Keyboard users get a skip link first.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  });

  it('keeps each public page within 200 KB of gzipped JavaScript on first load', async () => {
    const id = '00000000-0000-0000-0000-000000000000';
    for (const path of ['/', `/recruiters/${id}`, '/complaints/new', '/complaints/follow-up']) {
      const page = await portal.newPage();
      const scripts: Promise<number>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') {
          scripts.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
        }
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      const sizes = await Promise.all(scripts);
      const total = sizes.reduce((sum, size) => sum + size, 0);
      // The path in the compared value names the page that went over.
      expect({ path, loadedScripts: total > 0, overBudget: total > 200 * 1024 }).toEqual({
        path,
        loadedScripts: true,
        overBudget: false,
      });
    }
  });

  it('shows no page errors or CSP refusals', () => {
    expect(portal.pageErrors).toEqual([]);
  });
});

function navLink(page: Page, name: string) {
  return page.getByRole('navigation').first().getByRole('link', { name });
}
