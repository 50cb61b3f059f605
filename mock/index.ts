export { apiNotFound, errorResponse, handlers } from './handlers';
export { DEMO_PEOPLE, SEED_MESSAGES, type MockPerson } from './data';
export {
  addMessage,
  expireSession,
  mockState,
  openSession,
  resetMockState,
  setAuthProviders,
  toInstant,
  type AuthProviders,
} from './state';
