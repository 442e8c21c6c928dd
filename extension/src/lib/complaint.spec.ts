/**
 * @jest-environment node
 */
import {
  complaintBody,
  formFromPrefill,
  submitComplaint,
  type ComplaintForm,
} from './complaint.js';

const FORM: ComplaintForm = {
  recruiterName: ' Quickfly Overseas Placements ',
  website: '',
  email: 'quickflyjobs@gmail.com',
  phone: '',
  jurisdiction: 'gb',
  categories: ['worker_fees'],
  description: 'They asked me for a placement fee of USD 1,500 before the interview.',
  adUrl: 'https://jobs.example/9003',
};

describe('formFromPrefill', () => {
  const feeFlag =
    'The ad asks the candidate to pay a fee or deposit. Under the WHO Code, recruitment should be free of charge to health workers. (“a placement fee of USD 1,500”)';

  it("chooses the categories the ad's red flags suggest, by their codes, each once", () => {
    const form = formFromPrefill({
      recruiterName: 'Quickfly Overseas Placements',
      email: 'quickflyjobs@gmail.com',
      adUrl: 'https://jobs.example/9003',
      redFlags: [feeFlag, 'The ad asks the candidate to pay for a visa.', 'Free webmail.'],
      redFlagCodes: ['candidate_fees', 'visa_sponsorship_fee', 'free_webmail'],
    });
    expect(form.categories).toEqual(['worker_fees', 'misleading_information']);
    expect(form).toMatchObject({
      recruiterName: 'Quickfly Overseas Placements',
      email: 'quickflyjobs@gmail.com',
      website: '',
      jurisdiction: '',
      adUrl: 'https://jobs.example/9003',
    });
    expect(form.description).toMatch(/^The ad raised these warnings:\n- The ad asks the candidate/);
    expect(form.description.endsWith('What happened: ')).toBe(true);
  });

  it('maps every red flag the matcher raises, and nothing else', () => {
    const categoriesOf = (code: string) =>
      formFromPrefill({ recruiterName: 'X', redFlags: [], redFlagCodes: [code] }).categories;
    expect(categoriesOf('document_retention')).toEqual(['document_retention']);
    expect(categoriesOf('messaging_app_only')).toEqual(['misleading_information']);
    expect(categoriesOf('safeguards_list_targeting')).toEqual(['safeguards_list_recruitment']);
    for (const code of ['no_such_flag', 'toString', '__proto__', 'candidate fees']) {
      expect(categoriesOf(code)).toEqual([]);
    }
    // A prefill from before codes were sent: no category is guessed from the words.
    expect(formFromPrefill({ recruiterName: 'X', redFlags: [feeFlag] }).categories).toEqual([]);
  });
});

describe('complaintBody', () => {
  it('builds the body the API takes, leaving out empty fields', () => {
    expect(complaintBody(FORM)).toEqual({
      body: {
        recruiter: { name: 'Quickfly Overseas Placements', email: 'quickflyjobs@gmail.com' },
        jurisdiction: 'GB',
        categories: ['worker_fees'],
        description: 'They asked me for a placement fee of USD 1,500 before the interview.',
        adUrl: 'https://jobs.example/9003',
      },
    });
  });

  it('lists what must be fixed: name, category, description length, country code', () => {
    const result = complaintBody({
      ...FORM,
      recruiterName: ' ',
      categories: [],
      description: 'too short',
      jurisdiction: 'GBR',
    });
    expect(result).toEqual({ problems: expect.any(Array) });
    expect('problems' in result && result.problems).toHaveLength(4);
  });
});

describe('submitComplaint', () => {
  it('posts JSON with the idempotency key and returns the reference and receipt', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const answer = {
      reference: 'FR-2026-ABCD',
      receipt: 'secret-receipt',
      jurisdiction: 'GB',
      authority: { name: 'Authority of GB', website: null, email: null },
      status: 'received',
    };
    // The registry is another system: its answer is scripted.
    const fetchStub = (url: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: url as string, init: init ?? {} });
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 201 }));
    };
    const body = (complaintBody(FORM) as { body: Parameters<typeof submitComplaint>[1] }).body;
    const result = await submitComplaint('https://registry.example', body, 'key-1', fetchStub);
    expect(result).toEqual({ ok: true, receipt: answer });
    expect(sent[0].url).toBe('https://registry.example/api/v1/complaints');
    expect(sent[0].init.headers).toMatchObject({ 'idempotency-key': 'key-1' });
    expect(JSON.parse(sent[0].init.body as string)).toEqual(body);
  });

  it('explains a refusal with the fields the registry named', async () => {
    const problem = {
      status: 400,
      detail: 'Invalid input',
      errors: [{ field: 'description', message: 'too short' }],
    };
    const fetchStub = () => Promise.resolve(new Response(JSON.stringify(problem), { status: 400 }));
    const result = await submitComplaint(
      'https://registry.example',
      { recruiter: { name: 'X' }, categories: ['other'], description: 'x'.repeat(20) },
      'key-2',
      fetchStub,
    );
    expect(result).toEqual({
      ok: false,
      message: 'The registry refused the report: Invalid input',
      fields: problem.errors,
    });
  });
});
