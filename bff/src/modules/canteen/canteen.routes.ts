import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CanteenListSchema,
  CanteenParamsSchema,
  CanteenSchema,
  CanteenStaffSchema,
  CanteenStaffUpdateSchema,
  CanteenUpdateSchema,
} from '@contract/canteen.schema';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import { DINERS, E, common, readErrors } from './canteen.route-common';
import type { CanteenService } from './canteen.service';
import { registerDishRoutes } from './dishes.routes';
import type { DishesService } from './dishes.service';
import { registerMenuRoutes } from './menu.routes';
import type { MenuService } from './menu.service';
import { registerVoteRoutes } from './votes.routes';

export { DINERS, MANAGERS } from './canteen.route-common';

/**
 * The canteen module's routes: the canteens and their staff here, then the dish library
 * (dishes.routes.ts), menus (menu.routes.ts) and votes (votes.routes.ts).
 */
export function registerCanteenRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; canteens: CanteenService; dishes: DishesService; menu: MenuService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const diner = authorize(deps.auth, DINERS);
  const admin = authorize(deps.auth, ['admin']);

  api.get(
    '/api/canteens',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '食堂列表（含供餐时间、报餐截止时间）',
        response: { 200: CanteenListSchema, 401: E, 403: E },
      },
    },
    async (request) => deps.canteens.list(personOf(request)),
  );

  api.patch(
    '/api/canteens/:canteenId',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '修改食堂设置（管理员）：名称、位置、餐次与供餐时间、报餐截止',
        params: CanteenParamsSchema,
        body: CanteenUpdateSchema,
        response: { 200: CanteenSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.update(request.params.canteenId, request.body),
  );

  api.get(
    '/api/canteens/:canteenId/staff',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '食堂工作人员（管理员）',
        params: CanteenParamsSchema,
        response: { 200: CanteenStaffSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.staff(request.params.canteenId),
  );

  api.put(
    '/api/canteens/:canteenId/staff',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '设置食堂工作人员（管理员，须具有食堂角色）',
        params: CanteenParamsSchema,
        body: CanteenStaffUpdateSchema,
        response: { 200: CanteenStaffSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.setStaff(request.params.canteenId, request.body.personIds),
  );

  registerDishRoutes(app, deps);
  registerMenuRoutes(app, deps);
  registerVoteRoutes(app, deps);
}
