const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.hidden);
}

/**
 * Where Tab goes inside a trap: from the last element back to the first (and Shift+Tab the other way), or
 * undefined to let the browser move focus normally.
 */
export function wrapFocusIndex(current: number, count: number, backwards: boolean): number | undefined {
  if (count === 0) return undefined;
  if (current === -1) return backwards ? count - 1 : 0;
  if (backwards && current === 0) return count - 1;
  if (!backwards && current === count - 1) return 0;
  return undefined;
}
