/**
 * H5: each page is a scrolling box of Taro's router (`.taro_page`) that holds few or no focusable
 * controls (taps are on Views), so a keyboard could not scroll it. Every page joins the tab order.
 */
export function installPageFocus(): void {
  if (typeof document === 'undefined') return;
  const router = document.querySelector('.taro_router');
  if (!router) return;
  const focusable = () => {
    for (const page of Array.from(router.children)) {
      if (page instanceof HTMLElement && page.classList.contains('taro_page') && !page.hasAttribute('tabindex')) {
        page.tabIndex = 0;
      }
    }
  };
  focusable();
  new MutationObserver(focusable).observe(router, { childList: true });
}
