import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  DemoUsersSchema,
  DevSignInSchema,
  MeSchema,
  SessionSchema,
  WechatSignInSchema,
  ZzdSignInSchema,
} from '@contract/auth.schema';
import { ErrorBodySchema } from '@contract/common.schema';
import { DomainError } from '../../errors';
import { authorize, bearerToken, personOf } from '../../plugins/authorize';
import { toMe, type AuthService } from './auth.service';
import type { Person } from './people.repository';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  429: ErrorBodySchema,
  503: ErrorBodySchema,
};

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; rateLimitPerMinute: number },
): void {
  const { auth } = deps;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Sign-in endpoints exchange codes for sessions: rate limited per client address.
  const signInLimit = {
    rateLimit: {
      max: deps.rateLimitPerMinute,
      timeWindow: '1 minute',
      errorResponseBuilder: () => new DomainError('RATE_LIMITED', 429),
    },
  };

  /** Sign-in while already signed in links the new identity to that person. */
  async function currentPerson(token: string | undefined): Promise<Person | undefined> {
    if (!token) return undefined;
    return (await auth.authenticate(token)).person;
  }

  api.get(
    '/api/auth/dev/users',
    { schema: { tags: ['auth'], summary: '演示用户列表', response: { 200: DemoUsersSchema, 403: ErrorBodySchema } } },
    async () => ({ users: await auth.demoUsers() }),
  );

  api.post(
    '/api/auth/dev',
    {
      config: signInLimit,
      schema: {
        tags: ['auth'],
        summary: '演示登录',
        body: DevSignInSchema,
        response: { 200: SessionSchema, 404: ErrorBodySchema, ...errors },
      },
    },
    async (request) => auth.signInDemo(request.body.userId),
  );

  api.post(
    '/api/auth/wechat',
    {
      config: signInLimit,
      schema: {
        tags: ['auth'],
        summary: '微信小程序登录（code2session）',
        body: WechatSignInSchema,
        response: { 200: SessionSchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (request) => auth.signInWechat(request.body.code, await currentPerson(bearerToken(request))),
  );

  api.post(
    '/api/auth/zzd',
    {
      config: signInLimit,
      schema: {
        tags: ['auth'],
        summary: '浙政钉免登',
        body: ZzdSignInSchema,
        response: { 200: SessionSchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (request) => auth.signInZzd(request.body.authCode, await currentPerson(bearerToken(request))),
  );

  api.post(
    '/api/auth/logout',
    {
      preHandler: authorize(auth),
      schema: {
        tags: ['auth'],
        summary: '退出登录',
        security: [{ bearer: [] }],
        response: { 204: Type.Null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await auth.signOut(request.signedIn!.tokenHash);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/me',
    {
      preHandler: authorize(auth),
      schema: {
        tags: ['auth'],
        summary: '当前用户',
        security: [{ bearer: [] }],
        response: { 200: MeSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => toMe(personOf(request)),
  );
}
