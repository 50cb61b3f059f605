import './nav-bar.css';

/** WeChat's and 浙政钉's in-app browsers draw their own title bar with a back button. */
const HOST_APP = /MicroMessenger|TaurusApp|DingTalk/i;

function asButton(el: Element | undefined, label: string) {
  if (!(el instanceof HTMLElement)) return;
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', label);
  el.tabIndex = 0;
  el.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      el.click();
    }
  });
}

/**
 * H5: Taro draws `#taro-navigation-bar` (the page's title; 返回 when there is history, 首页 on a
 * page opened directly) because app.config sets `navigationStyle: 'default'`. In a plain browser
 * it gets names and roles for screen readers; inside WeChat or 浙政钉 it is hidden.
 */
export function installNavBar(): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (HOST_APP.test(navigator.userAgent)) {
    root.classList.add('app-in-host');
    return;
  }
  const bar = document.getElementById('taro-navigation-bar');
  if (!bar || bar.dataset.ready) return;
  bar.dataset.ready = '1';
  bar.setAttribute('role', 'banner');
  asButton(bar.getElementsByClassName('taro-navigation-bar-back')[0], '返回');
  asButton(bar.getElementsByClassName('taro-navigation-bar-home')[0], '返回首页');
  const title = bar.getElementsByClassName('taro-navigation-bar-title')[0];
  title?.setAttribute('role', 'heading');
  title?.setAttribute('aria-level', '1');
  for (const svg of Array.from(bar.getElementsByTagName('svg'))) svg.setAttribute('aria-hidden', 'true');
}
