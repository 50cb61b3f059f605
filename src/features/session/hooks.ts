import { useEffect } from 'react';
import type { Me } from '@contract/auth.schema';
import { sendToSignIn } from './actions';
import { selectMe, selectToken, useSession } from './store';

/** For pages that need a signed-in person: sends everyone else to sign-in (and back afterwards). */
export function useRequireSession(): Me | null {
  const token = useSession(selectToken);
  const me = useSession(selectMe);
  useEffect(() => {
    if (!token) sendToSignIn();
  }, [token]);
  return token ? me : null;
}
