import type { MessageSubjectKind } from '@contract/messages';
import type { MessageSubject } from '@contract/messages.schema';

/**
 * What tapping a message opens: the page of the object it is about, one line per kind (the kinds
 * are contract/messages.ts's). null: the module has no page for it yet, so the message only shows.
 * A module that sends messages about its objects puts its page here.
 */
const SUBJECT_PAGES: Record<MessageSubjectKind, ((id: string) => string) | null> = {
  'takeaway-order': (id) => `/packages/takeaway/pages/order-detail/index?id=${encodeURIComponent(id)}`,
  letter: (id) => `/packages/mailbox/pages/letter/index?id=${encodeURIComponent(id)}`,
  'parking-booking': () => '/packages/parking/pages/bookings/index',
  visit: (id) => `/packages/visitors/pages/visit/index?id=${encodeURIComponent(id)}`,
  'repair-ticket': (id) => `/packages/repairs/pages/ticket/index?id=${encodeURIComponent(id)}`,
};

/** The page a message leads to, or null (about nothing, a kind without a page, or a kind this app does not know). */
export function subjectPath(subject: MessageSubject | null): string | null {
  if (!subject || !Object.prototype.hasOwnProperty.call(SUBJECT_PAGES, subject.kind)) return null;
  const page = SUBJECT_PAGES[subject.kind as MessageSubjectKind];
  return page ? page(subject.id) : null;
}
