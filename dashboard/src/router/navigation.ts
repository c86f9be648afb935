import { useEffect, useRef, useState } from 'preact/hooks';

/** A tiny History API router: pushState plus one event so every view re-reads the location. */
const NAVIGATE_EVENT = 'mintHub:navigate';

/** A new object on every navigation (even to the same address), so a view can tell one visit from the next. */
export interface CurrentLocation {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

function read(): CurrentLocation {
  return { pathname: window.location.pathname, search: window.location.search, hash: window.location.hash };
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * Scrolls to `#id` once `ready` (the element is rendered) when the address names it: after an in-app navigation as
 * after a full load, where the browser tried before the data (and the element) arrived. Once per visit: a refresh
 * of the same view leaves the reader's scroll alone. Focus follows, so keyboard and screen-reader users start there.
 */
export function useScrollToFragment(id: string, ready: boolean): void {
  const location = useLocation();
  const scrolledFor = useRef<CurrentLocation | undefined>(undefined);
  useEffect(() => {
    if (!ready || location.hash !== `#${id}` || scrolledFor.current === location) return;
    const target = document.getElementById(id);
    if (target === null) return;
    scrolledFor.current = location;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [id, ready, location]);
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export function useLocation(): CurrentLocation {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

/** Lets a plain click on an in-app link navigate without a reload; modified clicks keep the browser's way. */
export function handleLinkClick(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
