import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, nullable } from './common.schema';
import { PageQuerySchema, pageOf } from './page.schema';

/** A letter's body, a reply's body: at most this many characters. */
export const LETTER_BODY_MAX = 2000;
/** Photos one letter may carry. */
export const LETTER_PHOTOS_MAX = 9;

/** A kind of letter (餐饮服务, 停车交通 …), routed to the admin who owns it. */
export const MailboxCategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** Who answers letters of this kind (name only). */
  ownerName: Type.String(),
});
export type MailboxCategory = Static<typeof MailboxCategorySchema>;

export const MailboxCategoryListSchema = Type.Object({ items: Type.Array(MailboxCategorySchema) });
export type MailboxCategoryList = Static<typeof MailboxCategoryListSchema>;

export const LetterStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('replied')]);
export type LetterStatus = Static<typeof LetterStatusSchema>;

/**
 * A letter as its reader may see it. To the admin it is routed to, an anonymous letter carries no
 * trace of its writer (`writer` null); to its writer, `mine` is true.
 */
export const LetterSchema = Type.Object({
  id: Type.String(),
  category: Type.Object({ id: Type.String(), name: Type.String() }),
  body: Type.String(),
  anonymous: Type.Boolean(),
  photoUrls: Type.Array(Type.String()),
  status: LetterStatusSchema,
  createdAt: InstantSchema,
  /** The writer (name and unit), or null when the letter is anonymous and the reader is not its writer. */
  writer: Type.Union([Type.Object({ name: Type.String(), unit: Type.String() }), Type.Null()]),
  /** Whether the reader wrote it. */
  mine: Type.Boolean(),
  reply: Type.Union([Type.Object({ body: Type.String(), by: Type.String(), at: InstantSchema }), Type.Null()]),
  /** The writer's rating of the reply, 1–5, once. */
  score: nullable(Type.Integer({ minimum: 1, maximum: 5 })),
});
export type Letter = Static<typeof LetterSchema>;

export const LetterPageSchema = pageOf(LetterSchema);
export type LetterPage = Static<typeof LetterPageSchema>;

export const LetterListQuerySchema = Type.Composite([
  PageQuerySchema,
  Type.Object({
    /** mine: letters I wrote (the default); inbox: letters routed to me (admins). */
    box: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('inbox')])),
    status: Type.Optional(LetterStatusSchema),
  }),
]);
export type LetterListQuery = Static<typeof LetterListQuerySchema>;

const Body = Type.String({ minLength: 1, maxLength: LETTER_BODY_MAX });

export const NewLetterSchema = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 64 }),
    body: Body,
    /** Hidden from the staff who read it; the writer still gets the reply. */
    anonymous: Type.Optional(Type.Boolean()),
    /** Ids of images uploaded first (`POST /api/uploads`). */
    photoIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: LETTER_PHOTOS_MAX, uniqueItems: true }),
    ),
  },
  { additionalProperties: false },
);
export type NewLetter = Static<typeof NewLetterSchema>;

export const LetterReplySchema = Type.Object({ body: Body }, { additionalProperties: false });
export type LetterReply = Static<typeof LetterReplySchema>;

export const LetterRatingSchema = Type.Object(
  { score: Type.Integer({ minimum: 1, maximum: 5 }) },
  { additionalProperties: false },
);
export type LetterRating = Static<typeof LetterRatingSchema>;

export const LetterCreatedSchema = Type.Object({ letter: LetterSchema });

/** The inbox's figures for the admin reading it: per category and overall. */
export const MailboxFigureSchema = Type.Object({
  open: Type.Integer({ minimum: 0 }),
  replied: Type.Integer({ minimum: 0 }),
  rated: Type.Integer({ minimum: 0 }),
  /** Mean rating of rated replies, one decimal; null with none rated. */
  averageScore: nullable(Type.Number()),
});
export const MailboxFiguresSchema = Type.Object({
  total: MailboxFigureSchema,
  categories: Type.Array(
    Type.Composite([Type.Object({ id: Type.String(), name: Type.String() }), MailboxFigureSchema]),
  ),
});
export type MailboxFigures = Static<typeof MailboxFiguresSchema>;
