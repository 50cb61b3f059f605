/**
 * jest stand-in for `@tarojs/taro` (the real one needs a platform runtime). In-memory storage,
 * recorded navigation and toasts, page hooks run like effects, and `request` over fetch so msw
 * answers it. `taroTest` lets tests look at what happened and set the current route.
 */
import { useEffect, useRef } from 'react';

type Params = Record<string, string>;
type Callback = (...args: unknown[]) => unknown;

const store = new Map<string, unknown>();
const listeners = new Map<string, Set<Callback>>();

export const taroTest = {
  /** Every navigation, e.g. `{ kind: 'reLaunch', url: '/pages/sign-in/index?redirect=…' }`. */
  navigations: [] as { kind: string; url: string }[],
  /** Every toast title shown. */
  toasts: [] as string[],
  /** The page the app is "on" (path + params), as getCurrentInstance()/useRouter report it. */
  route: { path: '/pages/home/index', params: {} as Params },
  pullDownHandlers: new Set<() => void>(),
  reachBottomHandlers: new Set<() => void>(),
  stoppedPullDown: 0,
  /** The text on the 消息 tab's badge (tab index 1), null when none. */
  tabBadges: {} as Record<number, string | null>,
  /** Template ids of every requestSubscribeMessage, one array per call. */
  subscribeRequests: [] as string[][],
  loginCode: 'test-wechat-code',
  /** How long a navigation takes to land (0: at once). Real platforms land a little later. */
  navigationLatencyMs: 0,
  storage: store,
  /** Opens a route as if navigated to: `/pages/x/index?a=1`. */
  setRoute(url: string) {
    const [path, query = ''] = url.split('?');
    taroTest.route = { path, params: Object.fromEntries(new URLSearchParams(query)) };
  },
  /** Fires the page's pull-down-refresh handlers. */
  pullDown() {
    for (const handler of taroTest.pullDownHandlers) handler();
  },
  /** Fires the page's reach-bottom handlers (scrolled to the end). */
  reachBottom() {
    for (const handler of taroTest.reachBottomHandlers) handler();
  },
  reset() {
    store.clear();
    listeners.clear();
    taroTest.navigations = [];
    taroTest.toasts = [];
    taroTest.pullDownHandlers.clear();
    taroTest.reachBottomHandlers.clear();
    taroTest.stoppedPullDown = 0;
    taroTest.tabBadges = {};
    taroTest.subscribeRequests = [];
    taroTest.loginCode = 'test-wechat-code';
    taroTest.navigationLatencyMs = 0;
    taroTest.setRoute('/pages/home/index');
  },
};

function navigate(kind: string) {
  return (option: { url: string }) => {
    taroTest.navigations.push({ kind, url: option.url });
    const land = () => {
      taroTest.setRoute(option.url);
      return { errMsg: `${kind}:ok` };
    };
    if (taroTest.navigationLatencyMs === 0) return Promise.resolve(land());
    return new Promise((resolve) => setTimeout(() => resolve(land()), taroTest.navigationLatencyMs));
  };
}

export const reLaunch = navigate('reLaunch');
export const navigateTo = navigate('navigateTo');
export const redirectTo = navigate('redirectTo');
export const switchTab = navigate('switchTab');
export function setTabBarBadge(option: { index: number; text: string }) {
  taroTest.tabBadges[option.index] = option.text;
  return Promise.resolve({ errMsg: 'setTabBarBadge:ok' });
}
export function removeTabBarBadge(option: { index: number }) {
  taroTest.tabBadges[option.index] = null;
  return Promise.resolve({ errMsg: 'removeTabBarBadge:ok' });
}
export function requestSubscribeMessage(option: { tmplIds: string[] }) {
  taroTest.subscribeRequests.push([...option.tmplIds]);
  return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' });
}
export const navigateBack = () => Promise.resolve({ errMsg: 'navigateBack:ok' });

export function getCurrentInstance() {
  return { router: { path: taroTest.route.path, params: { ...taroTest.route.params, $taroTimestamp: '1' } }, page: {} };
}

export function useRouter() {
  return getCurrentInstance().router;
}

export function getStorageSync(key: string): unknown {
  return store.has(key) ? store.get(key) : '';
}
export function setStorageSync(key: string, value: unknown): void {
  store.set(key, value);
}
export function removeStorageSync(key: string): void {
  store.delete(key);
}
export function clearStorageSync(): void {
  store.clear();
}

