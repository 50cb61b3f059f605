import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * Every list that grows with time is paged by an opaque cursor: `?limit=&cursor=` in,
 * `{ items, nextCursor }` out, `nextCursor` null on the last page. Newest first; rows added while
 * a person pages never repeat or go missing (keyset, not offset).
 */
export const PageQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  /** The previous page's `nextCursor`, as given. */
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
});
export type PageQuery = Static<typeof PageQuerySchema>;

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
