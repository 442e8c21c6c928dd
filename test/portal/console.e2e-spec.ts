import {
  isSnapshotDelta,
  verifyEnvelope,
  type PublishedKey,
  type SnapshotEntry,
} from '@fair-recruit/snapshot';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { recruiterInput } from '../support/factories.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  axeViolations,
  DESKTOP,
  logIn,
  overflowsSideways,
  PHONE,
  screenshot,
  startPortal,
  type PortalHarness,
  CLOSE_TIMEOUT_MS,
} from './support.js';

/** Waits until `done` holds (the page updates after its own requests), at most 10 s. */
async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Account {
  email: string;
  token: string;
  id: string;
}

/**
 * The regulators' console in a real browser against the real API: login, the registry (create,
 * edit, status changes, audit trail), CSV import with its dry run, and administration.
 */
describe('regulators console', () => {
  let portal: PortalHarness;
  let gb: Account;
  let fr: Account;
  let admin: Account;
  let observer: Account;
  let createdId = '';
  let importedId = '';

  beforeAll(async () => {
    portal = await startPortal({
      // Every login of this file comes from one address.
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      SNAPSHOT_DEBOUNCE_MS: '200',
    });
    await portal.ctx.newJurisdiction('GB', 'United Kingdom');
    await portal.ctx.newJurisdiction('FR', 'France');
    gb = await portal.ctx.newUser('regulator', ['GB']);
    fr = await portal.ctx.newUser('regulator', ['FR']);
    admin = await portal.ctx.newUser('admin');
    observer = await portal.ctx.newUser('observer');
  });

  afterAll(async () => {
    await portal?.close();
  }, CLOSE_TIMEOUT_MS);

  async function signedIn(account: Account, viewport = DESKTOP): Promise<Page> {
    const page = await portal.newPage({ viewport });
    await logIn(page, account.email, TEST_PASSWORD);
    return page;
  }

  /** The `.field` holding the control a label names, to read the message beside it. */
  function fieldOf(page: Page, label: string) {
    return page.locator('.field', { has: page.getByLabel(label) });
  }

  const api = (path: string, token?: string) =>
    portal.ctx.request('GET', `/api/v1${path}`, { token });

  it('sends an anonymous visitor to the login page, says a wrong password in words, then goes back', async () => {
    const page = await portal.newPage();
    await page.goto('/console/recruiters?status=authorized');
    await page.waitForURL('**/console/login');
    await page.getByRole('heading', { level: 1, name: /sign in/i }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    await page.getByLabel(/e-?mail/i).fill(gb.email);
    await page.getByLabel(/password/i).fill('not the password at all');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain(
      'Wrong e-mail or password.',
    );

    await page.getByLabel(/password/i).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL('**/console/recruiters?status=authorized');
    await page.getByRole('heading', { level: 1, name: 'Registry' }).waitFor();
    await expect(page.locator('.console-bar').innerText()).resolves.toContain(gb.email);
  });

  it("shows the API's 429 with how long to wait", async () => {
    const page = await portal.newPage();
    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '42' },
        body: JSON.stringify({
          status: 429,
          title: 'Too many requests',
          code: 'rate_limited',
          detail: 'Too many attempts.',
        }),
      }),
    );
    await page.goto('/console/login');
    await page.getByLabel(/e-?mail/i).fill(gb.email);
    await page.getByLabel(/password/i).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('Too many attempts. Please wait a little and try again.');
    expect(alert).toContain('42 seconds');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-login-desktop');
  });

  it('lets a GB regulator register a recruiter (a field error shown beside its field first), authorize and suspend it, and the public record, snapshot and audit trail follow', async () => {
    const page = await signedIn(gb);
    await page.goto('/console/recruiters');
    await page.getByRole('link', { name: 'New recruiter' }).click();
    await page.getByRole('heading', { level: 1, name: 'New recruiter' }).waitFor();

    const number = `GB-UI-${Date.now() % 1_000_000}`;
    await page.getByLabel('Registry (country)').selectOption('GB');
    await page.getByLabel('Registration number').fill(number);
    await page.getByLabel('Legal name').fill('Harbourlight Nursing Recruitment Ltd');
    await page.getByLabel('Kind').selectOption('recruiter');
    await page.getByLabel('Sector').selectOption('private');
    await page.getByLabel('Trading names').fill('Harbourlight Nurses\nHarbourlight Care');
    await page.getByLabel('Websites').fill('harbourlight-nursing.example');
    await page.getByLabel('E-mail domains').fill('harbourlight-nursing.example');
    await page.getByLabel('Phone numbers').fill('12345');
    await page.getByLabel('City').fill('Leeds');
    await page.getByLabel('Country', { exact: true }).fill('GB');
    await page.getByLabel('Authorized from').fill('2026-01-01');
    await page.getByLabel('Authorized until').fill('2029-12-31');
    await page.getByLabel('Conditions of the authorization').fill('Nurses and midwives only');
    await page.getByRole('button', { name: 'Register recruiter' }).click();

    const phones = fieldOf(page, 'Phone numbers');
    await phones.locator('.field-error').waitFor();
    await expect(phones.locator('.field-error').innerText()).resolves.toMatch(/phones/);
    expect(await page.getByLabel('Phone numbers').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain(
      'Some fields need attention',
    );
    // Only the phone field is marked: the others were right.
    expect(await page.locator('.field-invalid').count()).toBe(1);
    expect((await api(`/recruiters?jurisdiction=GB&registrationNumber=${number}`)).body.total).toBe(
      0,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-recruiter-new-error-desktop');

    await page.getByLabel('Phone numbers').fill('+44 113 496 0000');
    await page.getByRole('button', { name: 'Register recruiter' }).click();
    await page.waitForURL(/\/console\/recruiters\/[0-9a-f-]{36}$/);
    createdId = page.url().split('/').at(-1)!;
    await page.getByText('The recruiter is registered, as pending.').waitFor();
    const created = await api(`/recruiters/${createdId}`);
    expect(created.body).toMatchObject({
      jurisdiction: 'GB',
      registrationNumber: number,
      legalName: 'Harbourlight Nursing Recruitment Ltd',
      tradingNames: ['Harbourlight Nurses', 'Harbourlight Care'],
      domains: ['harbourlight-nursing.example'],
      phones: ['+441134960000'],
      address: { city: 'Leeds', country: 'GB' },
      authorizedFrom: '2026-01-01',
      authorizedUntil: '2029-12-31',
      conditions: 'Nurses and midwives only',
      status: 'pending',
    });

    // Pending offers only what the status machine allows: authorize or refuse.
    const choices = page.locator('input[name="status"]');
    expect(
      await choices.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['authorized', 'refused']);

    // A change without a reason is stopped, with the message beside the field.
    await page.getByRole('radio', { name: 'Authorize' }).check();
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(fieldOf(page, 'Reason').locator('.field-error').innerText()).resolves.toBe(
      'Give the reason for this change.',
    );
    await page.getByLabel('Reason').fill('Licence granted after inspection');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('Status changed.', { exact: false }).waitFor();
    await page.locator('input[name="status"][value="suspended"]').waitFor();
    expect(
      await choices.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['suspended', 'revoked']);

    await page.getByRole('radio', { name: 'Suspend' }).check();
    await page.getByLabel('Reason').fill('Charged nurses a placement fee');
    await page.getByLabel('Decision reference').fill('DEC-2026-042');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('input[name="status"][value="authorized"]').waitFor();

    const detail = await api(`/recruiters/${createdId}`);
    expect(detail.body.status).toBe('suspended');
    expect(detail.body.effectiveStatus).toBe('suspended');
    expect(detail.body.history.at(-1)).toMatchObject({
      fromStatus: 'authorized',
      toStatus: 'suspended',
      reason: 'Charged nurses a placement fee',
      reference: 'DEC-2026-042',
    });

    // The status history on the page, newest first.
    const history = page.locator('ol.timeline > li');
    await expect(history.first().innerText()).resolves.toContain('Charged nurses a placement fee');
    await expect(history.first().innerText()).resolves.toContain('DEC-2026-042');
    expect(await history.count()).toBe(3);

    // A health worker, signed in to nothing, sees the suspension on the public recruiter page.
    const visitor = await portal.newPage();
    await visitor.goto(`/recruiters/${createdId}`);
    const publicStatus = visitor.locator('main .status').first();
    await publicStatus.waitFor();
    expect(await publicStatus.innerText()).toBe('Suspended');
    await visitor.getByText('Charged nurses a placement fee').first().waitFor();
    await visitor.close();

    // The snapshot is rebuilt after a change (debounced): poll until it shows the suspension.
    const keys = (await api('/snapshot/keys')).body.keys as PublishedKey[];
    const deadline = Date.now() + 20_000;
    let entry: SnapshotEntry | undefined;
    while (Date.now() < deadline) {
      const snapshot = await api('/snapshot');
      expect(snapshot.status).toBe(200);
      const verified = await verifyEnvelope(snapshot.body, { pinnedKeys: keys });
      if (!verified.ok) throw new Error(`snapshot did not verify: ${verified.reason}`);
      if (isSnapshotDelta(verified.payload)) throw new Error('expected a full snapshot');
      entry = verified.payload.entries.find((e) => e.registrationNumber === number);
      if (entry?.status === 'suspended') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(entry).toMatchObject({ status: 'suspended' });

    // The audit trail: every action on the record, from the hash chain.
    const rows = page.locator('table.audit-table tbody tr');
    await until(async () => (await rows.count()) === 3);
    expect(await rows.count()).toBe(3);
    const trail = await rows.allInnerTexts();
    expect(trail[0]).toContain('Registered');
    expect(trail[1]).toContain('Status changed');
    expect(trail[2]).toContain('Status changed');
    expect(trail[2]).toContain('You');
    const chain = await api(`/audit/GB/events?entityType=recruiter&entityId=${createdId}`);
    expect(chain.body.items.map((e: { seq: number }) => String(e.seq))).toEqual(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? '')),
    );
    expect(chain.body.items[2].actorId).toBe(gb.id);

    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'console-recruiter-desktop');
  });

  it('tells the editor when someone else changed the record meanwhile (412), and reloads it', async () => {
    const page = await signedIn(gb);
    await page.goto(`/console/recruiters/${createdId}`);
    await page.getByLabel('Legal name').waitFor();

    // Someone else saves first.
    const current = await api(`/regulator/recruiters/${createdId}`, gb.token);
    const other = await portal.ctx.request('PATCH', `/api/v1/recruiters/${createdId}`, {
      token: gb.token,
      headers: { 'if-match': current.headers.get('etag')! },
      body: { conditions: 'Changed by a colleague' },
    });
    expect(other.status).toBe(200);

    await page.getByLabel('Legal name').fill('Harbourlight Renamed Ltd');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this record' });
    await alert.waitFor();
    expect((await api(`/recruiters/${createdId}`)).body.legalName).toBe(
      'Harbourlight Nursing Recruitment Ltd',
    );

    await page.getByRole('button', { name: 'Reload the record' }).click();
    const conditions = page.getByLabel('Conditions of the authorization');
    await until(async () => (await conditions.inputValue()) === 'Changed by a colleague');
    expect(await conditions.inputValue()).toBe('Changed by a colleague');
    await page.getByLabel('Legal name').fill('Harbourlight Renamed Ltd');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    expect((await api(`/recruiters/${createdId}`)).body).toMatchObject({
      legalName: 'Harbourlight Renamed Ltd',
      conditions: 'Changed by a colleague',
    });
  });

  it('imports a CSV: the dry run lists every bad row and writes nothing, the fixed file imports, and the same file again changes nothing', async () => {
    const page = await signedIn(gb);
    await page.goto('/console/imports');
    await page.getByRole('heading', { level: 1, name: 'CSV import' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the CSV template' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recruiters-import-template.csv');
    const template = readFileSync(await download.path(), 'utf8');
    expect(template.split(/\r?\n/)[0]).toContain('registrationNumber,kind,sector,legalName');

    const stamp = Date.now() % 1_000_000;
    const header = 'registrationNumber,kind,sector,legalName,phones,status,statusReason';
    const bad = [
      header,
      `GB-CSV-${stamp}-1,agency,private,Northgate Care Staffing Ltd,+441134960001,authorized,Licensed`,
      `GB-CSV-${stamp}-2,recruiter,private,Westmoor Health Jobs Ltd,not-a-phone,authorized,Licensed`,
    ].join('\n');
    const good = [
      header,
      `GB-CSV-${stamp}-1,recruiter,private,Northgate Care Staffing Ltd,+441134960001,authorized,Licensed`,
      `GB-CSV-${stamp}-2,recruiter,private,Westmoor Health Jobs Ltd,+441134960002,authorized,Licensed`,
    ].join('\n');
    const file = (text: string) => ({
      name: 'registry.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text, 'utf8'),
    });
    const importButton = page.getByRole('button', { name: 'Import', exact: true });

    await page.getByLabel('CSV file').setInputFiles(file(bad));
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'Rows to correct' }).waitFor();
    const rows = await page
      .locator('table.import-errors tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
      );
    expect(rows.map(([row, field]) => [row, field])).toEqual([
      ['2', 'kind'],
      ['3', 'phones'],
    ]);
    expect(rows.every(([, , message]) => message.length > 0)).toBe(true);
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(
      '2 of 2 rows need correcting',
    );
    // Every problem as a file for the spreadsheet (the list on screen stops at 1,000).
    const [problems] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download every problem (CSV)' }).click(),
    ]);
    expect(problems.suggestedFilename()).toBe('import-problems-GB.csv');
    const problemLines = readFileSync(await problems.path(), 'utf8')
      .trim()
      .split('\n');
    expect(problemLines.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      'row,field',
      '2,kind',
      '3,phones',
    ]);
    expect(await importButton.isDisabled()).toBe(true);
    for (const n of [1, 2]) {
      const found = await api(
        `/recruiters?jurisdiction=GB&registrationNumber=GB-CSV-${stamp}-${n}`,
      );
      expect(found.body.total).toBe(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'console-import-errors-desktop');

    await page.getByLabel('CSV file').setInputFiles(file(good));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('All 2 rows are correct.').waitFor();
    expect(await page.locator('[data-count="created"]').innerText()).toBe('2');
    expect(
      (await api(`/recruiters?jurisdiction=GB&registrationNumber=GB-CSV-${stamp}-1`)).body.total,
    ).toBe(0);
    await importButton.click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await page.locator('[data-count="created"]').innerText()).toBe('2');
    expect(await page.locator('[data-count="unchanged"]').innerText()).toBe('0');
    const imported = await api(`/recruiters?jurisdiction=GB&registrationNumber=GB-CSV-${stamp}-2`);
    expect(imported.body.items).toEqual([
      expect.objectContaining({
        legalName: 'Westmoor Health Jobs Ltd',
        phones: ['+441134960002'],
        status: 'authorized',
      }),
    ]);
    importedId = imported.body.items[0].id as string;

    // The same file again: nothing to do.
    const size = (await api('/audit/GB/checkpoint')).body.size as number;
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByLabel('CSV file').setInputFiles(file(good));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('All 2 rows are correct.').waitFor();
    await importButton.click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    await page.getByText('Nothing changed').waitFor();
    expect(await page.locator('[data-count="unchanged"]').innerText()).toBe('2');
    expect(await page.locator('[data-count="created"]').innerText()).toBe('0');
    expect((await api('/audit/GB/checkpoint')).body.size).toBe(size);
    await screenshot(page, 'console-import-done-desktop');
  });

  it('lets an administrator create an account and a jurisdiction, edit its authority and disable the account', async () => {
    const page = await signedIn(admin);
    await page.goto('/console/admin');
    await page.getByRole('heading', { level: 1, name: 'Accounts and jurisdictions' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();

    const email = `new-regulator-${Date.now()}@authority.example`;
    await page.getByRole('textbox', { name: 'E-mail address', exact: true }).fill(email);
    await page.getByLabel('First password').fill('short');
    await page.getByLabel('Role').selectOption('regulator');
    await page.getByLabel('GB · United Kingdom').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(
      fieldOf(page, 'First password').locator('.field-error').innerText(),
    ).resolves.toContain('12 characters');
    await page.getByLabel('First password').fill('a long enough first password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`Account ${email} created.`).waitFor();
    const row = page.locator('tr', { hasText: email });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('GB');
    const login = await portal.ctx.request('POST', '/api/v1/auth/login', {
      body: { email, password: 'a long enough first password' },
    });
    expect(login.status).toBe(200);

    await page.getByLabel('Country code').fill('de');
    await page.getByLabel('Country name').fill('Germany');
    await page.getByLabel('Designated national authority').fill('Bundesagentur für Arbeit');
    await page.getByLabel("Authority's website").fill('https://www.arbeitsagentur.de');
    await page.getByRole('button', { name: 'Create jurisdiction' }).click();
    await page.getByText('Jurisdiction DE (Germany) created.').waitFor();
    expect((await api('/jurisdictions/DE')).body).toEqual({
      code: 'DE',
      name: 'Germany',
      authority: { name: 'Bundesagentur für Arbeit', website: 'https://www.arbeitsagentur.de' },
    });

    const card = page.locator('li.card', { hasText: 'DE · Germany' });
    await card.getByRole('button', { name: 'Edit the authority of DE' }).click();
    await card.getByLabel("Authority's e-mail address").fill('zav@arbeitsagentur.example');
    await card.getByRole('button', { name: 'Save the authority' }).click();
    await page.getByText('The authority of DE is saved.').waitFor();
    expect((await api('/jurisdictions/DE')).body.authority.email).toBe(
      'zav@arbeitsagentur.example',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'console-admin-desktop');

    await row.getByRole('button', { name: `Disable ${email}` }).click();
    await page.getByText(`Account ${email} disabled`).waitFor();
    // The list reloads after the notice.
    await until(async () => (await row.innerText()).includes('Disabled'));
    await expect(row.innerText()).resolves.toContain('Disabled');
    const refused = await portal.ctx.request('POST', '/api/v1/auth/login', {
      body: { email, password: 'a long enough first password' },
    });
    expect(refused.status).toBe(401);
  });

  it('lets an administrator move a regulator to another registry, and refuses in words to demote the last administrator', async () => {
    const mover = await portal.ctx.newUser('regulator', ['GB']);
    const page = await signedIn(admin);
    await page.goto('/console/admin');
    const row = page.locator('tr', { hasText: mover.email });
    await row.waitFor();
    await row.getByRole('button', { name: `Change role ${mover.email}` }).click();
    const editor = page.getByRole('form', { name: `Role and registries of ${mover.email}` });
    await editor.getByLabel('GB · United Kingdom').uncheck();
    await editor.getByRole('button', { name: 'Save role and registries' }).click();
    // A regulator without a registry is refused beside the registries, and nothing changes.
    await editor.locator('.field-error').waitFor();
    await expect(editor.locator('.field-error').innerText()).resolves.toContain('jurisdiction');
    expect(
      (await portal.ctx.request('GET', '/api/v1/auth/me', { token: mover.token })).body,
    ).toMatchObject({ jurisdictions: ['GB'] });

    await editor.getByLabel('FR · France').check();
    expect(await axeViolations(page)).toEqual([]);
    await editor.getByRole('button', { name: 'Save role and registries' }).click();
    await page.getByText(`Role and registries of ${mover.email} saved`).waitFor();
    await until(async () => (await row.innerText()).includes('FR'));
    // The regulator's own session, unchanged, now manages FR and no longer GB.
    const me = await portal.ctx.request('GET', '/api/v1/auth/me', { token: mover.token });
    expect(me.body).toMatchObject({ role: 'regulator', jurisdictions: ['FR'] });

    const own = page.locator('tr', { hasText: admin.email });
    await own.getByRole('button', { name: `Change role ${admin.email}` }).click();
    const ownEditor = page.getByRole('form', { name: `Role and registries of ${admin.email}` });
    await ownEditor.getByLabel('Role').selectOption('observer');
    await ownEditor.getByRole('button', { name: 'Save role and registries' }).click();
    await ownEditor
      .getByRole('alert')
      .getByText(
        'This is the only enabled administrator: make another account an administrator first.',
      )
      .waitFor();
    const stillAdmin = await portal.ctx.request('GET', '/api/v1/auth/me', { token: admin.token });
    expect(stillAdmin.body).toMatchObject({ role: 'admin' });
  });

  it("keeps a regulator of FR out of GB's console data, in words", async () => {
    const page = await signedIn(fr);
    await page.goto(`/console/recruiters/${createdId}`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'This record is not in a registry you manage' })
      .waitFor();
    expect(await page.getByLabel('Legal name').count()).toBe(0);
    expect(await page.getByText('Harbourlight').count()).toBe(0);

    await page.goto('/console/recruiters?jurisdiction=GB');
    await page.getByRole('alert').filter({ hasText: 'does not manage the GB registry' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    await page.goto('/console/imports');
    await page.getByLabel('Registry (country)').waitFor();
    const options = await page
      .getByLabel('Registry (country)')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['FR']);

    // The API refuses too, whatever the page shows.
    const write = await portal.ctx.request('POST', `/api/v1/recruiters/${createdId}/status`, {
      token: fr.token,
      body: { status: 'revoked', reason: 'not mine' },
    });
    expect(write.status).toBe(403);
    expect((await api(`/regulator/recruiters/${createdId}`, fr.token)).status).toBe(404);
  });

  it('shows a regulator of two registries both together by default, or one of them', async () => {
    const both = await portal.ctx.newUser('regulator', ['GB', 'FR']);
    const inFr = await portal.ctx.request('POST', '/api/v1/recruiters', {
      token: fr.token,
      body: recruiterInput('FR', { legalName: 'Paris Soins Recrutement SAS' }),
    });
    expect(inFr.status).toBe(201);
    const inGb = await portal.ctx.request('POST', '/api/v1/recruiters', {
      token: gb.token,
      body: recruiterInput('GB', { legalName: 'Leeds Both Registries Staffing Ltd' }),
    });
    expect(inGb.status).toBe(201);
    const page = await signedIn(both);
    await page.goto('/console/recruiters');
    const registry = page.getByLabel('Registry (country)');
    await page.getByRole('table').waitFor();
    expect(await registry.inputValue()).toBe('GB,FR');
    expect(await registry.locator('option:checked').innerText()).toBe('All my registries');
    const shown = async () =>
      [
        ...new Set(
          await page
            .locator('table tbody tr td:nth-child(3)')
            .evaluateAll((cells) => cells.map((cell) => cell.textContent ?? '')),
        ),
      ].sort();
    await until(async () => (await shown()).length === 2);
    expect(await shown()).toEqual(['FR', 'GB']);

    await registry.selectOption('GB');
    await until(async () => (await shown()).join() === 'GB');
    expect(await shown()).toEqual(['GB']);
    expect(page.url()).toContain('jurisdiction=GB');

    // A link with the codes in another order selects the same choice.
    await page.goto('/console/recruiters?jurisdiction=FR,GB');
    await page.getByRole('table').waitFor();
    expect(await registry.locator('option:checked').innerText()).toBe('All my registries');
    await until(async () => (await shown()).length === 2);
    expect(await shown()).toEqual(['FR', 'GB']);
  });

  it('gives an observer the registry read-only', async () => {
    const page = await signedIn(observer);
    await page.goto(`/console/recruiters/${importedId}`);
    await page.getByText('You can read this registry but not change it.').waitFor();
    expect(await page.getByRole('button', { name: 'Change status' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.getByLabel('Legal name').isDisabled()).toBe(true);
    await page.goto('/console/recruiters');
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('link', { name: 'New recruiter' }).count()).toBe(0);
  });

  it('has no WCAG 2.1 AA violations and no sideways scroll on each console page, desktop and phone', async () => {
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const anonymous = await portal.newPage({ viewport });
      await anonymous.goto('/console/login');
      await anonymous.getByRole('button', { name: /sign in/i }).waitFor();
      expect({ page: 'login', viewport: name, violations: await axeViolations(anonymous) }).toEqual(
        { page: 'login', viewport: name, violations: [] },
      );
      expect({
        page: 'login',
        viewport: name,
        overflow: await overflowsSideways(anonymous),
      }).toEqual({ page: 'login', viewport: name, overflow: false });
      await screenshot(anonymous, `console-login-${name}`);

      const regulator = await signedIn(gb, viewport);
      const adminPage = await signedIn(admin, viewport);
      const pages: [string, Page, string, string][] = [
        ['recruiters', regulator, '/console/recruiters', 'table'],
        ['recruiter-new', regulator, '/console/recruiters/new', 'form'],
        ['recruiter', regulator, `/console/recruiters/${createdId}`, 'table.audit-table'],
        ['imports', regulator, '/console/imports', 'form'],
        ['admin', adminPage, '/console/admin', 'table'],
      ];
      for (const [label, page, path, ready] of pages) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        expect({ page: label, viewport: name, violations: await axeViolations(page) }).toEqual({
          page: label,
          viewport: name,
          violations: [],
        });
        expect({ page: label, viewport: name, overflow: await overflowsSideways(page) }).toEqual({
          page: label,
          viewport: name,
          overflow: false,
        });
        await screenshot(page, `console-${label}-${name}`);
      }
    }
  });

  it('shows no page errors or CSP refusals', () => {
    expect(portal.pageErrors).toEqual([]);
  });
});
