import type { TestContext, TestResponse } from '../support/test-app.js';

let counter = 0;

/** A valid anonymous complaint about an unregistered recruiter; override what the test is about. */
export function complaintInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    recruiter: {
      name: `Bluewater Overseas Placement ${counter}`,
      website: 'bluewater-jobs.example',
    },
    jurisdiction: 'GB',
    categories: ['worker_fees'],
    description: `They asked me for a placement fee of 1,500 GBP before the interview (case ${counter}).`,
    fees: [
      {
        chargedBy: 'Bluewater Overseas Placement',
        purpose: 'placement fee',
        amount: 1500,
        currency: 'GBP',
        paidOn: '2026-10-01',
        method: 'bank_transfer',
      },
    ],
    ...overrides,
  };
}

export interface FileToSend {
  name: string;
  type?: string;
  bytes: Uint8Array;
}

/** multipart/form-data through fetch: the JSON in `complaint`, files in `evidence`. */
export async function postMultipart(
  ctx: TestContext,
  path: string,
  parts: { complaint?: unknown; files: FileToSend[]; headers?: Record<string, string> },
): Promise<TestResponse> {
  const form = new FormData();
  if (parts.complaint !== undefined) form.append('complaint', JSON.stringify(parts.complaint));
  for (const file of parts.files) {
    form.append(
      'evidence',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  const response = await fetch(`${ctx.baseUrl}${path}`, {
    method: 'POST',
    body: form,
    headers: parts.headers,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export async function fileComplaint(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await ctx.request('POST', '/api/v1/complaints', {
    body: complaintInput(overrides),
    headers,
  });
  if (res.status !== 201) throw new Error(`complaint failed: ${res.status} ${res.text}`);
  return res.body as {
    reference: string;
    receipt: string;
    jurisdiction: string;
    authority: { name: string };
    status: string;
  };
}

/** The complaint's id, as a regulator reaches it (from the queue). */
export async function complaintId(ctx: TestContext, reference: string): Promise<string> {
  const rows = await ctx.db.query<{ id: string }[]>(
    `SELECT id FROM complaints WHERE reference = $1`,
    [reference],
  );
  if (!rows[0]) throw new Error(`no complaint ${reference}`);
  return rows[0].id;
}
