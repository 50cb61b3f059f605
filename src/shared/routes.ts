import Taro from '@tarojs/taro';

/** Main-package pages. Module pages live in subpackages: `/packages/<module>/pages/...`. */
export const PAGES = {
  home: '/pages/home/index',
  messages: '/pages/messages/index',
  profile: '/pages/profile/index',
  signIn: '/pages/sign-in/index',
} as const;

const RETURNABLE = /^\/(pages|packages)\/[\w\-/]+$/;

/** A query string from params, skipping empty values; `''` when there are none. */
export function toQuery(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/**
 * Where the person is now, as a path with its query (`/pages/messages/index?tab=1`), for coming back
 * after sign-in. Taro's own bookkeeping params ($taroTimestamp, stamp) are dropped.
 */
export function currentRoute(): string {
  const router = Taro.getCurrentInstance()?.router;
  const path = (router?.path ?? '').split('?')[0];
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(router?.params ?? {})) {
    if (key.startsWith('$taro') || key === 'stamp' || typeof value !== 'string') continue;
    params[key] = value;
  }
  return `${path.startsWith('/') ? path : `/${path}`}${toQuery(params)}`;
}

/** A return path that is safe to open: one of our pages (never sign-in itself), else home. */
export function safeReturnPath(raw: string | undefined): string {
  if (!raw) return PAGES.home;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return PAGES.home;
  }
  const [path] = decoded.split('?');
  if (!RETURNABLE.test(path) || path === PAGES.signIn) return PAGES.home;
  return decoded;
}

export function isSignInRoute(route: string): boolean {
  return route.split('?')[0] === PAGES.signIn;
}
