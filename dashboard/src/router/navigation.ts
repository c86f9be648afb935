import { useEffect, useState } from 'preact/hooks';

/** A tiny History API router: pushState plus one event so every view re-reads the location. */
const NAVIGATE_EVENT = 'mintHub:navigate';

export interface CurrentLocation {
  readonly pathname: string;
  readonly search: string;
}

function read(): CurrentLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export function useLocation(): CurrentLocation {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
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
