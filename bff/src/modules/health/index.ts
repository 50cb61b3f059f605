import { defineModule } from '../module';
import { registerHealthRoutes } from './health.routes';

/** `GET /api/health`: the database answers. Offers nothing to other modules. */
export const healthModule = defineModule({
  name: 'health',
  create: () => ({}),
  routes: (app, { database }) => registerHealthRoutes(app, database),
});
