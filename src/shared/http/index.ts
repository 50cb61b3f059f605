export { ApiError, errorMessage, isApiError } from './errors';
export {
  API_BASE,
  bindHttp,
  createHttpClient,
  getJson,
  http,
  postJson,
  toApiError,
  unbindHttp,
  type HttpBindings,
} from './client';
