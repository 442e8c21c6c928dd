import type { Page } from 'playwright-core';
import { fileComplaint } from '../complaints/support.js';
import { newRecruiter } from '../support/factories.js';
import {
  axeViolations,
  DESKTOP,
  overflowsSideways,
  PHONE,
  screenshot,
  startPortal,
  type PortalHarness,
  CLOSE_TIMEOUT_MS,
} from './support.js';

/**
 * The pages a health worker uses without an account: the search, a recruiter's page, the
 * authorities, the safeguards list and the extension guide, against the real API in Chromium.
 */
describe('portal public pages', () => {
  let portal: PortalHarness;
  let meridianGb: string;
  let meridianIe: string;
  let northbridge: string;
  let oakfield: string;

  beforeAll(async () => {
    portal = await startPortal();
    const { ctx } = portal;
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('IE', 'Ireland');
    const admin = await ctx.newUser('admin');
    const philippines = await ctx.request('POST', '/api/v1/jurisdictions', {
      token: admin.token,
      body: {
        code: 'PH',
        name: 'Philippines',
        authority: {
          name: 'Department of Migrant Workers',
          website: 'https://dmw.example',
          email: 'registry@dmw.example',
        },
      },
    });
    expect(philippines.status).toBe(201);
    const { token } = await ctx.newUser('regulator', ['GB', 'IE']);

    meridianGb = await newRecruiter(ctx, token, 'GB', {
      registrationNumber: 'GB-REC-0042',
      legalName: 'Meridian Health Recruitment Ltd',
      tradingNames: ['Meridian Nurses'],
      domains: ['meridian-health.example'],
      phones: ['+442071234567'],
      authorizedFrom: '2025-01-01',
      authorizedUntil: '2099-12-31',
      conditions: 'Nurses and midwives only',
    });
    for (const change of [
      { status: 'authorized', reason: 'Application complete' },
      {
        status: 'suspended',
        reason: 'Charged placement fees to nurses',
        reference: 'GB-DEC-2026-14',
      },
    ]) {
      const res = await ctx.request('POST', `/api/v1/recruiters/${meridianGb}/status`, {
        token,
        body: change,
      });
      expect(res.status).toBe(200);
    }
    // The same firm in Ireland: another registry, another number, the same website.
    meridianIe = await newRecruiter(
      ctx,
      token,
      'IE',
      {
        registrationNumber: 'IE-77001',
        legalName: 'Meridian Health Recruitment Limited',
        domains: ['meridian-health.example'],
      },
      'authorized',
    );
    northbridge = await newRecruiter(
      ctx,
      token,
      'GB',
      {
        legalName: 'Northbridge Care Employer',
        kind: 'employer',
        authorizedFrom: '2020-01-01',
        authorizedUntil: '2021-12-31',
      },
      'authorized',
    );
    oakfield = await newRecruiter(ctx, token, 'GB', { legalName: 'Oakfield Medical Staffing' });
    // Enough for two pages of 20 in Ireland.
    for (let i = 1; i <= 21; i++) {
      await newRecruiter(ctx, token, 'IE', { legalName: `Harbour Staffing ${i}` }, 'authorized');
    }
    await fileComplaint(ctx, { recruiterId: meridianGb, recruiter: undefined, jurisdiction: 'GB' });
  });

  afterAll(async () => {
    await portal?.close();
  }, CLOSE_TIMEOUT_MS);

  it('searches as the worker types, with typos, and keeps the search in the URL', async () => {
    const page = await portal.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /check a recruiter/i }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toMatch(/free of charge/i);

    const answered = page.waitForResponse(
      (response) => new URL(response.url()).searchParams.get('q') === 'meridan helth',
    );
    await page
      .getByLabel(/recruiter name, website or registration number/i)
      .pressSequentially('meridan helth', { delay: 40 });
    await answered;
    const results = page.locator('.result-list > li');
    await onlyResults(page, [
      'Meridian Health Recruitment Limited',
      'Meridian Health Recruitment Ltd',
    ]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('meridan helth');

    const gb = results.filter({ hasText: 'GB-REC-0042' });
    await expect(gb.innerText()).resolves.toMatch(/Suspended/);
    await expect(gb.innerText()).resolves.toMatch(/United Kingdom/);
    await expect(gb.innerText()).resolves.toMatch(/Meridian Nurses/);
    expect(await gb.locator('.status-suspended').count()).toBe(1);
    await expect(
      results.filter({ hasText: 'IE-77001' }).locator('.status-authorized').innerText(),
    ).resolves.toBe('Authorized');

    // A shared link opens the same search.
    const shared = await portal.newPage();
    await shared.goto(page.url());
    await shared.locator('.result-list > li').first().waitFor();
    expect(
      await shared.getByLabel(/recruiter name, website or registration number/i).inputValue(),
    ).toBe('meridan helth');
    expect(await shared.locator('.result-list > li').count()).toBe(2);

    await gb.getByRole('link', { name: 'Meridian Health Recruitment Ltd' }).click();
    await page.waitForURL(`**/recruiters/${meridianGb}`);
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Ltd' })
      .waitFor();
  });

  it("shows a recruiter's status, period, history, other registrations and complaint figures", async () => {
    const page = await portal.newPage();
    await page.goto(`/recruiters/${meridianGb}`);
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Ltd' })
      .waitFor();
    const main = page.locator('main');
    await expect(main.locator('.recruiter-head .status').innerText()).resolves.toBe('Suspended');
    await expect(main.locator('.recruiter-head .status-suspended').count()).resolves.toBe(1);
    const text = await main.innerText();
    expect(text).toContain('authorization in United Kingdom is suspended');
    expect(text).toMatch(/From (1 Jan 2025|Jan 1, 2025) to (31 Dec 2099|Dec 31, 2099)/);
    expect(text).toContain('Nurses and midwives only');
    expect(text).toContain('meridian-health.example');
    expect(text).toContain('+442071234567');
    expect(text).toContain('GB-REC-0042');

    // The history, newest first, with the suspension's reason and decision reference.
    const timeline = page.locator('.timeline > li');
    // Registration (pending), authorization, suspension.
    expect(await timeline.count()).toBe(3);
    const latest = await timeline.first().innerText();
    expect(latest).toContain('Suspended');
    expect(latest).toContain('Reason: Charged placement fees to nurses');
    expect(latest).toContain('Decision reference: GB-DEC-2026-14');
    expect(await timeline.nth(1).innerText()).toContain('Reason: Application complete');
    expect(await timeline.nth(2).locator('.status').innerText()).toBe('Pending');

    // The same firm registered in Ireland, found by its website.
    const other = page.locator('.other-registration');
    await other.first().waitFor();
    expect(await other.count()).toBe(1);
    const otherText = await other.innerText();
    expect(otherText).toContain('Ireland');
    expect(otherText).toContain('IE-77001');
    expect(otherText).toContain('same website');
    await expect(other.locator('.status').innerText()).resolves.toBe('Authorized');

    // Public complaint figures: the one complaint filed.
    await page.locator('[data-figure="received"]').waitFor();
    await expect(page.locator('[data-figure="received"]').innerText()).resolves.toBe('1');
    await expect(page.locator('[data-figure="open"]').innerText()).resolves.toBe('1');
    await expect(page.locator('[data-figure="substantiated"]').innerText()).resolves.toBe('0');
    expect(await main.innerText()).toContain('Fees charged to the health worker: 1');

    const report = page.getByRole('link', { name: 'Report this recruiter' });
    expect(await report.getAttribute('href')).toBe(`/complaints/new?recruiterId=${meridianGb}`);

    // The other registration is one click away, and links back.
    await other.getByRole('link').click();
    await page.waitForURL(`**/recruiters/${meridianIe}`);
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Limited' })
      .waitFor();
    await page.locator('.other-registration').first().waitFor();
    expect(await page.locator('.other-registration').innerText()).toContain('GB-REC-0042');
  });

  it('says an authorization whose period has ended is expired, in words and red', async () => {
    const page = await portal.newPage();
    await page.goto(`/recruiters/${northbridge}`);
    await page.getByRole('heading', { level: 1, name: 'Northbridge Care Employer' }).waitFor();
    await expect(page.locator('.recruiter-head .status-expired').innerText()).resolves.toBe(
      'Expired',
    );
    const text = await page.locator('main').innerText();
    expect(text).toContain('authorization in United Kingdom has ended');
    expect(text).toContain('(last decision: Authorized)');
    expect(text).toMatch(/From (1 Jan 2020|Jan 1, 2020) to (31 Dec 2021|Dec 31, 2021)/);
  });

  it('renders a recruiter page before its figures and other registrations have answered', async () => {
    const page = await portal.newPage();
    const held: (() => Promise<void>)[] = [];
    const asked = { stats: deferred(), domain: deferred() };
    await page.route(
      (url) =>
        url.pathname === '/api/v1/stats' ||
        (url.pathname === '/api/v1/recruiters' && url.searchParams.has('domain')),
      (route) => {
        held.push(() => route.continue());
        asked[
          new URL(route.request().url()).pathname.endsWith('/stats') ? 'stats' : 'domain'
        ].resolve();
      },
    );
    await page.goto(`/recruiters/${meridianGb}`);
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Ltd' })
      .waitFor();
    await page.locator('.timeline > li').first().waitFor();
    // Both later calls were made and are still unanswered, yet the page is there.
    await Promise.all([asked.stats.promise, asked.domain.promise]);
    expect(await page.locator('[data-figure="received"]').count()).toBe(0);
    expect(await page.locator('.other-registration').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Report this recruiter' }).count()).toBe(1);
    for (const release of held.splice(0)) await release();
    await page.locator('[data-figure="received"]').waitFor();
    await page.locator('.other-registration').first().waitFor();
  });

  it('filters by country, status and type, pages through results, and says when nothing matches', async () => {
    const page = await portal.newPage();
    await page.goto('/');
    await page.getByLabel('Country of the register').selectOption({ label: 'United Kingdom' });
    await page.getByLabel('Status').selectOption('expired');
    const results = page.locator('.result-list > li');
    await onlyResults(page, ['Northbridge Care Employer']);
    await expect(results.first().locator('.status-expired').innerText()).resolves.toBe('Expired');
    expect(await results.first().innerText()).toContain('Employer');
    const params = new URL(page.url()).searchParams;
    expect([params.get('jurisdiction'), params.get('status')]).toEqual(['GB', 'expired']);

    await page.getByLabel('Status').selectOption('pending');
    await onlyResults(page, ['Oakfield Medical Staffing']);

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Type').selectOption('employer');
    await onlyResults(page, ['Northbridge Care Employer']);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('employer');

    // Two pages in Ireland (22 registrations), the page number in the URL.
    await page.goto('/?jurisdiction=IE&status=authorized');
    await page.getByText('Recruiters found: 22').waitFor();
    expect(await results.count()).toBe(20);
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
    await page.getByRole('link', { name: 'Previous page' }).waitFor();

    // Typing a new search starts again at page 1.
    await page.getByLabel(/recruiter name/i).fill('Harbour Staffing 7');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Harbour Staffing 7');
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();

    await page.goto('/?q=Zyxwvut%20Qqqq%20Nothing');
    await page.getByText('No recruiter in the registers matches your search.').waitFor();
    expect(
      await page
        .getByRole('link', { name: 'Report a recruiter that is not registered' })
        .getAttribute('href'),
    ).toBe('/complaints/new');
  });

  it('speaks French, Spanish and Portuguese on the search and recruiter pages', async () => {
    const french = await portal.newPage({ locale: 'fr-FR' });
    await french.goto(`/recruiters/${meridianGb}`);
    await french.getByRole('heading', { level: 2, name: 'Historique du statut' }).waitFor();
    const frText = await french.locator('main').innerText();
    expect(frText).toContain('Suspendu');
    expect(frText).toContain('Signaler ce recruteur');
    expect(frText).toContain('Période d’autorisation');
    expect(frText).toContain('Motif : Charged placement fees to nurses');

    const spanish = await portal.newPage({ locale: 'es-ES' });
    await spanish.goto('/?q=meridian');
    await spanish.getByRole('heading', { level: 1, name: /Verifique un reclutador/ }).waitFor();
    await spanish.locator('.result-list > li').first().waitFor();
    const esText = await spanish.locator('main').innerText();
    expect(esText).toContain('Suspendido');
    expect(esText).toContain('Reclutadores encontrados: 2');
    expect(esText).toContain('N.º de registro GB-REC-0042');

    const portuguese = await portal.newPage({ locale: 'pt-BR' });
    await portuguese.goto(`/recruiters/${meridianGb}`);
    await portuguese.getByRole('heading', { level: 2, name: 'Histórico da situação' }).waitFor();
    const ptText = await portuguese.locator('main').innerText();
    expect(ptText).toContain('Suspenso');
    expect(ptText).toContain('Denunciar este recrutador');
    expect(await portuguese.evaluate(() => document.documentElement.lang)).toBe('pt');
  });

  it('says plainly when a recruiter page does not exist', async () => {
    const page = await portal.newPage();
    await page.goto('/recruiters/00000000-0000-0000-0000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Recruiter not found' }).waitFor();
    await page.getByRole('link', { name: 'Search the registers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/recruiters/not-an-id');
    await page.getByRole('heading', { level: 1, name: 'Recruiter not found' }).waitFor();
  });

  it("opens a recruiter's page from its registry and number, as the extension's badges link", async () => {
    const page = await portal.newPage();
    // The number as someone might type it: matched as the registry matches numbers.
    await page.goto('/recruiters/lookup?jurisdiction=GB&registrationNumber=gb%20rec%200042');
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Ltd' })
      .waitFor();
    // The address becomes the record's own.
    expect(new URL(page.url()).pathname).toBe(`/recruiters/${meridianGb}`);
    await expect(page.locator('main').innerText()).resolves.toContain('GB-REC-0042');

    // Each registry's own numbers: the Irish registration by its Irish number.
    await page.goto('/recruiters/lookup?jurisdiction=IE&registrationNumber=IE-77001');
    await page
      .getByRole('heading', { level: 1, name: 'Meridian Health Recruitment Limited' })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/recruiters/${meridianIe}`);

    // A British number in the Irish registry, no number, no registry: not found, nothing guessed.
    for (const query of [
      'jurisdiction=IE&registrationNumber=GB-REC-0042',
      'jurisdiction=GB',
      'jurisdiction=nowhere&registrationNumber=GB-REC-0042',
    ]) {
      await page.goto(`/recruiters/lookup?${query}`);
      await page.getByRole('heading', { level: 1, name: 'Recruiter not found' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/recruiters/lookup');
    }
  });

  it('lists the designated national authorities with their contacts', async () => {
    const page = await portal.newPage();
    await page.goto('/authorities');
    await page.getByRole('heading', { level: 1, name: 'National authorities' }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const ph = rows.filter({ hasText: 'Philippines' });
    expect(await ph.innerText()).toContain('Department of Migrant Workers');
    expect(await ph.getByRole('link', { name: /Website/ }).getAttribute('href')).toBe(
      'https://dmw.example',
    );
    expect(await ph.getByRole('link', { name: 'registry@dmw.example' }).getAttribute('href')).toBe(
      'mailto:registry@dmw.example',
    );
    expect(await rows.filter({ hasText: 'United Kingdom' }).innerText()).toContain(
      'Authority of United Kingdom',
    );
  });

  it('shows the safeguards list with its source and what it means', async () => {
    const page = await portal.newPage();
    await page.goto('/safeguards-list');
    await page.getByRole('heading', { level: 1, name: 'WHO safeguards list' }).waitFor();
    await page.getByText(/ISBN 9789240069787/).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('must not actively recruit health workers from these countries');
    expect(text).toContain('Article 5.1');
    expect(text).toContain('WHO African Region');
    expect(text).toContain('Ghana');
  });

  it('explains how to install the browser extension and that browsing stays private', async () => {
    const page = await portal.newPage();
    await page.goto('/extension');
    await page.getByRole('heading', { level: 1, name: 'Browser extension' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('extension/build/chrome-mv3-prod');
    expect(text).toContain('Firefox');
    expect(text).toContain('Nothing about the pages you visit leaves your device.');
  });

  it('has no WCAG 2.1 AA violations and fits a 360 px phone on every public page', async () => {
    const pages: { path: string; ready: (page: Page) => Promise<unknown>; shot?: string }[] = [
      {
        path: '/?q=meridian',
        ready: (page) => page.locator('.result-list > li').first().waitFor(),
        shot: 'public-search',
      },
      {
        path: `/recruiters/${meridianGb}`,
        ready: async (page) => {
          await page.locator('[data-figure="received"]').waitFor();
          await page.locator('.other-registration').first().waitFor();
        },
        shot: 'public-recruiter',
      },
      {
        path: `/recruiters/${northbridge}`,
        ready: (page) => page.locator('[data-figure="received"]').waitFor(),
      },
      {
        path: `/recruiters/${oakfield}`,
        ready: (page) => page.locator('[data-figure="received"]').waitFor(),
      },
      {
        path: '/?q=Zyxwvut%20Qqqq',
        ready: (page) => page.getByText(/No recruiter in the registers/).waitFor(),
      },
      { path: '/authorities', ready: (page) => page.locator('tbody tr').first().waitFor() },
      { path: '/safeguards-list', ready: (page) => page.getByText(/ISBN/).waitFor() },
      { path: '/extension', ready: (page) => page.locator('h1').waitFor() },
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await portal.newPage({ viewport });
      for (const { path, ready, shot } of pages) {
        await page.goto(path);
        await ready(page);
        const device = viewport === PHONE ? 'phone' : 'desktop';
        // The path and device in the compared value name the page that failed.
        expect({ path, device, violations: await axeViolations(page) }).toEqual({
          path,
          device,
          violations: [],
        });
        expect({ path, device, overflows: await overflowsSideways(page) }).toEqual({
          path,
          device,
          overflows: false,
        });
        if (shot) await screenshot(page, `${shot}-${device}`);
      }
    }
  });

  it('shows no page errors or CSP refusals', () => {
    expect(portal.pageErrors).toEqual([]);
  });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Waits until the result list shows exactly these recruiters (by name, in any order). */
async function onlyResults(page: Page, names: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(
        Array.from(document.querySelectorAll('.result-list > li h3'))
          .map((h) => h.textContent)
          .sort(),
      ) === JSON.stringify(expected),
    [...names].sort(),
  );
}
