import axios, { AxiosError, AxiosHeaders, CanceledError, type AxiosAdapter, type AxiosResponse } from 'axios';
import type Taro from '@tarojs/taro';

type TaroRequest = typeof Taro.request;
type Method = NonNullable<Taro.request.Option['method']>;

/**
 * A small axios adapter over `Taro.request`, for platforms where axios has none (mini-programs).
 * axios still does everything else: it serialises the body before and parses JSON after, so the
 * request goes out as the string axios made and the answer comes back as raw text.
 */
export function taroAdapter(request: TaroRequest): AxiosAdapter {
  return (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        config.signal?.removeEventListener?.('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        task?.abort();
        finish(() => reject(new CanceledError(undefined, undefined, config)));
      };
      if (config.signal?.aborted) {
        reject(new CanceledError(undefined, undefined, config));
        return;
      }

      const headers = AxiosHeaders.from(config.headers).normalize(true).toJSON(true) as Record<string, string>;
      const task = request({
        url: axios.getUri(config),
        method: (config.method ?? 'get').toUpperCase() as Method,
        header: headers,
        data: config.data,
        timeout: config.timeout || undefined,
        dataType: 'text',
        responseType: 'text',
        success(res) {
          const response: AxiosResponse = {
            data: res.data,
            status: res.statusCode,
            statusText: '',
            headers: AxiosHeaders.from((res.header ?? {}) as Record<string, string>),
            config,
            request: task,
          };
          const validate = config.validateStatus;
          finish(() => {
            if (!validate || validate(res.statusCode)) resolve(response);
            else
              reject(
                new AxiosError(
                  `Request failed with status code ${res.statusCode}`,
                  res.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
                  config,
                  task,
                  response,
                ),
              );
          });
        },
        fail(err) {
          const text = err?.errMsg ?? '';
          const timedOut = /time\s*out/i.test(text);
          finish(() =>
            reject(
              new AxiosError(
                timedOut ? `timeout of ${config.timeout}ms exceeded` : text || 'Network Error',
                timedOut ? AxiosError.ECONNABORTED : AxiosError.ERR_NETWORK,
                config,
                task,
              ),
            ),
          );
        },
      });
      config.signal?.addEventListener?.('abort', onAbort);
    });
}
