import type { AxiosAdapter } from 'axios';

/**
 * Default (H5, jest): no custom adapter, so axios uses its own XHR/fetch adapters.
 * Mini-programs resolve `adapter.weapp.ts` instead (axios has no adapter there).
 */
export const platformAdapter: AxiosAdapter | undefined = undefined;