export function showToast(option: { title: string }) {
  taroTest.toasts.push(option.title);
  return Promise.resolve({ errMsg: 'showToast:ok' });
}
export const hideToast = () => Promise.resolve({ errMsg: 'hideToast:ok' });
export const showLoading = () => Promise.resolve({ errMsg: 'showLoading:ok' });
export const hideLoading = () => Promise.resolve({ errMsg: 'hideLoading:ok' });
export const setNavigationBarTitle = () => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' });
export function stopPullDownRefresh() {
  taroTest.stoppedPullDown += 1;
  return Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' });
}

export function login() {
  return Promise.resolve({ code: taroTest.loginCode, errMsg: 'login:ok' });
}

/** Taro.request over fetch (msw intercepts it), with WeChat's callback shape. */
export function request(option: {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
  success?: (res: { data: unknown; statusCode: number; header: Record<string, string>; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
}) {
  const controller = new AbortController();
  const timer = option.timeout ? setTimeout(() => controller.abort('timeout'), option.timeout) : undefined;
  const body = option.data === undefined || typeof option.data === 'string' ? option.data : JSON.stringify(option.data);
  const task = fetch(option.url, {
    method: option.method ?? 'GET',
    headers: option.header,
    body: body as BodyInit | undefined,
    signal: controller.signal,
  })
    .then(async (res) => {
      const data = await res.text();
      option.success?.({
        data,
        statusCode: res.status,
        header: Object.fromEntries(res.headers.entries()),
        errMsg: 'request:ok',
      });
    })
    .catch(() => {
      option.fail?.({
        errMsg:
          controller.signal.aborted && controller.signal.reason === 'timeout' ? 'request:fail timeout' : 'request:fail',
      });
    })
    .finally(() => clearTimeout(timer));
  return Object.assign(task, { abort: () => controller.abort('abort') });
}

// Page lifecycle hooks: run like effects on mount, keeping the latest callback.
function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
export function useDidShow(callback: () => void) {
  const latest = useLatest(callback);
  useEffect(() => {
    latest.current();
  }, [latest]);
}
export const useLoad = useDidShow;
export const useLaunch = useDidShow;
export const useReady = useDidShow;
export function useDidHide(_callback: () => void) {}
export function usePullDownRefresh(callback: () => void) {
  const latest = useLatest(callback);
  useEffect(() => {
    const handler = () => latest.current();
    taroTest.pullDownHandlers.add(handler);
    return () => {
      taroTest.pullDownHandlers.delete(handler);
    };
  }, [latest]);
}
export function useReachBottom(callback: () => void) {
  const latest = useLatest(callback);
  useEffect(() => {
    const handler = () => latest.current();
    taroTest.reachBottomHandlers.add(handler);
    return () => {
      taroTest.reachBottomHandlers.delete(handler);
    };
  }, [latest]);
}

export const eventCenter = {
  on(name: string, fn: Callback) {
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name)!.add(fn);
  },
  off(name: string, fn?: Callback) {
    if (fn) listeners.get(name)?.delete(fn);
    else listeners.delete(name);
  },
  trigger(name: string, ...args: unknown[]) {
    for (const fn of listeners.get(name) ?? []) fn(...args);
  },
};

export const ENV_TYPE = { WEB: 'WEB', WEAPP: 'WEAPP' } as const;
export const getEnv = () => 'WEB';
export const nextTick = (fn: () => void) => setTimeout(fn, 0);
export const pxTransform = (value: number) => `${value}px`;
export function createSelectorQuery() {
  const chain = {
    select: () => chain,
    selectAll: () => chain,
    selectViewport: () => chain,
    boundingClientRect: () => chain,
    scrollOffset: () => chain,
    exec: (cb?: (result: unknown[]) => void) => cb?.([]),
  };
  return chain;
}

const Taro = {
  taroTest,
  reLaunch,
  navigateTo,
  redirectTo,
  switchTab,
  navigateBack,
  setTabBarBadge,
  removeTabBarBadge,
  requestSubscribeMessage,
  getCurrentInstance,
  useRouter,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  clearStorageSync,
  showToast,
  hideToast,
  showLoading,
  hideLoading,
  setNavigationBarTitle,
  stopPullDownRefresh,
  login,
  request,
  useDidShow,
  useLoad,
  useLaunch,
  useReady,
  useDidHide,
  usePullDownRefresh,
  useReachBottom,
  eventCenter,
  ENV_TYPE,
  getEnv,
  nextTick,
  pxTransform,
  createSelectorQuery,
};

export default Taro;
