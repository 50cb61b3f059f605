/**
 * Identity rules both sides share, dependency-free: the resident ID number (GB 11643-1999: 17
 * digits, a birth date, a check character), the mainland mobile number, and the masks every answer
 * shows instead of the clear values (PIPL: the least personal data, shown the least).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ID_SHAPE = /^[1-9]\d{16}[\dX]$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** Upper-cases a trailing x and drops surrounding spaces: what a person types → the canonical form. */
export const normalizeIdNumber = (value: string): string => value.trim().toUpperCase();

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Whether `yyyymmdd` is a real calendar day from 1900 on (not after `today`, 'YYYYMMDD', when given). */
function realBirthDate(yyyymmdd: string, today?: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return false;
  return today === undefined || yyyymmdd <= today;
}

/**
 * An 18-character resident ID number (canonical form: upper-case X) with a real birth date that
 * is not in the future (`today` 'YYYY-MM-DD', when given) and a matching check character.
 */
export function isValidIdNumber(value: string, today?: string): boolean {
  if (!ID_SHAPE.test(value)) return false;
  if (!realBirthDate(value.slice(6, 14), today?.replace(/-/g, ''))) return false;
  return idCheckCharacter(value.slice(0, 17)) === value[17];
}

/** A mainland mobile number: 11 digits starting 13–19. */
export const isValidMobile = (value: string): boolean => MOBILE.test(value);

/** 13812341234 → 138****1234 */
export const maskMobile = (mobile: string): string =>
  mobile.length < 8 ? '*'.repeat(mobile.length) : `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

/** 330106199001011234 → 3301**********1234 */
export const maskIdNumber = (id: string): string =>
  id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name's first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
