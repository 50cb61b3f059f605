import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import {
  PersonRolesSchema,
  RoleChangePageSchema,
  RoleChangeQuerySchema,
  RolesUpdateSchema,
} from '@contract/people-admin.schema';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { PeopleAdmin } from './people-admin.service';

export function registerPeopleAdminRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; people: PeopleAdmin },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const admins = authorize(deps.auth, ['admin']);
  const common = { tags: ['people-admin'], security: [{ bearer: [] }] };
  const refused = { 401: ErrorBodySchema, 403: ErrorBodySchema };

  api.get(
    '/api/admin/people/:id/roles',
    {
      preHandler: admins,
      schema: {
        ...common,
        summary: '某人的角色与所在食堂',
        params: IdParamsSchema,
        response: { 200: PersonRolesSchema, ...refused, 404: ErrorBodySchema },
      },
    },
    async (request) => deps.people.get(request.params.id),
  );

  api.put(
    '/api/admin/people/:id/roles',
    {
      preHandler: admins,
      schema: {
        ...common,
        summary: '设置某人的角色（整组），留痕',
        params: IdParamsSchema,
        body: RolesUpdateSchema,
        response: {
          200: PersonRolesSchema,
          400: ErrorBodySchema,
          ...refused,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
        },
      },
    },
    async (request) => deps.people.update(personOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/admin/people/:id/role-changes',
    {
      preHandler: admins,
      schema: {
        ...common,
        summary: '某人的角色变更记录（最新在前）',
        params: IdParamsSchema,
        querystring: RoleChangeQuerySchema,
        response: { 200: RoleChangePageSchema, 400: ErrorBodySchema, ...refused, 404: ErrorBodySchema },
      },
    },
    async (request) => deps.people.changes(request.params.id, request.query),
  );

  api.get(
    '/api/admin/role-changes',
    {
      preHandler: admins,
      schema: {
        ...common,
        summary: '全部角色变更记录（最新在前）',
        querystring: RoleChangeQuerySchema,
        response: { 200: RoleChangePageSchema, 400: ErrorBodySchema, ...refused },
      },
    },
    async (request) => deps.people.changes(undefined, request.query),
  );
}
