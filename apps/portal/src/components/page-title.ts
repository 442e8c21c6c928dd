import { useEffect } from 'react';

/** Each page names itself in the tab and for screen readers announcing the navigation. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Fair Recruit`;
  }, [title]);
}
