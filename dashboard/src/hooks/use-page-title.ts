import { useEffect } from 'preact/hooks';

/** Each view names the tab, so history entries and screen-reader announcements say where you are. */
export function usePageTitle(title: string, appTitle: string): void {
  useEffect(() => {
    document.title = title === appTitle ? appTitle : `${title} · ${appTitle}`;
  }, [title, appTitle]);
}
