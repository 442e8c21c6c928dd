import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { newRecruiter } from '../support/factories.js';
import { complaintId, fileComplaint, postMultipart } from '../complaints/support.js';
import {
  axeViolations,
  overflowsSideways,
  PHONE,
  screenshot,
  startPortal,
  type PortalHarness,
  CLOSE_TIMEOUT_MS,
} from './support.js';

/**
 * A health worker files a complaint through the portal's form (with a fee and a file), keeps the
 * receipt, follows it up with the code as typed, and exchanges messages with the regulator.
 */
describe('portal complaints', () => {
  let portal: PortalHarness;
  let regulator: { token: string };
  let recruiterId: string;
  /** The complaint filed in the first test, followed up in the later ones. */
  const filed = { reference: '', receipt: '' };

  const FEE_PAYER = 'Northgate Care Recruitment';
  const LEGAL_NAME = 'Northgate Care Recruitment Ltd';

  beforeAll(async () => {
    portal = await startPortal();
    await portal.ctx.newJurisdiction('GB', 'United Kingdom');
    regulator = await portal.ctx.newUser('regulator', ['GB']);
    recruiterId = await newRecruiter(
      portal.ctx,
      regulator.token,
      'GB',
      { legalName: LEGAL_NAME },
      'authorized',
    );
  });

  afterAll(async () => {
    await portal?.close();
  }, CLOSE_TIMEOUT_MS);

  const count = async () =>
    Number(
      (await portal.ctx.db.query<{ n: string }[]>('SELECT count(*) AS n FROM complaints'))[0].n,
    );

  /** Asserts the page as it is now is accessible and, on a phone, fits the width. */
  async function checkPage(page: Page, where: string) {
    expect({ where, violations: await axeViolations(page) }).toEqual({ where, violations: [] });
    expect({ where, overflows: await overflowsSideways(page) }).toEqual({
      where,
      overflows: false,
    });
  }

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 2, name }).waitFor();

  const next = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

  /** Walks the form for a registered recruiter with one fee and one file, checking each step. */
  async function fillForRegistered(page: Page, label: string, file: Buffer) {
    await page.goto(`/complaints/new?recruiterId=${recruiterId}`);
    await heading(page, 'Who is the report about?');
    await page.getByText(LEGAL_NAME).waitFor();
    await checkPage(page, `${label} who`);
    await screenshot(page, `complaint-form-who-${label}`);
    await next(page);

    await heading(page, 'What happened?');
    await page.getByLabel('They asked me to pay a fee').check();
    await page
      .getByLabel('Describe what happened')
      .fill('They asked me for a placement fee of 1,500 pounds before the interview.');
    await checkPage(page, `${label} what`);
    await next(page);

    await heading(page, 'The fees you were charged');
    await page.getByLabel('Who asked you to pay?').fill(FEE_PAYER);
    await page.getByLabel('What was it for?').fill('placement fee');
    await page.getByLabel(/^Amount( \*)?$/).fill('1500');
    await page.getByLabel(/^Currency( \*)?$/).selectOption('GBP');
    await page.getByLabel('Date paid').fill('2026-10-01');
    await page.getByLabel('How did you pay?').selectOption('bank_transfer');
    await checkPage(page, `${label} fees`);
    await screenshot(page, `complaint-form-fees-${label}`);
    await next(page);

    await heading(page, 'Evidence');
    await page
      .getByLabel('Add files')
      .setInputFiles({ name: 'payment-request.txt', mimeType: 'text/plain', buffer: file });
    await page.getByText('payment-request.txt').first().waitFor();
    await checkPage(page, `${label} evidence`);
    await next(page);

    await heading(page, 'Can the authority contact you?');
    await checkPage(page, `${label} contact`);
    await next(page);

    await heading(page, 'Check and send');
    await checkPage(page, `${label} review`);
    await screenshot(page, `complaint-form-review-${label}`);
  }

  it('files a complaint about a registered recruiter with a fee and a file, and shows the receipt once', async () => {
    const page = await portal.newPage();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') posts.push(`${request.method()} ${request.url()}`);
    });
    const before = await count();
    // Large enough for the upload to report progress on its way.
    const file = Buffer.from(
      'Message from the recruiter: pay 1500 GBP placement fee to account 12345678.\n'.repeat(4000),
    );
    await fillForRegistered(page, 'desktop', file);

    // Nothing has left the browser before "Send".
    expect(posts).toEqual([]);
    const review = await page.locator('form').innerText();
    expect(review).toContain(LEGAL_NAME);
    expect(review).toContain('£1,500.00');
    expect(review).toContain('payment-request.txt');
    expect(review).toContain('Anonymous: no contact details');

    // Record every value the progress bar shows while the report is sent.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('.upload-progress progress');
        if (bar) seen.push(bar.value);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    await page.getByRole('button', { name: 'Send my report' }).click();
    await page.waitForURL('**/complaints/receipt');
    await page.getByRole('heading', { level: 1, name: 'Your report was received' }).waitFor();

    const progress = await page.evaluate(
      () => (window as unknown as { progressSeen: number[] }).progressSeen,
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.max(...progress)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    filed.reference = (await page.getByTestId('receipt-reference').innerText()).trim();
    filed.receipt = (await page.getByTestId('receipt-code').innerText()).trim();
    expect(filed.reference).toMatch(/^FR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(filed.receipt).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(page.url()).not.toContain(filed.receipt);
    const receiptText = await page.locator('main').innerText();
    expect(receiptText).toContain('Authority of United Kingdom');
    expect(receiptText).toContain('It is shown only once and cannot be recovered');
    // The draft is gone once the report is filed.
    expect(
      await page.evaluate(() => sessionStorage.getItem('fair-recruit.complaint-draft')),
    ).toBeNull();

    // Exactly one submission, with an Idempotency-Key.
    expect(posts).toEqual([`POST ${portal.ctx.baseUrl}/api/v1/complaints`]);
    expect(await count()).toBe(before + 1);
    const [row] = await portal.ctx.db.query<
      {
        recruiter_id: string;
        categories: string[];
        fees: unknown;
        evidence_count: number;
        contact_ciphertext: unknown;
      }[]
    >(
      `SELECT recruiter_id, categories, fees, evidence_count, contact_ciphertext
         FROM complaints WHERE reference = $1`,
      [filed.reference],
    );
    expect(row.recruiter_id).toBe(recruiterId);
    expect(row.categories).toEqual(['worker_fees']);
    const fees = (typeof row.fees === 'string' ? JSON.parse(row.fees) : row.fees) as unknown;
    expect(fees).toEqual([
      {
        chargedBy: FEE_PAYER,
        purpose: 'placement fee',
        amount: 1500,
        currency: 'GBP',
        paidOn: '2026-10-01',
        method: 'bank_transfer',
      },
    ]);
    expect(row.evidence_count).toBe(1);
    expect(row.contact_ciphertext).toBeNull();
    const evidence = await portal.ctx.db.query<{ file_name: string; size_bytes: number }[]>(
      `SELECT e.file_name, e.size_bytes FROM complaint_evidence e
         JOIN complaints c ON c.id = e.complaint_id WHERE c.reference = $1`,
      [filed.reference],
    );
    expect(evidence).toEqual([{ file_name: 'payment-request.txt', size_bytes: file.length }]);

    // Copy puts the exact code on the clipboard and says so.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.ctx.baseUrl });
    await page.getByRole('button', { name: 'Copy the receipt code' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(filed.receipt);

    // The download holds what the worker must keep.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as a text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${filed.reference}.txt`);
    const saved = readFileSync(await download.path(), 'utf8');
    expect(saved).toContain(`Reference: ${filed.reference}`);
    expect(saved).toContain(`Receipt code: ${filed.receipt}`);
    expect(saved).toContain('Authority of United Kingdom');
    expect(saved).toContain(`${portal.ctx.baseUrl}/complaints/follow-up`);

    await checkPage(page, 'receipt desktop');
    await screenshot(page, 'complaint-receipt-desktop');

    // Shown once: coming back to the receipt page in a new tab shows nothing.
    const again = await portal.newPage();
    await again.goto('/complaints/receipt');
    await again.getByText('There is no receipt to show here').waitFor();
    expect(await again.locator('main').innerText()).not.toContain(filed.receipt);
  });

  it('keeps the draft through a reload, shows the API’s field error beside the field on its step, and files once fixed', async () => {
    const page = await portal.newPage();
    const before = await count();
    await page.goto('/complaints/new?adUrl=https%3A%2F%2Fjobs.example%2Fad%2F77');
    await heading(page, 'Who is the report about?');
    // A registered recruiter can be found from the form itself.
    await page.getByLabel('Yes, it is in the register').check();
    await next(page);
    await page.getByText('Choose a recruiter from the register').first().waitFor();
    await page.getByLabel('Find the recruiter in the register').fill('Northgate');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: `Choose: ${LEGAL_NAME}` }).click();
    await page.getByText('You are reporting:').waitFor();
    await page.getByRole('button', { name: 'Choose another recruiter' }).click();
    await page.getByLabel('No, or I don’t know').check();
    // The client's own check first: nothing said about the recruiter.
    await next(page);
    await page.getByText('Give at least one detail').waitFor();
    await page.getByLabel('Name of the recruiter or agency').fill('Bluewater Overseas Placement');
    await next(page);
    await heading(page, 'What happened?');
    expect(await page.getByLabel('Address (URL) of the job ad').inputValue()).toBe(
      'https://jobs.example/ad/77',
    );
    await page.getByLabel('Fraud or a scam').check();
    await page
      .getByLabel('Describe what happened')
      .fill('They promised a nursing job in Leeds that does not exist and took my passport copy.');

    // A reload on a phone loses nothing.
    await page.reload();
    await heading(page, 'What happened?');
    await page.getByText('We restored the report you started in this tab.').waitFor();
    expect(await page.getByLabel('Fraud or a scam').isChecked()).toBe(true);
    expect(await page.getByLabel('Describe what happened').inputValue()).toContain(
      'nursing job in Leeds',
    );
    await next(page);
    await heading(page, 'Evidence');
    await next(page);
    await heading(page, 'Can the authority contact you?');
    // With contact details: the client checks the phone's format.
    await page.getByLabel('With my contact details').check();
    await page.getByLabel('Your phone number').fill('0917 123');
    await next(page);
    await page.getByText('Write the number with its country code').waitFor();
    expect(await page.getByLabel('Your phone number').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Your phone number').fill('');
    await page.getByLabel('Your e-mail address').fill('worker@example.com');
    // Kept for a reload, but never the contact details (a shared computer's next user).
    const kept = await page.evaluate(() => sessionStorage.getItem('fair-recruit.complaint-draft'));
    expect(kept).toContain('nursing job in Leeds');
    expect(kept).not.toContain('worker@example.com');
    await next(page);
    await heading(page, 'Check and send');
    // A reload from here asks for the contact details again, everything else kept.
    await page.reload();
    await heading(page, 'Can the authority contact you?');
    expect(await page.getByLabel('With my contact details').isChecked()).toBe(true);
    expect(await page.getByLabel('Your e-mail address').inputValue()).toBe('');
    await page.getByLabel('Your e-mail address').fill('worker@example.com');
    await next(page);
    await heading(page, 'Check and send');
    expect(await page.locator('main').innerText()).toContain('nursing job in Leeds');

    // The country was left to the API, which cannot tell it from jobs.example: a 400 naming
    // `jurisdiction` takes the worker back to the first step, the message beside the country.
    await page.getByRole('button', { name: 'Send my report' }).click();
    await heading(page, 'Who is the report about?');
    const country = page.getByLabel('Which country’s authority should handle it?');
    await page.getByText('Choose the country whose authority should handle this').waitFor();
    expect(await country.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await country.getAttribute('aria-describedby')) ?? '';
    const described = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy.split(' '),
    );
    expect(described).toContain('Choose the country whose authority should handle this');
    expect(await count()).toBe(before);
    await checkPage(page, 'server field error');
    await screenshot(page, 'complaint-form-field-error-desktop');

    await country.selectOption('GB');
    for (let i = 0; i < 4; i++) await next(page);
    await heading(page, 'Check and send');
    expect(await page.locator('form').innerText()).toContain('worker@example.com');

    // The server files it but the answer is lost on the way back: the worker sees a network
    // error, presses Send again, and gets the first answer (same Idempotency-Key), not a second case.
    let lost: { reference: string; receipt: string } | null = null;
    await page.route('**/api/v1/complaints', async (route) => {
      if (lost === null) {
        const answer = await route.fetch();
        lost = (await answer.json()) as { reference: string; receipt: string };
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.getByRole('button', { name: 'Send my report' }).click();
    await page.getByText('We could not reach the server').waitFor();
    await page.getByText('it will not be sent twice').waitFor();
    expect(await count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Send my report' }).click();
    await page.waitForURL('**/complaints/receipt');
    const reference = (await page.getByTestId('receipt-reference').innerText()).trim();
    expect(lost).not.toBeNull();
    expect(reference).toBe(lost!.reference);
    expect((await page.getByTestId('receipt-code').innerText()).trim()).toBe(lost!.receipt);
    expect(await count()).toBe(before + 1);
    const [row] = await portal.ctx.db.query<
      { jurisdiction: string; ad_url: string; contact_ciphertext: unknown; fees: unknown }[]
    >(
      'SELECT jurisdiction, ad_url, contact_ciphertext, fees FROM complaints WHERE reference = $1',
      [reference],
    );
    expect(row.jurisdiction).toBe('GB');
    expect(row.ad_url).toBe('https://jobs.example/ad/77');
    // Contact details are stored sealed, never in clear.
    expect(row.contact_ciphertext).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain('worker@example.com');
  });

  it('puts the API’s refusal of a fee amount and of a file beside them, on their steps', async () => {
    const page = await portal.newPage();
    const before = await count();
    await page.goto(`/complaints/new?recruiterId=${recruiterId}`);
    await page.getByText(LEGAL_NAME).waitFor();
    await next(page);
    await page.getByLabel('They asked me to pay a fee').check();
    await page
      .getByLabel('Describe what happened')
      .fill('A training fee was taken from my first salary without my consent.');
    await next(page);
    await page.getByLabel('Who asked you to pay?').fill(FEE_PAYER);
    await page.getByLabel('What was it for?').fill('training');
    // Five decimals: the form takes it, the API (at most four) does not.
    await page.getByLabel(/^Amount( \*)?$/).fill('12.34567');
    await page.getByLabel(/^Currency( \*)?$/).selectOption('EUR');
    await next(page);
    await heading(page, 'Evidence');
    await next(page);
    await next(page);
    await page.getByRole('button', { name: 'Send my report' }).click();
    await heading(page, 'The fees you were charged');
    const amount = page.getByLabel(/^Amount( \*)?$/);
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await amount.getAttribute('aria-describedby')) ?? '').split(' ').pop()!;
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toBe(
      'Write the amount in figures, for example 1500 or 1500.50.',
    );
    expect(await count()).toBe(before);

    // Fixed, then a "photo" that is not an image: the API reads files by their content.
    await amount.fill('12.35');
    await next(page);
    await page.getByLabel('Add files').setInputFiles({
      name: 'contract.png',
      mimeType: 'image/png',
      // A PNG signature followed by nothing an image decoder can read.
      buffer: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(64, 7),
      ]),
    });
    await next(page);
    await next(page);
    await page.getByRole('button', { name: 'Send my report' }).click();
    await heading(page, 'Evidence');
    const item = page.locator('.file-list li', { hasText: 'contract.png' });
    expect(await item.locator('.field-error').innerText()).toContain(
      'This type of file is not accepted',
    );
    expect(await count()).toBe(before);
    await checkPage(page, 'server file error');
  });

  it('follows the complaint up with the code typed in lower case with spaces, and exchanges messages with the regulator', async () => {
    expect(filed.reference).not.toBe('');
    const id = await complaintId(portal.ctx, filed.reference);
    const fromRegulator = 'Thank you. Could you send the bank transfer receipt?';
    const sent = await portal.ctx.request('POST', `/api/v1/regulator/complaints/${id}/messages`, {
      token: regulator.token,
      body: { message: fromRegulator },
    });
    expect(sent.status).toBe(201);

    const page = await portal.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto('/complaints/follow-up');
    await page.getByRole('heading', { level: 1, name: 'Follow up a report' }).waitFor();
    await checkPage(page, 'follow-up form desktop');
    await screenshot(page, 'complaint-follow-up-form-desktop');

    const typed = filed.receipt.toLowerCase().replace(/-/g, ' ');
    await page.getByLabel('Reference').fill(filed.reference.toLowerCase());
    await page.getByLabel('Receipt code').fill(` ${typed} `);
    await page.getByRole('button', { name: 'Show my report' }).click();
    await page.getByRole('heading', { level: 1, name: filed.reference }).waitFor();

    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('Report sent');
    expect(timeline).toContain('Message from the authority');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Received: waiting to be looked at');
    expect(main).toContain('Authority of United Kingdom');
    expect(main).toContain(LEGAL_NAME);
    expect(await page.locator('.message-regulator').innerText()).toContain(fromRegulator);
    expect(await page.getByTestId('evidence-list').innerText()).toContain('payment-request.txt');
    await checkPage(page, 'follow-up view desktop');
    await screenshot(page, 'complaint-follow-up-desktop');

    // The worker replies; the API holds the reply.
    const reply = 'Yes, I attach the receipt of the transfer I made on 1 October.';
    await page.getByLabel('Your message').fill(reply);
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByText('Your message was sent.').waitFor();
    expect(await page.locator('.message-complainant').innerText()).toContain(reply);
    const held = await portal.ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
      token: regulator.token,
    });
    expect(held.status).toBe(200);
    expect(
      (held.body.timeline as { kind: string; by: string; message?: string }[]).filter(
        (e) => e.kind === 'message',
      ),
    ).toEqual([
      expect.objectContaining({ by: 'regulator', message: fromRegulator }),
      expect.objectContaining({ by: 'complainant', message: reply }),
    ]);

    // More evidence, with its progress bar.
    await page.getByLabel('Add files').setInputFiles({
      name: 'transfer-receipt.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Bank transfer 1500 GBP to Northgate, 1 October 2026.\n'),
    });
    await page.getByRole('button', { name: 'Send the files' }).click();
    await page.getByText('Your files were added.').waitFor();
    expect(await page.getByTestId('evidence-list').innerText()).toContain('transfer-receipt.txt');
    const files = await portal.ctx.db.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM complaint_evidence WHERE complaint_id = $1',
      [id],
    );
    expect(Number(files[0].n)).toBe(2);

    // The code travelled only in a header: never in a URL, never kept in storage.
    const canonical = filed.receipt.replace(/-/g, '');
    for (const url of urls) {
      expect(decodeURIComponent(url).toUpperCase().replace(/[\s-]/g, '')).not.toContain(canonical);
    }
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored.toUpperCase().replace(/[\s-]/g, '')).not.toContain(canonical);

    // Closing forgets the code.
    await page.getByRole('button', { name: 'Close and forget the code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow up a report' }).waitFor();
    expect(await page.getByLabel('Receipt code').inputValue()).toBe('');
  });

  it('says one clear thing for a wrong code, whether the reference exists or not', async () => {
    const page = await portal.newPage();
    await page.goto('/complaints/follow-up');
    const wrong = filed.receipt.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const reference of [filed.reference, 'FR-0000-0000']) {
      await page.getByLabel('Reference').fill(reference);
      await page.getByLabel('Receipt code').fill(wrong);
      await page.getByRole('button', { name: 'Show my report' }).click();
      const alert = page.getByRole('alert');
      await alert
        .getByText('No report matches this reference and receipt code. Check both and try again.')
        .waitFor();
      expect(await page.locator('main').innerText()).not.toContain('Received: waiting');
    }
    await checkPage(page, 'follow-up wrong code');
  });

  it('shows a closed case as closed, with its decision in words but not the regulator’s internal reasons, and offers no reply the API would refuse', async () => {
    const filedByApi = await fileComplaint(portal.ctx, { recruiter: undefined, recruiterId });
    const id = await complaintId(portal.ctx, filedByApi.reference);
    // Reasons belong to the case file: the worker must never read them.
    const reasons = {
      triaged: 'Internal: fee pattern matches two other reports about this recruiter.',
      unsubstantiated: 'Internal: bank records show the employer refunded the fee in full.',
      closed: 'Internal: nothing left to do after the decision.',
    };
    const move = async (status: keyof typeof reasons) => {
      const res = await portal.ctx.request(
        'POST',
        `/api/v1/regulator/complaints/${id}/transitions`,
        { token: regulator.token, body: { status, reason: reasons[status] } },
      );
      expect({ status, code: res.status, now: res.body.status }).toEqual({
        status,
        code: 200,
        now: status,
      });
    };
    await move('triaged');
    await move('unsubstantiated');
    // What the authority chooses to tell the worker, it says in a message.
    const explanation =
      'We found that the fee was refunded to you, so we did not uphold the report.';
    const told = await portal.ctx.request('POST', `/api/v1/regulator/complaints/${id}/messages`, {
      token: regulator.token,
      body: { message: explanation },
    });
    expect(told.status).toBe(201);

    const follow = async (
      page: Page,
      labels = { reference: 'Reference', code: 'Receipt code' },
    ) => {
      await page.goto('/complaints/follow-up');
      await page.getByLabel(labels.reference).fill(filedByApi.reference);
      await page.getByLabel(labels.code).fill(filedByApi.receipt);
      await page
        .getByRole('button', {
          name: /^(Show my report|Afficher mon signalement|Ver mi denuncia)$/,
        })
        .click();
      await page.getByRole('heading', { level: 1, name: filedByApi.reference }).waitFor();
    };
    const complainantMessages = async () =>
      Number(
        (
          await portal.ctx.db.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM complaint_events
              WHERE complaint_id = $1 AND kind = 'message' AND actor = 'complainant'`,
            [id],
          )
        )[0].n,
      );

    // The worker has the decided (not yet closed) case open when the authority closes it.
    const page = await portal.newPage();
    await follow(page);
    expect(await page.locator('.complaint-status').innerText()).toBe('Not upheld');
    await move('closed');
    await page.getByLabel('Your message').fill('I still think the fee was wrong.');
    await page.getByRole('button', { name: 'Send the message' }).click();
    // The API's refusal in words, not a crash or a raw error.
    await page
      .getByRole('alert')
      .getByText('This report is closed. To add anything, contact the authority directly.')
      .waitFor();
    expect(await page.locator('.message-complainant').count()).toBe(0);
    expect(await complainantMessages()).toBe(0);

    // Opened again: closed, the decision in the timeline, nothing offered that the API refuses.
    await page.getByRole('button', { name: 'Close and forget the code' }).click();
    await follow(page);
    const status = page.locator('.complaint-status');
    expect(await status.innerText()).toBe('Closed');
    expect(await status.getAttribute('data-status')).toBe('closed');
    // The decision beside the status, not only down the timeline.
    expect(await status.locator('xpath=..').innerText()).toBe('Closed — decision: Not upheld');
    const timeline = (await page.getByTestId('timeline').innerText()).split('\n');
    expect(timeline).toEqual(
      expect.arrayContaining([
        'Report sent',
        'Status changed: Checked: being assessed',
        'Status changed: Not upheld',
        'Message from the authority',
        'Status changed: Closed',
      ]),
    );
    // In the order it happened: the decision, then the closing.
    expect(timeline.indexOf('Status changed: Not upheld')).toBeLessThan(
      timeline.indexOf('Status changed: Closed'),
    );
    expect(await page.locator('.message-regulator').innerText()).toContain(explanation);
    expect(await page.getByLabel('Your message').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send the message' }).count()).toBe(0);
    expect(await page.getByLabel('Add files').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send the files' }).count()).toBe(0);
    await page
      .getByText('This report is closed. To add anything, contact the authority directly.')
      .waitFor();
    const main = await page.locator('main').innerText();
    for (const reason of Object.values(reasons)) expect(main).not.toContain(reason);
    await checkPage(page, 'follow-up closed desktop');
    await screenshot(page, 'complaint-follow-up-closed-desktop');

    // The API agrees: closed, no reasons, and a reply or a file is refused.
    const headers = { 'x-receipt-code': filedByApi.receipt };
    const view = await portal.ctx.request('GET', `/api/v1/complaints/${filedByApi.reference}`, {
      headers,
    });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('closed');
    for (const reason of Object.values(reasons)) {
      expect(JSON.stringify(view.body)).not.toContain(reason);
    }
    const reply = await portal.ctx.request(
      'POST',
      `/api/v1/complaints/${filedByApi.reference}/messages`,
      { headers, body: { message: 'One more thing.' } },
    );
    expect({ status: reply.status, code: reply.body.code }).toEqual({
      status: 409,
      code: 'complaint_closed',
    });
    const file = await postMultipart(
      portal.ctx,
      `/api/v1/complaints/${filedByApi.reference}/evidence`,
      {
        files: [{ name: 'late.txt', type: 'text/plain', bytes: Buffer.from('A late receipt.\n') }],
        headers,
      },
    );
    expect({ status: file.status, code: (file.body as { code?: string }).code }).toEqual({
      status: 409,
      code: 'complaint_closed',
    });
    expect(await complainantMessages()).toBe(0);
    const files = await portal.ctx.db.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM complaint_evidence WHERE complaint_id = $1',
      [id],
    );
    expect(Number(files[0].n)).toBe(0);

    // French and Spanish say the same, in their own words.
    for (const [locale, labels, words] of [
      [
        'fr-FR',
        { reference: 'Référence', code: 'Code de reçu' },
        [
          'Clos',
          'Clos — décision : Non fondé',
          'Changement d’état : Non fondé',
          'Changement d’état : Clos',
          'Ce signalement est clos. Pour ajouter quelque chose, contactez directement l’autorité.',
        ],
      ],
      [
        'es-ES',
        { reference: 'Referencia', code: 'Código de recibo' },
        [
          'Cerrada',
          'Cerrada — decisión: No fundada',
          'Cambio de estado: No fundada',
          'Cambio de estado: Cerrada',
          'Esta denuncia está cerrada. Para añadir algo, contacte directamente con la autoridad.',
        ],
      ],
    ] as const) {
      const translated = await portal.newPage({ locale });
      await follow(translated, labels);
      const [closedWord, decided, ...lines] = words;
      const shown = translated.locator('.complaint-status');
      expect({ locale, status: await shown.innerText() }).toEqual({ locale, status: closedWord });
      expect({ locale, summary: await shown.locator('xpath=..').innerText() }).toEqual({
        locale,
        summary: decided,
      });
      const text = (await translated.locator('main').innerText()).split('\n');
      expect({ locale, text }).toEqual({ locale, text: expect.arrayContaining(lines) });
      expect(await translated.locator('form textarea, form input[type="file"]').count()).toBe(0);
    }
  });

  it('fits a 360 px phone with no accessibility violations on every step, the receipt and the follow-up', async () => {
    const page = await portal.newPage({ viewport: PHONE });
    await fillForRegistered(page, 'phone', Buffer.from('A short note about the fee.\n'));
    await page.getByRole('button', { name: 'Send my report' }).click();
    await page.waitForURL('**/complaints/receipt');
    const reference = (await page.getByTestId('receipt-reference').innerText()).trim();
    const receipt = (await page.getByTestId('receipt-code').innerText()).trim();
    await checkPage(page, 'receipt phone');
    await screenshot(page, 'complaint-receipt-phone');

    await page.getByRole('link', { name: 'Follow up your report' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Follow up a report' }).waitFor();
    await checkPage(page, 'follow-up form phone');
    await page.getByLabel('Reference').fill(reference);
    await page.getByLabel('Receipt code').fill(receipt);
    await page.getByRole('button', { name: 'Show my report' }).click();
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    await checkPage(page, 'follow-up view phone');
    await screenshot(page, 'complaint-follow-up-phone');
  });

  it('speaks French, Spanish and Portuguese on the form', async () => {
    const french = await portal.newPage({ locale: 'fr-FR' });
    await french.goto('/complaints/new');
    await heading(french, 'Qui est concerné par le signalement ?');
    const spanish = await portal.newPage({ locale: 'es-ES' });
    await spanish.goto('/complaints/follow-up');
    await spanish.getByRole('heading', { level: 1, name: 'Seguir una denuncia' }).waitFor();
    // As the extension's receipt links to it, in the extension's language.
    const portuguese = await portal.newPage();
    await portuguese.goto('/complaints/follow-up?lang=pt');
    await portuguese.getByRole('heading', { level: 1, name: 'Acompanhar uma denúncia' }).waitFor();
  });

  it('shows no page errors or CSP refusals', () => {
    expect(portal.pageErrors).toEqual([]);
  });
});
