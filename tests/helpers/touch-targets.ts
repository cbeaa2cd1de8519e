// Measures a page as a finger meets it: controls too small to touch, or lying off the screen.
import type { Page } from 'playwright-core';

export interface Offender {
  what: string;
  width: number;
  height: number;
  left: number;
  right: number;
}

/** The smallest target a fingertip hits reliably (WCAG 2.5.5, Apple HIG). */
export const MIN_TOUCH_PX = 44;

/**
 * Every visible control (buttons, links, inputs, selects, options, switches) smaller than 44 px
 * either way, or reaching past the left or right edge of the viewport. A control in a row that
 * scrolls sideways is measured only for size: it is reachable by scrolling.
 */
export function touchOffenders(page: Page): Promise<{ small: Offender[]; offScreen: Offender[] }> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, summary, [role="option"], input:not([type="hidden"])',
    );
    const describe = (el: HTMLElement, r: DOMRect): Offender => ({
      what: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`,
      width: Math.round(r.width),
      height: Math.round(r.height),
      left: Math.round(r.left),
      right: Math.round(r.right),
    });
    const inSideScroller = (el: HTMLElement) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && p.scrollWidth > p.clientWidth) return true;
      }
      return false;
    };
    const small: Offender[] = [];
    const offScreen: Offender[] = [];
    for (const el of controls) {
      // A hidden input (a switch's checkbox, a file chooser's) is touched through its label, measured instead.
      const hidden = el instanceof HTMLInputElement && (getComputedStyle(el).opacity === '0' || el.getBoundingClientRect().width <= 1);
      const target = hidden ? el.closest('label') : el;
      if (!target) continue;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) small.push(describe(target, r));
      if ((r.left < -0.5 || r.right > innerWidth + 0.5) && !inSideScroller(target)) offScreen.push(describe(target, r));
    }
    return { small, offScreen };
  }, MIN_TOUCH_PX);
}
