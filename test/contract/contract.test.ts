import { setupServer } from 'msw/node';
import { handlers, resetMockState } from '../../mock/handlers';
import { createTestApp, type TestApp } from '../../bff/test/support/test-app';
import { createApiClient } from './api-client';
import { rules } from './rules';
import { scenarios } from './scenarios';

// Scenarios only see a base URL: the mock target is intercepted by msw, the BFF one is a real socket.
// The server's rules (rules.ts) run against the BFF only: the mocks do not re-implement them.
const MOCK_BASE = 'http://mock.contract.test/api';

describe('contract: msw mocks', () => {
  const server = setupServer(...handlers(MOCK_BASE));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => resetMockState());
  afterAll(() => server.close());

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    await scenario.run(createApiClient(MOCK_BASE));
  });
});

describe('contract: real BFF', () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await createTestApp();
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `${address}/api`;
  });
  afterEach(async () => {
    await t.close();
  });

  it.each([...scenarios, ...rules].map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    await scenario.run(createApiClient(base));
  });
});
