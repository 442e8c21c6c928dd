import { useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  /** Load again (after a change the page made). */
  reload(): void;
}

/**
 * Runs `load` when `deps` change, aborting the previous call, so typing fast in a search box never
 * shows an older answer over a newer one.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          error:
            error instanceof ApiError
              ? error
              : new ApiError({ status: 0, title: String(error), code: 'client_error' }),
          loading: false,
        });
      },
    );
    return () => controller.abort();
    // The caller names what `load` depends on in `deps`.
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
