import { messageFor, type ErrorCode } from '@contract/errors';

/** Codes that mean "this person may not use this page": no retry will help. */
const NO_ACCESS: readonly ErrorCode[] = ['FORBIDDEN', 'NOT_CANTEEN_STAFF'];
const NO_ACCESS_MESSAGES = new Set<string>(NO_ACCESS.map((code) => messageFor(code)));

/**
 * Whether the message a store kept of a failed load says the person has no access. Stores keep
 * only the Chinese message; `messageFor` gives each code its own words, so the words identify the
 * code (a test checks that they stay unique).
 */
export function isNoAccess(message: string): boolean {
  return NO_ACCESS_MESSAGES.has(message);
}
