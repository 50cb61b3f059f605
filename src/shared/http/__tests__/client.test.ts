import { http, HttpResponse, delay } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { expireSession } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import { completeSignIn, useSession } from '@/features/session';
import { signInAsDemoUser } from '@/features/session/api';
import { AxiosError } from 'axios';
import { createHttpClient, getJson, toApiError, type ApiError } from '..';
import { taroAdapter } from '../taro-adapter';
import Taro from '@tarojs/taro';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

const clients = {
  'default adapter (H5)': () => createHttpClient(),
  'Taro.request adapter (mini-program)': () => createHttpClient({ adapter: taroAdapter(Taro.request) }),
};

describe.each(Object.entries(clients))('http client with %s', (_name, makeClient) => {
  it('sends the bearer token and returns the body', async () => {
    signInAs('demo-staff');
    const me = (await makeClient().get('/me')).data;
    expect(me).toEqual({ id: 'demo-staff', name: '张伟', unit: '杭州市机关事务管理局·综合处', roles: ['staff'] });
  });

  it('turns an error answer into an ApiError with the contract wording', async () => {
    server.use(http.get('*/api/me', () => errorResponse(403, 'FORBIDDEN'), { once: true }));
    signInAs('demo-staff');
    const error = await failure(makeClient().get('/me'));
    expect(error).toMatchObject({ name: 'ApiError', code: 'FORBIDDEN', status: 403, message: '您没有权限进行此操作' });
  });

  it('shows the generic wording for a code this build does not know', async () => {
    server.use(
      http.get('*/api/me', () => HttpResponse.json({ error: { code: 'BRAND_NEW', message: 'x' } }, { status: 409 }), {
        once: true,
      }),
    );
    const error = await failure(makeClient().get('/me'));
    expect(error).toMatchObject({ code: 'INTERNAL', status: 409, message: '服务暂时不可用，请稍后再试' });
  });

  it('maps an answer without an error body by its status', async () => {
    server.use(
      http.get('*/api/me', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 }), { once: true }),
    );
    expect(await failure(makeClient().get('/me'))).toMatchObject({ code: 'INTERNAL', status: 502 });
    server.use(http.get('*/api/me', () => new HttpResponse('', { status: 404 }), { once: true }));
    expect(await failure(makeClient().get('/me'))).toMatchObject({ code: 'NOT_FOUND', message: '请求的内容不存在' });
  });

  it('reports a failed connection as NETWORK_ERROR', async () => {
    server.use(http.get('*/api/me', () => HttpResponse.error(), { once: true }));
    const error = await failure(makeClient().get('/me'));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败，请检查网络后重试' });
  });
});

describe('timeouts', () => {
  it('reports a slow answer as TIMEOUT (Taro.request adapter)', async () => {
    server.use(
      http.get('*/api/me', async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const client = createHttpClient({ adapter: taroAdapter(Taro.request), timeout: 50 });
    const error = await failure(client.get('/me'));
    expect(error).toMatchObject({ code: 'TIMEOUT', status: 0, message: '请求超时，请稍后重试' });
  });

  // msw's XHR interceptor never fires `timeout` for a mocked answer, so the browser adapter's
  // timeout is checked at the mapping: axios reports it as ECONNABORTED (or ETIMEDOUT).
  it.each(['ECONNABORTED', 'ETIMEDOUT'])('maps the browser adapter’s %s to TIMEOUT', (code) => {
    const error = new AxiosError('timeout of 50ms exceeded', code);
    expect(toApiError(error)).toMatchObject({ code: 'TIMEOUT', message: '请求超时，请稍后重试' });
  });
});

describe('401 anywhere', () => {
  it('sends the person to sign-in and, once signed in, back to where they were', async () => {
    const { token } = signInAs('demo-staff');
    expireSession(token);
    taroTest.setRoute('/pages/messages/index?from=home');

    const error = await failure(getJson('/messages'));

    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    expect(useSession.getState().token).toBeNull();
    expect(taroTest.navigations).toEqual([
      { kind: 'reLaunch', url: '/pages/sign-in/index?redirect=%2Fpages%2Fmessages%2Findex%3Ffrom%3Dhome' },
    ]);

    // The sign-in page hands its `redirect` param back once a sign-in succeeds.
    const { redirect } = taroTest.route.params;
    await completeSignIn(await signInAsDemoUser('demo-staff'), redirect);

    expect(taroTest.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/messages/index?from=home' });
    expect(useSession.getState().me?.name).toBe('张伟');
    await expect(getJson('/me')).resolves.toMatchObject({ id: 'demo-staff' });
  });

  it('navigates once when several calls fail together', async () => {
    taroTest.setRoute('/pages/home/index');
    await Promise.allSettled([getJson('/me'), getJson('/messages'), getJson('/me')]);
    expect(taroTest.navigations).toHaveLength(1);
  });

  it('is left alone by calls that opt out (sign-in itself)', async () => {
    server.use(http.post('*/api/auth/dev', () => errorResponse(401, 'UNAUTHENTICATED'), { once: true }));
    await failure(signInAsDemoUser('demo-staff'));
    expect(taroTest.navigations).toEqual([]);
  });

  it('never sends someone away from a return path outside the app', async () => {
    await completeSignIn(await signInAsDemoUser('demo-guard'), 'https://evil.example/phish');
    expect(taroTest.navigations.at(-1)?.url).toBe('/pages/home/index');
  });
});
