/** A minimal fetch client: the scenarios speak HTTP exactly as the app does, to any base URL. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ApiClient {
  call<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
}

export function createApiClient(baseUrl: string): ApiClient {
  return {
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null } as never;
    },
  };
}
