import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CanteenParamsSchema,
  DishCreateSchema,
  DishListQuerySchema,
  DishListSchema,
  DishParamsSchema,
  DishSchema,
  DishUpdateSchema,
} from '@contract/canteen.schema';
import { MANAGERS, common, readErrors, writeErrors } from './canteen.route-common';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { DishesService } from './dishes.service';

/** The canteen's dish library (its staff, admins). */
export function registerDishRoutes(app: FastifyInstance, deps: { auth: AuthService; dishes: DishesService }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const manager = authorize(deps.auth, MANAGERS);

  api.get(
    '/api/canteens/:canteenId/dishes',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '菜品库',
        params: CanteenParamsSchema,
        querystring: DishListQuerySchema,
        response: { 200: DishListSchema, ...readErrors },
      },
    },
    async (request) => deps.dishes.list(personOf(request), request.params.canteenId, request.query.retired),
  );

  api.post(
    '/api/canteens/:canteenId/dishes',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '新增菜品',
        params: CanteenParamsSchema,
        body: DishCreateSchema,
        response: { 201: DishSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.dishes.create(personOf(request), request.params.canteenId, request.body)),
  );

  api.patch(
    '/api/canteens/:canteenId/dishes/:dishId',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '修改菜品',
        params: DishParamsSchema,
        body: DishUpdateSchema,
        response: { 200: DishSchema, ...writeErrors },
      },
    },
    async (request) =>
      deps.dishes.update(personOf(request), request.params.canteenId, request.params.dishId, request.body),
  );

  api.post(
    '/api/canteens/:canteenId/dishes/:dishId/retire',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '停用菜品（保留在历史菜单中，不能再加入新菜单）',
        params: DishParamsSchema,
        response: { 200: DishSchema, ...readErrors },
      },
    },
    async (request) => deps.dishes.setRetired(personOf(request), request.params.canteenId, request.params.dishId, true),
  );

  api.post(
    '/api/canteens/:canteenId/dishes/:dishId/restore',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '恢复已停用的菜品',
        params: DishParamsSchema,
        response: { 200: DishSchema, ...readErrors },
      },
    },
    async (request) =>
      deps.dishes.setRetired(personOf(request), request.params.canteenId, request.params.dishId, false),
  );
}
