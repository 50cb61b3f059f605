export { useSession, selectMe, selectRoles, selectToken, type SessionState } from './store';
export { completeSignIn, installSession, refreshMe, sendToSignIn, signOut } from './actions';
export { useRequireSession } from './hooks';
export { SignInScreen } from './components/SignInScreen';
