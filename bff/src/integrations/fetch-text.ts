/**
 * One HTTP exchange with a remote under one timer (a remote that sends headers and then stalls is
 * still a timeout). Failures say only what happened, never the URL: some remotes take secrets in
 * the query (WeChat's token, 浙政钉's gettoken).
 */
export class RemoteUnreachable extends Error {}

export async function fetchText(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, text: await response.text() };
  } catch {
    // The fetch error is dropped, not wrapped: it may carry the URL.
    throw new RemoteUnreachable(controller.signal.aborted ? `timeout after ${timeoutMs} ms` : 'unreachable');
  } finally {
    clearTimeout(timer);
  }
}

/** Remote codes go into a message only when they look like codes: free text could echo a parameter. */
export function safeCode(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(text) ? text : '?';
}
