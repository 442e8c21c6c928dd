import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { complaintId, complaintInput, postMultipart } from '../complaints/support.js';
import { newRecruiter } from '../support/factories.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  axeViolations,
  logIn,
  overflowsSideways,
  PHONE,
  screenshot,
  startPortal,
  type PortalHarness,
  CLOSE_TIMEOUT_MS,
} from './support.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The regulators' complaint work in the browser: the queue, a case from triage to a sanction,
 * the dashboard's charts and the national report with its downloads.
 */
describe('portal: complaint queue, case file, dashboard and national report', () => {
  let portal: PortalHarness;
  let gb: { email: string; token: string };
  let ph: { email: string; token: string };
  let recruiterId: string;
  /** Received 10, 3 and 0 days ago. */
  const filed: { reference: string; receipt: string; id: string }[] = [];
  let page: Page;
  const today = isoDay(Date.now());
  const from = isoDay(Date.now() - 60 * DAY_MS);

  async function file(overrides: Record<string, unknown>, daysAgo: number, note?: string) {
    const res = await postMultipart(portal.ctx, '/api/v1/complaints', {
      complaint: complaintInput(overrides),
      files: note ? [{ name: 'note.txt', type: 'text/plain', bytes: Buffer.from(note) }] : [],
    });
    if (res.status !== 201) throw new Error(`complaint failed: ${res.status} ${res.text}`);
    const { reference, receipt } = res.body as { reference: string; receipt: string };
    const id = await complaintId(portal.ctx, reference);
    await portal.ctx.db.query(
      `UPDATE complaints SET received_at = received_at - make_interval(days => $2) WHERE id = $1`,
      [id, daysAgo],
    );
    filed.push({ reference, receipt, id });
  }

  const rowValue = async (table: string, row: string | RegExp) =>
    (
      await page
        .getByRole('table', { name: table })
        .getByRole('row', { name: row })
        .locator('td')
        .last()
        .textContent()
    )?.trim();

  beforeAll(async () => {
    portal = await startPortal();
    await portal.ctx.newJurisdiction('GB', 'United Kingdom');
    await portal.ctx.newJurisdiction('PH', 'Philippines');
    gb = await portal.ctx.newUser('regulator', ['GB']);
    ph = await portal.ctx.newUser('regulator', ['PH']);
    recruiterId = await newRecruiter(
      portal.ctx,
      gb.token,
      'GB',
      { legalName: 'Harbour Lane Care Recruitment Ltd' },
      'authorized',
    );
    await file(
      {
        recruiterId,
        recruiter: undefined,
        categories: ['worker_fees', 'document_retention'],
        description: 'They kept my passport until I paid 1,500 GBP.',
        contact: { name: 'Maria Santos', email: 'maria.santos@mail.example' },
      },
      10,
      'Paid 1500 GBP in cash on 1 October',
    );
    await file({ categories: ['misleading_information'], fees: undefined }, 3);
    await file({ categories: ['fraud'], fees: undefined }, 0);
    page = await portal.newPage();
    await logIn(page, gb.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await portal?.close();
  }, CLOSE_TIMEOUT_MS);

  it('shows the queue oldest first with each complaint’s age, and filters through the URL', async () => {
    await page.goto('/console/complaints');
    const rows = page.locator('.queue-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain(filed[0].reference);
    expect(texts[0]).toContain('10 days');
    expect(texts[0]).toContain('Fees charged to the worker, Documents kept by the recruiter');
    expect(texts[0]).toContain('Harbour Lane Care Recruitment Ltd');
    expect(texts[1]).toContain(filed[1].reference);
    expect(texts[1]).toContain('3 days');
    expect(texts[2]).toContain(filed[2].reference);
    expect(texts[2]).toContain('0 days');
    expect(texts.every((text) => text.includes('Received'))).toBe(true);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(
      'Complaints found: 3',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cases-queue-desktop');

    await page.getByLabel('Received at least this many days ago').fill('5');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/olderThanDays=5/);
    await page.getByText('Complaints found: 1').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(filed[0].reference)]);

    await page.goto('/console/complaints?category=fraud');
    await page.getByText('Complaints found: 1').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(filed[2].reference)]);
    await expect(page.getByLabel('Category').inputValue()).resolves.toBe('fraud');

    await page.goto(`/console/complaints?recruiterId=${recruiterId}&status=received`);
    await page.getByText('Complaints found: 1').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(filed[0].reference)]);

    // A bad filter is named, not a blank page.
    await page.goto('/console/complaints?recruiterId=not-a-uuid');
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-error').textContent()).toContain('recruiterId');
  });

  it('opens the case file: what the worker said, fees, contact, evidence', async () => {
    await page.goto('/console/complaints');
    await page.getByRole('link', { name: filed[0].reference }).click();
    await page
      .getByRole('heading', { level: 1, name: `Complaint ${filed[0].reference}` })
      .waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('They kept my passport until I paid 1,500 GBP.');
    expect(text).toContain('£1,500.00');
    expect(text).toContain('Maria Santos');
    expect(text).toContain('maria.santos@mail.example');
    expect(text).toContain('Harbour Lane Care Recruitment Ltd');
    expect(text).toContain('Received on');
    expect(text).toContain('(10 days ago)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cases-case-desktop');
  });

  it('downloads evidence with the bearer token', async () => {
    const download = await downloadOf(page, () =>
      page.getByRole('button', { name: 'Download note.txt' }).click(),
    );
    expect(download.suggestedFilename()).toBe('note.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe('Paid 1500 GBP in cash on 1 October');
  });

  it('triages with a required reason, showing the API’s error beside the field', async () => {
    // Only the steps the case machine allows from "received".
    const choices = await page
      .getByRole('radio')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(choices).toEqual(['triaged', 'referred', 'withdrawn']);
    await page.getByRole('radio', { name: /^Triaged/ }).check();
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Some fields need attention').waitFor();
    expect(await page.locator('.field-invalid .field-error').textContent()).toContain('reason');
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByRole('textbox', { name: 'Reason', exact: true })
      .fill('Fees and a kept passport.');
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Done. The complaint is now: Triaged.').waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('Fees and a kept passport.');
    const rows = await portal.ctx.db.query<{ status: string }[]>(
      `SELECT status FROM complaints WHERE id = $1`,
      [filed[0].id],
    );
    expect(rows[0].status).toBe('triaged');
  });

  it('sends a message the complainant reads with the reference and receipt code', async () => {
    const message = 'Please send us the receipt for the 1,500 GBP, if you have it.';
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill(message);
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByText('Message sent.').waitFor();
    await page.locator('.timeline').getByText(message).waitFor();

    const followUp = await portal.ctx.request('GET', `/api/v1/complaints/${filed[0].reference}`, {
      headers: { 'x-receipt-code': filed[0].receipt },
    });
    expect(followUp.status).toBe(200);
    const timeline = (
      followUp.body as { timeline: { kind: string; by: string; message?: string }[] }
    ).timeline;
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'message', by: 'regulator', message }),
    );
  });

  it('substantiates the complaint and suspends the recruiter in the same decision', async () => {
    await page.getByRole('radio', { name: /^Investigating/ }).check();
    await page
      .getByRole('textbox', { name: 'Reason', exact: true })
      .fill('Opening an investigation.');
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Done. The complaint is now: Investigating.').waitFor();

    await page.getByRole('radio', { name: /^Substantiated/ }).check();
    await page
      .getByRole('textbox', { name: 'Reason', exact: true })
      .fill('Receipts confirm the fee.');
    await page.getByLabel('New status of the recruiter').selectOption('suspended');
    await page
      .getByRole('textbox', { name: 'Reason shown to the public', exact: true })
      .fill('Charged health workers a placement fee.');
    await page.getByLabel('Decision reference (optional)').fill('GB-2026-117');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Done. The complaint is now: Substantiated.').waitFor();

    const recruiter = await portal.ctx.request('GET', `/api/v1/recruiters/${recruiterId}`);
    expect(recruiter.status).toBe(200);
    expect((recruiter.body as { status: string }).status).toBe('suspended');
    // Only "closed" follows a decision.
    const choices = await page
      .getByRole('radio')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(choices).toEqual(['closed']);
  });

  it('shows the dashboard’s charts with the registry’s numbers, each with a table', async () => {
    await page.goto('/console');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('table', { name: /Registered recruiters by status/ }).waitFor();
    await page.getByRole('table', { name: 'Complaints by category' }).waitFor();
    const figures = await page.locator('.figures .card').allTextContents();
    expect(figures).toEqual([
      'Open complaints3',
      'Complaints received3',
      'Complaints closed0',
      'Median time to closenone closed yet',
    ]);
    expect(await rowValue('Complaints by category', /Fees charged to the worker/)).toBe('1');
    expect(await rowValue('Complaints by category', /^Fraud/)).toBe('1');
    expect(await rowValue('Complaints by category', /Unequal treatment/)).toBe('0');
    expect(await rowValue('Complaints by outcome', /^Substantiated/)).toBe('1');
    expect(await rowValue('Complaints by outcome', /^Withdrawn/)).toBe('0');
    // This month's column: the one record, suspended now.
    const months = page
      .getByRole('table', { name: /Registered recruiters by status/ })
      .locator('tbody tr');
    expect(await months.count()).toBe(12);
    const header = await page
      .getByRole('table', { name: /Registered recruiters by status/ })
      .locator('thead th')
      .allTextContents();
    const thisMonth = await months.last().locator('th, td').allTextContents();
    const cell = (name: string) => thisMonth[header.indexOf(name)];
    expect(cell('Suspended')).toBe('1');
    expect(cell('Authorized')).toBe('0');
    expect(cell('Total')).toBe('1');
    // Charts are pictures for the eye only; screen readers read the tables.
    expect(await page.locator('svg.chart-svg[aria-hidden="true"]').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cases-dashboard-desktop');
  });

  it('shows the national report for a period and downloads it as CSV and JSON', async () => {
    await page.goto('/console/reports');
    await page.getByLabel('From').fill(from);
    await page.getByLabel('To').fill(today);
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.waitForURL(new RegExp(`from=${from}&to=${today}`));
    await page.getByRole('heading', { level: 2, name: /United Kingdom/ }).waitFor();
    expect(await rowValue('Complaints', 'Complaints received')).toBe('3');
    expect(await rowValue('Complaints', 'about: Fees charged to the worker')).toBe('1');
    expect(await rowValue('Complaints', /^Substantiated/)).toBe('1');
    expect(await rowValue('Complaints', 'Cases closed')).toBe('0');
    expect(await rowValue('Recruiters', 'Sanctions: suspensions')).toBe('1');
    expect(await rowValue('Recruiters', 'New applications registered')).toBe('1');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'cases-report-desktop');

    const csv = await downloadOf(page, () =>
      page.getByRole('button', { name: 'Download CSV' }).click(),
    );
    expect(csv.suggestedFilename()).toBe(`national-report-GB-${from}-${today}.csv`);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\n')[0]).toBe('jurisdiction,from,to,figure,value');
    expect(csvText).toContain(`GB,${from},${today},complaints.received,3`);
    expect(csvText).toContain(`GB,${from},${today},recruiters.sanctions.suspensions,1`);

    const json = await downloadOf(page, () =>
      page.getByRole('button', { name: 'Download JSON' }).click(),
    );
    expect(json.suggestedFilename()).toBe(`national-report-GB-${from}-${today}.json`);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      jurisdiction: string;
      period: { from: string; to: string };
      complaints: { received: number; substantiated: number };
      recruiters: { sanctions: { suspensions: number } };
    };
    expect(report).toMatchObject({
      jurisdiction: 'GB',
      period: { from, to: today },
      complaints: { received: 3, substantiated: 1 },
      recruiters: { sanctions: { suspensions: 1 } },
    });

    // A period that ends before it starts: the API's message beside the field.
    await page.goto(`/console/reports?jurisdiction=GB&from=${today}&to=${from}`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-invalid .field-error').textContent()).toContain(
      'to must not be before from',
    );
  });

  it('refers a complaint to another jurisdiction, naming a code that has no registry', async () => {
    await page.goto(`/console/complaints/${filed[1].id}`);
    await page
      .getByRole('heading', { level: 1, name: `Complaint ${filed[1].reference}` })
      .waitFor();
    await page.getByRole('radio', { name: /^Referred/ }).check();
    await page
      .getByRole('textbox', { name: 'Reason', exact: true })
      .fill('The recruiter works from Manila.');
    await page.getByLabel(/Refer to the registry of/).fill('FR');
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Some fields need attention').waitFor();
    expect(await page.locator('.field-invalid .field-error').textContent()).toContain(
      'FR has no registry here',
    );
    await page.getByLabel(/Refer to the registry of/).fill('PH');
    await page.getByRole('button', { name: 'Record this step' }).click();
    await page.getByText('Referred. The registry of PH now handles this complaint.').waitFor();
    // GB can no longer act on it: no steps, no message form.
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send the message' }).count()).toBe(0);
    const rows = await portal.ctx.db.query<{ jurisdiction: string; status: string }[]>(
      `SELECT jurisdiction, status FROM complaints WHERE id = $1`,
      [filed[1].id],
    );
    expect(rows[0]).toEqual({ jurisdiction: 'PH', status: 'received' });
  });

  it('keeps GB’s complaints from a regulator of another jurisdiction, and anonymous visitors out', async () => {
    const other = await portal.newPage();
    await logIn(other, ph.email, TEST_PASSWORD);
    await other.goto(`/console/complaints/${filed[0].id}`);
    await other.getByRole('heading', { level: 1, name: 'Complaint not available' }).waitFor();
    expect(await other.getByRole('alert').textContent()).toBe(
      'This complaint does not exist, or it is not in a registry your account handles.',
    );
    expect(await other.locator('main').textContent()).not.toContain('Maria Santos');
    // Their queue has the complaint GB referred to them, and nothing else of GB's.
    await other.goto('/console/complaints');
    await other.getByText('Complaints found: 1').waitFor();
    expect(await other.locator('.queue-table tbody tr').allTextContents()).toEqual([
      expect.stringContaining(filed[1].reference),
    ]);

    const anonymous = await portal.newPage();
    for (const path of [
      '/console/complaints',
      `/console/complaints/${filed[0].id}`,
      '/console',
      '/console/reports',
    ]) {
      await anonymous.goto(path);
      await anonymous.waitForURL(/\/console\/login$/);
    }
  });

  it('lets an administrator pick any registry on the dashboard', async () => {
    const admin = await portal.ctx.newUser('admin');
    const adminPage = await portal.newPage();
    await logIn(adminPage, admin.email, TEST_PASSWORD);
    await adminPage.goto('/console');
    await adminPage.getByText('Choose a registry to see its figures.').waitFor();
    await adminPage.getByLabel('Registry', { exact: true }).selectOption('PH');
    await adminPage.waitForURL(/jurisdiction=PH/);
    await adminPage.getByText('Figures for the registry of PH.').waitFor();
    await adminPage.locator('.figures').waitFor();
    expect(await adminPage.locator('.figures .card').first().textContent()).toBe(
      'Open complaints1',
    );
    expect(await axeViolations(adminPage)).toEqual([]);
  });

  it('pages through a long queue and says a capped count as it is (1,000+)', async () => {
    // 1,001 copies of the fraud complaint, received a day earlier, one second apart.
    const columns = (
      await portal.ctx.db.query<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'complaints' AND table_schema = current_schema()`,
      )
    ).map((row) => row.column_name);
    const values = columns.map((column) =>
      column === 'id'
        ? 'gen_random_uuid()'
        : column === 'reference'
          ? `'FR-PAGE-' || lpad(n::text, 4, '0')`
          : column === 'received_at'
            ? `c.received_at - interval '1 day' - make_interval(secs => n)`
            : `c."${column}"`,
    );
    await portal.ctx.db.query(
      `INSERT INTO complaints (${columns.map((c) => `"${c}"`).join(', ')})
       SELECT ${values.join(', ')} FROM complaints c, generate_series(1, 1001) AS n WHERE c.id = $1`,
      [filed[2].id],
    );
    try {
      await page.goto('/console/complaints?category=fraud');
      await page.getByText('Complaints found: 1,000+').waitFor();
      const rows = page.locator('.queue-table tbody tr');
      expect(await rows.count()).toBe(25);
      expect(await rows.first().textContent()).toContain('FR-PAGE-1001');
      expect(await rows.first().textContent()).toContain('1 day');
      await page.getByText('Page 1', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.waitForURL(/page=2/);
      await page.getByText('Page 2', { exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('category')).toBe('fraud');
      expect(await rows.first().textContent()).toContain('FR-PAGE-0976');
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByText('Page 1', { exact: true }).waitFor();
      expect(await rows.first().textContent()).toContain('FR-PAGE-1001');
    } finally {
      await portal.ctx.db.query(`DELETE FROM complaints WHERE reference LIKE 'FR-PAGE-%'`);
    }
  });

  it('fits a 360 px phone with no WCAG 2.1 AA violations on every page', async () => {
    const phone = await portal.newPage({ viewport: PHONE });
    await logIn(phone, gb.email, TEST_PASSWORD);
    const pages: [string, string, string, string][] = [
      ['/console/complaints', 'cases-queue-phone', 'Complaint queue', 'table'],
      [
        `/console/complaints/${filed[0].id}`,
        'cases-case-phone',
        `Complaint ${filed[0].reference}`,
        '.timeline',
      ],
      ['/console', 'cases-dashboard-phone', 'Dashboard', 'table'],
      [
        `/console/reports?jurisdiction=GB&from=${from}&to=${today}`,
        'cases-report-phone',
        'National report',
        'table',
      ],
    ];
    for (const [path, name, heading, content] of pages) {
      await phone.goto(path);
      await phone.getByRole('heading', { level: 1, name: heading }).waitFor();
      await phone.locator(content).first().waitFor();
      expect({ path, violations: await axeViolations(phone) }).toEqual({ path, violations: [] });
      expect({ path, overflows: await overflowsSideways(phone) }).toEqual({
        path,
        overflows: false,
      });
      await screenshot(phone, name);
    }
    expect(portal.pageErrors).toEqual([]);
  });
});

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}
