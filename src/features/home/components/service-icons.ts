/**
 * Each home tile's icon by service id (`contract/modules.ts`): a white line drawing on a 24×24 grid,
 * drawn on the tile's group colour. Only the shapes are stored; the shared <svg> wrapper is added
 * here and the result handed to <Image> as a base64 data URI (WeChat's <image> takes those; it has
 * no btoa, hence the small encoder). A new service adds one line.
 */
const SHAPES: Readonly<Record<string, string>> = {
  menu: '<path d="M3 11h18a9 9 0 0 1-18 0zM8 3c-1 1.3 1 2.7 0 4m4-4c-1 1.3 1 2.7 0 4m4-4c-1 1.3 1 2.7 0 4"/>',
  takeaway: '<path d="M5 8h14l-1 13H6zm4 0V6a3 3 0 0 1 6 0v2"/>',
  'meal-card': '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 10h18M7 15h4"/>',
  headcount: '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 2h6v4H9zm0 11 2 2 4-4"/>',
  'canteen-manage': '<path d="M7 21h10M7 17V13a4 4 0 1 1 2.5-7.6 4 4 0 0 1 5 0A4 4 0 1 1 17 13v4z"/>',
  'canteen-board': '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 9h18M10 9v11"/>',
  parking: '<rect x="4" y="3" width="16" height="18" rx="3"/><path d="M10 17V8h3a2.5 2.5 0 0 1 0 5h-3"/>',
  visitors: '<circle cx="10" cy="8" r="4"/><path d="M3 21a7 7 0 0 1 14 0M20 8v6m-3-3h6"/>',
  gate: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zm-3 9 2 2 4-4"/>',
  repairs: '<path d="M15 3a5 5 0 0 0-4.6 7L3 17.4V21h3.6l7.4-7.4A5 5 0 0 0 21 9l-3.5 1L14 6.5z"/>',
  'repair-tasks': '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 2h6v4H9zm0 10h6m-6 4h4"/>',
  meetings: '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4m8-4v4m-9 8h4"/>',
  mailbox: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
  cockpit: '<path d="M3 21h18M6 17v-5m5 5V6m5 11V9m4 8v-3"/>',
  'meal-card-topup': '<circle cx="12" cy="12" r="9"/><path d="M12 8v8m-4-4h8"/>',
  'people-admin': '<circle cx="9" cy="8" r="4"/><path d="M2 21a7 7 0 0 1 14 0M17 11l2 2 4-4"/>',
  'mailbox-triage': '<path d="M3 13l3-8h12l3 8v6H3zm0 0h5l1 3h6l1-3h5"/>',
  'parking-gate': '<path d="M4 21V5m0 4h16v4H4m4-4v4m4-4v4m4-4v4"/>',
  'parking-admin':
    '<rect x="4" y="3" width="16" height="18" rx="3"/><path d="M10 17V8h3a2.5 2.5 0 0 1 0 5h-3M17 3v4"/>',
};

export const SERVICE_ICON_IDS = Object.keys(SHAPES);

const SVG_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII string. */
export function base64(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | ((text.charCodeAt(i + 1) || 0) << 8) | (text.charCodeAt(i + 2) || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < text.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < text.length ? B64[n & 63] : '=';
  }
  return out;
}

const uris = new Map<string, string>();

/** The icon of service `id` as an image URI, or `''` for a service without one. */
export function serviceIcon(id: string): string {
  const shape = SHAPES[id];
  if (!shape) return '';
  let uri = uris.get(id);
  if (!uri) {
    uri = `data:image/svg+xml;base64,${base64(`${SVG_OPEN}${shape}</svg>`)}`;
    uris.set(id, uri);
  }
  return uri;
}
