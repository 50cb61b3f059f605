import { COMMON_ERRORS } from './common.errors';
import { AUTH_ERRORS } from './auth.errors';
import { MESSAGES_ERRORS } from './messages.errors';
import { UPLOADS_ERRORS } from './uploads.errors';
import { MEAL_CARD_ERRORS } from './meal-card.errors';
import { CANTEEN_ERRORS } from './canteen.errors';
import { HEADCOUNT_ERRORS } from './headcount.errors';
import { TAKEAWAY_ERRORS } from './takeaway.errors';
import { MAILBOX_ERRORS } from './mailbox.errors';
import { REPAIRS_ERRORS } from './repairs.errors';
import { PARKING_ERRORS } from './parking.errors';
import { VISITORS_ERRORS } from './visitors.errors';
import { PEOPLE_ADMIN_ERRORS } from './people-admin.errors';

/**
 * The closed set of error codes the API answers with, and the Chinese message for each.
 * The BFF sends `{ error: { code, message } }`; the app shows ERROR_MESSAGES[code] so wording lives here.
 * Each module owns its codes (`<module>.errors.ts`); this list merges them, one line a module
 * (a test checks that no code is defined by two modules).
 */
export const ERROR_SOURCES = {
  common: COMMON_ERRORS,
  auth: AUTH_ERRORS,
  messages: MESSAGES_ERRORS,
  uploads: UPLOADS_ERRORS,
  'meal-card': MEAL_CARD_ERRORS,
  canteen: CANTEEN_ERRORS,
  headcount: HEADCOUNT_ERRORS,
  takeaway: TAKEAWAY_ERRORS,
  mailbox: MAILBOX_ERRORS,
  repairs: REPAIRS_ERRORS,
  parking: PARKING_ERRORS,
  visitors: VISITORS_ERRORS,
  'people-admin': PEOPLE_ADMIN_ERRORS,
} as const;

type Sources = typeof ERROR_SOURCES;
export type ErrorCode = { [M in keyof Sources]: keyof Sources[M] }[keyof Sources];

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = Object.assign({}, ...Object.values(ERROR_SOURCES));
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/** The message to show for a code; an unknown code (a newer server) falls back to the generic one. */
export function messageFor(code: unknown): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.INTERNAL;
}
