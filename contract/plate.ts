/**
 * China's licence plates (车牌): the one rule the app (as a person types) and the BFF (before it
 * stores or decides) share. Dependency-free, so the app imports it as a value.
 *
 * A plate is first normalised the way a gate camera reads it: full-width letters and digits become
 * half-width, spaces and separators (·, -) are dropped, letters are upper case. The normalised text
 * must then have one of these shapes:
 * - regular (7): province + city letter + 5 of letters/digits (never I or O): 浙A12345, 浙AB1234;
 * - special ending (7): province + city letter + 4 letters/digits + 挂/学/警/港/澳/领: 浙A1234学;
 * - new energy, small car (8): province + city letter + A–K (no I) + a letter or digit + 4 digits: 浙AD12345, 浙AFA1234;
 * - new energy, large car (8): province + city letter + 5 digits + D–K (no I): 浙A12345D;
 * - embassy (7): 使 + 6 digits (使014578), or 3 digits + 使 + 3 digits (224使123).
 */

/** Provinces, autonomous regions and municipalities as they lead a plate. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/** Most characters a person may type for one plate (before normalising). */
export const PLATE_INPUT_MAX = 20;

export type PlateKind = 'regular' | 'special' | 'new-energy-small' | 'new-energy-large' | 'embassy';

const P = `[${PLATE_PROVINCES}]`;
/** City letters: A–Z without I (O is used by police plates). */
const CITY = '[A-HJ-Z]';
/** Serial characters: letters without I and O, and digits. */
const SERIAL = '[A-HJ-NP-Z0-9]';

const SHAPES: readonly [PlateKind, RegExp][] = [
  ['regular', new RegExp(`^${P}${CITY}${SERIAL}{5}$`)],
  ['special', new RegExp(`^${P}${CITY}${SERIAL}{4}[挂学警港澳领]$`)],
  ['new-energy-small', new RegExp(`^${P}${CITY}[A-HJK]${SERIAL}\\d{4}$`)],
  ['new-energy-large', new RegExp(`^${P}${CITY}\\d{5}[D-HJK]$`)],
  ['embassy', /^(使\d{6}|\d{3}使\d{3})$/],
];

/** Separators people type inside a plate: whitespace (any width), middle dots, hyphens. */
const SEPARATORS = /[\s\u3000·•・\-－]/g;

/** The plate as the gate reads it: half-width, upper case, no separators. Does not validate. */
export function normalizePlate(input: string): string {
  let out = '';
  for (const ch of input.replace(SEPARATORS, '')) {
    const code = ch.charCodeAt(0);
    // Full-width ASCII (！ to ～) sits 0xFEE0 above its half-width twin.
    out += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
  }
  return out.toUpperCase();
}

export type PlateCheck = { ok: true; plate: string; kind: PlateKind } | { ok: false; plate: string };

/** Normalises and checks a typed plate. */
export function checkPlate(input: string): PlateCheck {
  if (typeof input !== 'string' || input.length > PLATE_INPUT_MAX) return { ok: false, plate: '' };
  const plate = normalizePlate(input);
  for (const [kind, shape] of SHAPES) {
    if (shape.test(plate)) return { ok: true, plate, kind };
  }
  return { ok: false, plate };
}

/** The normalised plate, or null when it is not a plate. */
export function parsePlate(input: string): string | null {
  const check = checkPlate(input);
  return check.ok ? check.plate : null;
}

/** A plate for lists where others may look: 浙A·***45 keeps the province, city and last two. */
export function maskPlate(plate: string): string {
  if (plate.length < 5) return plate;
  return `${plate.slice(0, 2)}***${plate.slice(-2)}`;
}
