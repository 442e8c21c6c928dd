/**
 * The one way the portal talks to the API (`/api/v1`, same origin). Every failure becomes an
 * `ApiError` carrying the problem document's stable `code` and its field errors, so a form can put
 * each message beside its field and a page can say what went wrong in words.
 */

export const API_BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds to wait, when the API said (429). */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfter = retryAfter;
  }

  /** Messages for one field (`fees[0].amount`), or for a field and everything under it. */
  messagesFor(field: string, includeNested = false): string[] {
    return this.fieldErrors
      .filter(
        (e) =>
          e.field === field ||
          (includeNested && (e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))),
      )
      .map((e) => e.message);
  }
}

/** The network failed or the server answered something that is not the API (offline, proxy page). */
export const NETWORK_ERROR_CODE = 'network_error';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RequestOptions {
  method?: string;
  /** JSON-encoded unless it is FormData, a Blob or a string. */
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function encodeBody(body: unknown, headers: Record<string, string>): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData || body instanceof Blob || typeof body === 'string') return body;
  headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      return new ApiError(
        {
          status: response.status,
          title: problem.title ?? response.statusText,
          detail: problem.detail,
          code: problem.code ?? `http_${response.status}`,
          errors: Array.isArray(problem.errors) ? problem.errors : [],
        },
        retryAfter,
      );
    } catch {
      // fall through: a body that claims JSON and is not
    }
  }
  return new ApiError(
    { status: response.status, title: response.statusText, code: `http_${response.status}` },
    retryAfter,
  );
}

/** Calls the API and returns the full response once it is known to be a success. */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: encodeBody(options.body, headers),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: 'Network error', code: NETWORK_ERROR_CODE });
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Calls the API and parses its JSON answer (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface UploadOptions {
  method?: string;
  token?: string | null;
  headers?: Record<string, string>;
  query?: RequestOptions['query'];
  /** 0..1 as the request body goes out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a body with upload progress (fetch cannot report it), for evidence files and CSV imports.
 * Resolves with the parsed JSON answer; rejects with an ApiError like `api`.
 */
export function upload<T>(path: string, body: FormData | Blob, options: UploadOptions = {}) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', apiUrl(path, options.query));
    xhr.setRequestHeader('accept', 'application/json');
    if (options.token) xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, title: 'Network error', code: NETWORK_ERROR_CODE }));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (response.ok) {
        options.onProgress?.(1);
        resolve(
          xhr.status === 204
            ? (undefined as T)
            : (response.json() as Promise<T>).catch(() => undefined as T),
        );
      } else {
        void toApiError(response).then(reject);
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

/** Saves a response body as a file the browser downloads (evidence, reports, receipts). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name a response's Content-Disposition gives, else `fallback`. */
export function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}
