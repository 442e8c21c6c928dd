import type { TestContext } from './test-app.js';

let counter = 0;

/** A valid registration body; override what the test is about. */
export function recruiterInput(jurisdiction: string, overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    jurisdiction,
    registrationNumber: `${jurisdiction}-T-${Date.now() % 100000}-${counter}`,
    kind: 'recruiter',
    sector: 'private',
    legalName: `Testwood Care Staffing ${counter} Ltd`,
    domains: [`testwood${counter}.example`],
    ...overrides,
  };
}

/** Registers through the API and optionally moves the record to a status. */
export async function newRecruiter(
  ctx: TestContext,
  token: string,
  jurisdiction: string,
  overrides: Record<string, unknown> = {},
  status?: 'authorized' | 'refused' | 'suspended' | 'revoked',
) {
  const created = await ctx.request('POST', '/api/v1/recruiters', {
    token,
    body: recruiterInput(jurisdiction, overrides),
  });
  if (created.status !== 201) throw new Error(`register failed: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const path =
    status === 'suspended' || status === 'revoked'
      ? ['authorized', status]
      : status
        ? [status]
        : [];
  for (const next of path) {
    const res = await ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
      token,
      body: { status: next, reason: `test: ${next}` },
    });
    if (res.status !== 200) throw new Error(`status failed: ${res.status} ${res.text}`);
  }
  return id;
}
