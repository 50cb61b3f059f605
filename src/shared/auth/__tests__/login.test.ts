import { setAuthProviders } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import * as h5 from '../login.h5';
import * as weapp from '../login.weapp';
import * as fallback from '../login';

const mockGetAuthCode = jest.fn();
jest.mock('gdt-jsapi/es/getAuthCode', () => ({
  __esModule: true,
  default: (...args: unknown[]) => mockGetAuthCode(...args),
}));

const ZZD_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.10) TaurusApp/2.0.0';
const BROWSER_UA = navigator.userAgent;

function useUserAgent(userAgent: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
}

afterEach(() => {
  useUserAgent(BROWSER_UA);
  mockGetAuthCode.mockReset();
});

describe('sign-in on H5', () => {
  it('recognises 浙政钉 by its user agent', () => {
    expect(h5.isZzdUserAgent(ZZD_UA)).toBe(true);
    expect(h5.isZzdUserAgent('Mozilla/5.0 DingTalk/6.5.0')).toBe(true);
    expect(h5.isZzdUserAgent(BROWSER_UA)).toBe(false);
  });

  it('sends a plain browser to the demo sign-in page without loading gdt-jsapi', async () => {
    expect(h5.signInMethod()).toBe('demo');
    await expect(h5.signIn()).resolves.toEqual({ kind: 'demo' });
    expect(mockGetAuthCode).not.toHaveBeenCalled();
  });

  it('inside 浙政钉 trades the authCode for a session', async () => {
    useUserAgent(ZZD_UA);
    mockGetAuthCode.mockResolvedValue({ code: 'zzd-account-42', expireTime: 0 });

    const outcome = await h5.signIn();

    expect(h5.signInMethod()).toBe('zzd');
    expect(outcome).toMatchObject({ kind: 'session', session: { user: { name: '浙政钉用户', roles: ['staff'] } } });
  });

  it('falls back to the demo page when the server has 浙政钉 sign-in switched off', async () => {
    useUserAgent(ZZD_UA);
    setAuthProviders({ zzd: false });
    mockGetAuthCode.mockResolvedValue({ auth_code: 'zzd-account-42', expireTime: 0 });
    await expect(h5.signIn()).resolves.toEqual({ kind: 'demo' });
  });

  it('reports a 浙政钉 bridge failure in Chinese', async () => {
    useUserAgent(ZZD_UA);
    mockGetAuthCode.mockRejectedValue(new Error('bridge gone'));
    await expect(h5.signIn()).rejects.toMatchObject({
      code: 'AUTH_UPSTREAM_FAILED',
      message: '登录服务暂时不可用，请稍后再试',
    });
  });
});

describe('sign-in on WeChat', () => {
  it('trades the Taro.login code for a session', async () => {
    taroTest.loginCode = 'wx-openid-7';
    const outcome = await weapp.signIn();
    expect(outcome).toMatchObject({ kind: 'session', session: { user: { name: '微信用户', roles: ['visitor'] } } });
  });

  it('falls back to the demo page when WeChat sign-in is switched off', async () => {
    setAuthProviders({ wechat: false });
    await expect(weapp.signIn()).resolves.toEqual({ kind: 'demo' });
  });

  it('passes on a code the server rejects', async () => {
    taroTest.loginCode = 'invalid-code';
    await expect(weapp.signIn()).rejects.toMatchObject({ code: 'AUTH_CODE_INVALID' });
  });
});

describe('sign-in elsewhere (default file)', () => {
  it('uses the demo sign-in page', async () => {
    expect(fallback.signInMethod()).toBe('demo');
    await expect(fallback.signIn()).resolves.toEqual({ kind: 'demo' });
  });
});
