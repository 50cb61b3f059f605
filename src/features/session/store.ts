import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Me, Session } from '@contract/auth.schema';
import { stateStorage } from '@/shared/storage';

export interface SessionState {
  /** Opaque bearer token; null when signed out. */
  token: string | null;
  /** When the token stops working, ISO-8601 instant with offset. */
  expiresAt: string | null;
  /** The signed-in person as last told by the server. */
  me: Me | null;
}

interface SessionActions {
  setSession(session: Session): void;
  setMe(me: Me): void;
  /** Forgets the session on this device (sign-out, 401). */
  clear(): void;
}

const signedOut: SessionState = { token: null, expiresAt: null, me: null };

/** The session, remembered on the device through Taro storage. */
export const useSession = create<SessionState & SessionActions>()(
  persist(
    (set) => ({
      ...signedOut,
      setSession: (session) => set({ token: session.token, expiresAt: session.expiresAt, me: session.user }),
      setMe: (me) => set({ me }),
      clear: () => set(signedOut),
    }),
    {
      name: 'sz.session',
      version: 1,
      storage: createJSONStorage(() => stateStorage),
      partialize: ({ token, expiresAt, me }): SessionState => ({ token, expiresAt, me }),
    },
  ),
);

export const selectToken = (state: SessionState) => state.token;
export const selectMe = (state: SessionState) => state.me;
export const selectRoles = (state: SessionState) => state.me?.roles;

/**
 * Runs `forget` whenever the session changes hands (sign-in, sign-out, another person): a store
 * drops what the last person saw, so it can never show to the next one.
 */
export function onSessionChange(forget: () => void): void {
  useSession.subscribe((state, previous) => {
    if (state.token !== previous.token) forget();
  });
}
