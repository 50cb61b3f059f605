import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from './roles';
import { InstantSchema } from './common.schema';

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

/** The signed-in person as the app sees them (`GET /api/me`). */
export const MeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  roles: Type.Array(RoleSchema),
});
export type Me = Static<typeof MeSchema>;

/** A demo person offered on the demo sign-in page. */
export const DemoUserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  roles: Type.Array(RoleSchema),
});
export type DemoUser = Static<typeof DemoUserSchema>;

export const DemoUsersSchema = Type.Object({ users: Type.Array(DemoUserSchema) });
export type DemoUsers = Static<typeof DemoUsersSchema>;

export const DevSignInSchema = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type DevSignIn = Static<typeof DevSignInSchema>;

/** WeChat mini-program sign-in: the `code` from `Taro.login`. */
export const WechatSignInSchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type WechatSignIn = Static<typeof WechatSignInSchema>;

/** 浙政钉 H5 free login: the `authCode` from gdt-jsapi `getAuthCode`. */
export const ZzdSignInSchema = Type.Object(
  { authCode: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type ZzdSignIn = Static<typeof ZzdSignInSchema>;

export const SessionSchema = Type.Object({
  /** Opaque bearer token; the server keeps only its hash. */
  token: Type.String(),
  expiresAt: InstantSchema,
  user: MeSchema,
});
export type Session = Static<typeof SessionSchema>;
