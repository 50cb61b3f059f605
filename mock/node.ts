import { setupServer, type SetupServerApi } from 'msw/node';
import { handlers } from './handlers';

/** An msw server with every handler, for jest and Node scripts. `server.listen({onUnhandledRequest:'error'})`. */
export function createMockServer(...extra: Parameters<typeof setupServer>): SetupServerApi {
  return setupServer(...extra, ...handlers());
}

export const server: SetupServerApi = createMockServer();
