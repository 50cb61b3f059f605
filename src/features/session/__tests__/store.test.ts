import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import { getJson } from '@/shared/http';
import { installSession, signOut, useSession } from '..';

const STORAGE_KEY = 'sz.session';

describe('session store', () => {
  it('starts signed out', () => {
    expect(useSession.getState()).toMatchObject({ token: null, expiresAt: null, me: null });
  });

  it('remembers the session on the device through Taro storage', () => {
    const session = signInAs('demo-canteen');
    const saved = JSON.parse(taroTest.storage.get(STORAGE_KEY) as string);
    expect(saved.state).toEqual({ token: session.token, expiresAt: session.expiresAt, me: session.user });
  });

  it('picks a remembered session up again on start', async () => {
    const session = signInAs('demo-guard');
    const remembered = taroTest.storage.get(STORAGE_KEY);
    useSession.setState({ token: null, expiresAt: null, me: null });
    taroTest.storage.set(STORAGE_KEY, remembered);

    await useSession.persist.rehydrate();

    expect(useSession.getState().token).toBe(session.token);
    expect(useSession.getState().me?.name).toBe('赵强');
  });

  it('forgets a session whose time is up when the app starts', () => {
    useSession.setState({ token: 'old', expiresAt: '2020-01-01T00:00:00+08:00', me: null });
    installSession();
    expect(useSession.getState().token).toBeNull();
  });

  it('is empty again in the next test (stores reset after each test)', () => {
    expect(useSession.getState().token).toBeNull();
    expect(taroTest.storage.size).toBe(0);
  });

  it('signs out on the server and on the device, then opens sign-in', async () => {
    const { token } = signInAs('demo-staff');

    await signOut();

    expect(useSession.getState()).toMatchObject({ token: null, me: null });
    expect(JSON.parse(taroTest.storage.get(STORAGE_KEY) as string).state.token).toBeNull();
    expect(taroTest.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/sign-in/index?signedOut=1' });
    // The old token no longer works on the server either.
    await expect(
      getJson('/me', { headers: { Authorization: `Bearer ${token}` }, skipAuthRedirect: true }),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('still signs out on the device when the server cannot be reached', async () => {
    signInAs('demo-staff');
    useSession.setState({ token: 'unknown-to-the-server' });
    await signOut();
    expect(useSession.getState().token).toBeNull();
    expect(taroTest.navigations.at(-1)?.url).toBe('/pages/sign-in/index?signedOut=1');
  });
});
