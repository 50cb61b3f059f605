import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from './errors';

/** `{ error: { code, message } }` — every non-2xx answer of the API. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
      message: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** An instant, ISO-8601 with offset, e.g. 2026-11-21T12:00:00.000+08:00. */
export const InstantSchema = Type.String({ format: 'date-time' });

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type IdParams = Static<typeof IdParamsSchema>;
