import Taro from '@tarojs/taro';
import type { Session } from '@contract/auth.schema';
import { bindHttp } from '@/shared/http';
import { PAGES, currentRoute, isSignInRoute, safeReturnPath, toQuery } from '@/shared/routes';
import { isPast } from '@/shared/time';
import { fetchMe, logout } from './api';
import { useSession } from './store';

let redirecting = false;

/** Opens sign-in once, however many callers ask at the same moment. */
function openSignIn(query: Record<string, string | undefined>): Promise<unknown> {
  if (redirecting) return Promise.resolve();
  redirecting = true;
  const done = () => {
    redirecting = false;
  };
  return Taro.reLaunch({ url: `${PAGES.signIn}${toQuery(query)}` }).then(done, done);
}

/**
 * Forgets the session and opens sign-in, remembering where the person was so that signing in
 * brings them back. Several 401s at once lead to one navigation.
 */
export function sendToSignIn(returnTo: string = currentRoute()): void {
  if (isSignInRoute(returnTo)) {
    useSession.getState().clear();
    return;
  }
  // Claim the navigation before clearing: pages that watch the token must not start another.
  const opening = openSignIn({ redirect: returnTo });
  useSession.getState().clear();
  void opening;
}

/** Connects the http client to the session: bearer token out, 401 → sign-in. Called once at start-up. */
export function installSession(): void {
  bindHttp({
    getToken: () => useSession.getState().token,
    onUnauthorized: () => sendToSignIn(),
  });
  const { token, expiresAt } = useSession.getState();
  if (token && isPast(expiresAt)) useSession.getState().clear();
}

/** Keeps the stored person fresh (roles may have changed since the last visit). */
export function refreshMe(): Promise<void> {
  if (!useSession.getState().token) return Promise.resolve();
  return fetchMe().then(
    (me) => useSession.getState().setMe(me),
    () => {
      // A 401 already went to sign-in; anything else: keep what we have and try next time.
    },
  );
}

/** Stores a fresh session and goes back to where the person was before sign-in. */
export function completeSignIn(session: Session, redirect: string | undefined): Promise<unknown> {
  useSession.getState().setSession(session);
  return Taro.reLaunch({ url: safeReturnPath(redirect) });
}

/** Ends the session on the server (best effort) and on this device, then opens sign-in. */
export function signOut(): Promise<void> {
  return logout()
    .catch(() => {
      // Already invalid or offline: forgetting it here is what matters.
    })
    .then(() => {
      const opening = openSignIn({ signedOut: '1' });
      useSession.getState().clear();
      return opening.then(() => undefined);
    });
}
