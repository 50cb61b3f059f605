/**
 * jest (project `app`): msw answers every request from the mock API and fails on anything
 * unhandled; after each test the handlers, the mock's data, Taro's fake storage/navigation and
 * every zustand store go back to their start.
 */
import { cleanup } from '@testing-library/react';
import { server } from '../mock/node';
import { resetMockState } from '../mock/state';
import { taroTest } from './test-support/taro';
import { installSession } from './features/session/actions';

// Every zustand store resets after each test (src/__mocks__/zustand.ts).
jest.mock('zustand');

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});

beforeEach(() => {
  // What app.tsx does at start-up.
  installSession();
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetMockState();
  taroTest.reset();
});

afterAll(() => {
  server.close();
});
