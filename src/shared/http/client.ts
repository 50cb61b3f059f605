import axios, { type AxiosAdapter, type AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { platformAdapter } from './adapter';
import { ApiError, codeForStatus, codeFromBody, isApiError } from './errors';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Do not send the person to sign-in on 401 (sign-in and sign-out calls answer 401 themselves). */
    skipAuthRedirect?: boolean;
  }
}

/** How the client learns about the session without depending on it (set by the session feature). */
export interface HttpBindings {
  /** The bearer token to send, or null when signed out. */
  getToken(): string | null;
  /** Called once per 401 answer (unless `skipAuthRedirect`), before the call rejects. */
  onUnauthorized(error: ApiError): void;
}

const unbound: HttpBindings = { getToken: () => null, onUnauthorized: () => undefined };
let bindings: HttpBindings = unbound;

export function bindHttp(next: HttpBindings): void {
  bindings = next;
}

export function unbindHttp(): void {
  bindings = unbound;
}

/** `process.env.TARO_APP_API_BASE` is baked in at build time (config/index.ts); same-origin `/api` otherwise. */
export const API_BASE = process.env.TARO_APP_API_BASE || '/api';
export const TIMEOUT_MS = 15_000;

/** Turns whatever axios threw into an ApiError (cancellations pass through untouched). */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  const err = error as AxiosError | undefined;
  const response = err?.response;
  if (response) {
    return new ApiError(codeFromBody(response.data) ?? codeForStatus(response.status), response.status);
  }
  if (err?.code === 'ECONNABORTED' || err?.code === 'ETIMEDOUT') return new ApiError('TIMEOUT', 0);
  if (err?.isAxiosError) return new ApiError('NETWORK_ERROR', 0);
  return new ApiError('INTERNAL', 0);
}

export function createHttpClient(
  options: { baseURL?: string; adapter?: AxiosAdapter; timeout?: number } = {},
): AxiosInstance {
  const instance = axios.create({
    baseURL: options.baseURL ?? API_BASE,
    timeout: options.timeout ?? TIMEOUT_MS,
    headers: { Accept: 'application/json' },
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });

  instance.interceptors.request.use((config) => {
    const token = bindings.getToken();
    if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });

  instance.interceptors.response.use(undefined, (error: unknown) => {
    if (axios.isCancel(error)) throw error;
    const apiError = toApiError(error);
    const config = (error as AxiosError | undefined)?.config as AxiosRequestConfig | undefined;
    if (apiError.status === 401 && !config?.skipAuthRedirect) bindings.onUnauthorized(apiError);
    throw apiError;
  });

  return instance;
}

/** The one client the app uses. */
export const http = createHttpClient({ adapter: platformAdapter });

// getJson / postJson (and other main-package helpers) use promise chains rather than async: the
// ES5 build wraps every async function in a regenerator state machine, paid in the main package.
export function getJson<T>(url: string, config?: AxiosRequestConfig): Promise<T> {
  return http.get<T>(url, config).then((res) => res.data);
}

/**
 * POST with a JSON body; `{}` when there is nothing to send, because wx.request always labels the
 * body application/json and a JSON server rejects an empty body under that label.
 */
export function postJson<T>(url: string, body: unknown = {}, config?: AxiosRequestConfig): Promise<T> {
  return http.post<T>(url, body, config).then((res) => res.data);
}
