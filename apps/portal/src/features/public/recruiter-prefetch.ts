import { api } from '../../api/client';
import type { Recruiter } from './types';

/**
 * The recruiter page's own API call, started by its route as soon as the navigation starts, in
 * parallel with downloading the page's code and words, rather than after them. On a slow phone
 * link that is one round trip less before the page shows (docs/benchmarks.md, portal).
 */
const started = new Map<string, Promise<Recruiter>>();

export function prefetchRecruiter(id: string): void {
  if (started.has(id)) return;
  const call = api<Recruiter>(`/recruiters/${encodeURIComponent(id)}`);
  call.catch(() => undefined); // handled by whoever takes it; never an unhandled rejection
  started.set(id, call);
}

/** The call already under way for `id` (once), else a new one. */
export function loadRecruiter(id: string, signal: AbortSignal): Promise<Recruiter> {
  const call = started.get(id);
  started.delete(id);
  return call ?? api<Recruiter>(`/recruiters/${encodeURIComponent(id)}`, { signal });
}
