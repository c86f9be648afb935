import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type ResourceState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: unknown };

export interface ResourceHandle<T> {
  readonly state: ResourceState<T>;
  /** Loads again, showing the loading state meanwhile. */
  readonly reload: () => void;
  /**
   * Changes the loaded data in place (after a change the API confirmed), so the view updates at once without
   * a round-trip. Does nothing unless the data is loaded.
   */
  readonly update: (change: (data: T) => T) => void;
}

/**
 * Loads data for a view and re-loads when `deps` change; an answer to a superseded request is dropped
 * (aborted), so switching marketplace quickly never shows the previous marketplace's data.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): ResourceHandle<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // The caller's deps decide when to load again; `attempt` is bumped by reload().
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setState((current) =>
      current.status === 'ready' ? { status: 'ready', data: change(current.data) } : current,
    );
  }, []);
  return { state, reload, update };
}
