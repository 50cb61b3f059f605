import { API_BASE } from '@/shared/http';

/** H5: the API is usually same-origin (`/api`), so the socket goes to this page's host. */
export function socketUrl(path: string): string {
  if (/^https?:\/\//.test(API_BASE)) return `${API_BASE.replace(/^http/, 'ws')}${path}`;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${API_BASE}${path}`;
}
