import { API_BASE } from '@/shared/http';

/**
 * The WebSocket address of an API path. Mini-programs (and jest) have an absolute API base
 * (`https://…/api` → `wss://…/api`); H5 resolves a relative one against the page (socket-url.h5.ts).
 */
export function socketUrl(path: string): string {
  const base = /^https?:\/\//.test(API_BASE) ? API_BASE : `http://localhost${API_BASE}`;
  return `${base.replace(/^http/, 'ws')}${path}`;
}
