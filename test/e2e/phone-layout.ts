import type { Page } from 'playwright-core';

/**
 * What the phone-width checks measure in the page itself: how wide the page is against the viewport, the controls
 * in the header and main content shorter than 44 px (the virtualized tables' body rows aside: there the row is the
 * target; a checkbox inside a tall label counts as the label), and what sticks out past the viewport outside a
 * frame that scrolls on its own (named in a failure). The same rules as phone-width.test.ts, for other files.
 */
export async function phoneLayout(
  page: Page,
): Promise<{ scrollWidth: number; small: string[]; overflowing: string[] }> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'header a, header button, header select, main button, main select, main input, main a.button, main .tab, main .overview-link',
    );
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (control.closest('.data-table tbody') !== null) continue;
      if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
        const label = control.closest('label');
        if (label !== null && label.getBoundingClientRect().height >= 44) continue;
      }
      if (box.height < 44)
        small.push(
          `${control.tagName.toLowerCase()} "${control.textContent?.trim() ?? ''}" ${Math.round(box.height)}px`,
        );
    }
    const overflowing: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
      if (element.closest('.table-scroll, .visually-hidden') !== null) continue;
      overflowing.push(
        `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 40) ?? ''}"`,
      );
    }
    return { scrollWidth: document.documentElement.scrollWidth, small, overflowing };
  });
}
