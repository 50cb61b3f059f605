import type { Session } from '@contract/auth.schema';
import { openSession } from '../../mock/state';
import { useSession } from '@/features/session/store';

/** Signs a mock person in (server and device), as if they had used the sign-in page. */
export function signInAs(personId: string): Session {
  const session = openSession(personId);
  useSession.getState().setSession(session);
  return session;
}
