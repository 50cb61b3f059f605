/**
 * What a message can be about: the kinds of object a message links to, one line each. A module
 * that sends messages about a new kind of object adds its kind here (and its page in the app's
 * src/features/messages/subject-routes.ts). Dependency-free: the app imports it as a value.
 */
export const MESSAGE_SUBJECT_KINDS = ['takeaway-order', 'letter', 'parking-booking', 'visit', 'repair-ticket'] as const;

export type MessageSubjectKind = (typeof MESSAGE_SUBJECT_KINDS)[number];

/** The object a message is about. */
export interface MessageSubjectRef {
  kind: MessageSubjectKind;
  id: string;
}

export const isMessageSubjectKind = (kind: string): kind is MessageSubjectKind =>
  (MESSAGE_SUBJECT_KINDS as readonly string[]).includes(kind);
