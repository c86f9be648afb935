import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SortState } from '../data/inventory';
import { navigate, useLocation } from './navigation';

/**
 * A view's state in the URL (issue 18): marketplace, period, search, filters and sort are query parameters, so a
 * link can be shared, a reload shows the same rows and the back button undoes a choice. The URL is the only copy:
 * views read their state from it and write changes back through {@link useUrlState}.
 *
 * History: a discrete choice (a marketplace, a period, a filter, a sort) is a `pushState`, so Back undoes it; typing
 * in a search box is a `replaceState`, or every keystroke would be a step to go back through. A value the URL asks
 * for that the view does not offer is corrected with a `replaceState` (the wrong URL is not worth going back to),
 * and the view says so ({@link useUrlCorrections}): never silently replaced.
 */

/** A string sets the parameter, a list sets one value per entry; `undefined`, `''` and `[]` remove it. */
export type ParamValue = string | readonly string[] | undefined;
export type ParamChanges = Readonly<Record<string, ParamValue>>;
export type HistoryMode = 'push' | 'replace';

/** `search` with `changes` applied; the other parameters stay, in their order. `''` when none is left. */
export function withParams(search: string, changes: ParamChanges): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    params.delete(name);
    const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    for (const entry of values) if (entry !== '') params.append(name, entry);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A value read from the URL: the one shown, and what the URL asked for when that was not on offer. */
export interface CheckedChoice<T> {
  readonly value: T;
  /** The URL's value when it is not one of the offered ones (it was replaced by `value`). */
  readonly rejected?: string;
}

/**
 * The URL's choice if it is offered, else `fallback`. A number option matches its numeric value (`30`, `30.0`); an
 * absent or empty value is no choice (the fallback, nothing rejected).
 */
export function checkChoice<T extends string | number>(
  asked: string | null | undefined,
  offered: readonly T[],
  fallback: T,
): CheckedChoice<T> {
  if (asked === null || asked === undefined || asked.trim() === '') return { value: fallback };
  const found = offered.find((option) =>
    typeof option === 'number' ? option === Number(asked) : option === asked,
  );
  return found === undefined ? { value: fallback, rejected: asked } : { value: found };
}

const DIRECTIONS = { asc: 'ascending', desc: 'descending' } as const;

/** `?sort=daysOfCover&dir=desc`; an unknown key or direction falls back to the view's opening order. */
export function sortFromParams<K extends string>(
  params: URLSearchParams,
  keys: readonly K[],
  fallback: SortState<K>,
): SortState<K> {
  const key = keys.find((candidate) => candidate === params.get('sort'));
  if (key === undefined) return fallback;
  const dir = params.get('dir');
  const direction = dir === 'asc' || dir === 'desc' ? DIRECTIONS[dir] : fallback.direction;
  return { key, direction };
}

/** The parameters of a sort; none for the view's opening order, so a plain link stays plain. */
export function sortParams<K extends string>(sort: SortState<K>, fallback: SortState<K>): ParamChanges {
  if (sort.key === fallback.key && sort.direction === fallback.direction)
    return { sort: undefined, dir: undefined };
  return { sort: sort.key, dir: sort.direction === 'ascending' ? 'asc' : 'desc' };
}

/**
 * The address after a change: a pushed choice starts a new page state, so a `#fragment` the link came with (the
 * orders view's `#orders-at-risk`) is dropped; a replacement (typing, a correction) keeps it.
 */
export function changedHref(
  location: { readonly pathname: string; readonly search: string; readonly hash: string },
  changes: ParamChanges,
  mode: HistoryMode,
): string {
  return `${location.pathname}${withParams(location.search, changes)}${mode === 'replace' ? location.hash : ''}`;
}

export interface UrlState {
  readonly params: URLSearchParams;
  /** Writes `changes` into the URL (`push` for a choice, `replace` for typing); every view re-reads it. */
  set(changes: ParamChanges, mode: HistoryMode): void;
}

export function useUrlState(): UrlState {
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  // Read from window.location, not the rendered copy: two changes in one event both land.
  const set = useCallback((changes: ParamChanges, mode: HistoryMode) => {
    const href = changedHref(window.location, changes, mode);
    if (href === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    navigate(href, { replace: mode === 'replace' });
  }, []);
  return useMemo(() => ({ params, set }), [params, set]);
}

/** A URL value the view replaced: `param` asked for `asked`, the view shows `value`. */
export interface UrlCorrection {
  readonly param: string;
  readonly asked: string;
  readonly value: string;
}

/**
 * Writes the corrections into the URL (`replaceState`) and keeps them to be said on the page. Each one is shown while
 * its parameter still holds the corrected value: once the reader picks another, the notice would be stale and goes.
 */
export function useUrlCorrections(corrections: readonly UrlCorrection[]): {
  readonly shown: readonly UrlCorrection[];
  dismiss(): void;
} {
  const { params, set } = useUrlState();
  const [kept, setKept] = useState<readonly UrlCorrection[]>([]);
  const key = corrections.map((c) => `${c.param}\u0000${c.asked}\u0000${c.value}`).join('\u0001');
  useEffect(() => {
    if (corrections.length === 0) return;
    setKept((current) => [
      ...current.filter((old) => !corrections.some((correction) => correction.param === old.param)),
      ...corrections,
    ]);
    set(Object.fromEntries(corrections.map((c) => [c.param, c.value])), 'replace');
    // `key` stands for the list's content: a new array of the same corrections is no new correction.
  }, [key, set]);
  const shown = kept.filter((correction) => params.get(correction.param) === correction.value);
  return { shown, dismiss: () => setKept([]) };
}
