import { Kind, Type, TypeRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ERROR_CODES } from './errors';

/** An instant, ISO-8601 with offset, e.g. 2026-11-21T12:00:00.000+08:00. */
export const InstantSchema = Type.String({ format: 'date-time' });

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type IdParams = Static<typeof IdParamsSchema>;

/**
 * A string enum written as a plain JSON-schema `enum` rather than TypeBox's `anyOf` of literals:
 * Fastify's serializer is much faster on it. The custom kind lets TypeBox's own checker
 * (the contract suite) validate it too.
 */
if (!TypeRegistry.Has('StringEnum')) {
  TypeRegistry.Set<{ enum: string[] }>(
    'StringEnum',
    (schema, value) => typeof value === 'string' && schema.enum.includes(value),
  );
}
export const stringEnum = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ [Kind]: 'StringEnum', type: 'string', enum: [...values] });

/**
 * `{ error: { code, message } }` — every non-2xx answer of the API. The code is an `enum`: as an
 * `anyOf` of its 175 literals, the serializer tried them one by one with a validator on every
 * refusal.
 */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: stringEnum(ERROR_CODES),
      message: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/**
 * `T | null` as a JSON-schema type array (`['integer', 'null']`) rather than `anyOf`, for the same
 * serializer reason; the custom kind lets TypeBox's checker validate it against the inner schema.
 */
const InnerKind = Symbol('InnerKind');
if (!TypeRegistry.Has('Nullable')) {
  TypeRegistry.Set<{ type: string[]; [InnerKind]: string }>('Nullable', (schema, value) => {
    if (value === null) return true;
    return Value.Check({ ...schema, [Kind]: schema[InnerKind], type: schema.type[0] } as unknown as TSchema, value);
  });
}
export const nullable = <T extends TSchema>(schema: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<Static<T> | null>({
    ...schema,
    ...options,
    [Kind]: 'Nullable',
    [InnerKind]: schema[Kind],
    type: [schema.type as string, 'null'],
  });
