import { defineModule } from '../module';
import { createHeadcountService, type HeadcountService } from './headcount.service';
import { registerHeadcountRoutes } from './headcount.routes';

export type { HeadcountService } from './headcount.service';

declare module '../module' {
  interface Services {
    /** Meal sign-ups (报餐) and the canteens' forecast. */
    headcount: HeadcountService;
  }
}

/** Meal headcount (报餐): staff say whether they will eat; canteens see the forecast. */
export const headcountModule = defineModule({
  name: 'headcount',
  create: ({ db, clock, services }) => ({
    headcount: createHeadcountService({ db, clock, canteens: services.canteens }),
  }),
  routes: (app, { services }) => registerHeadcountRoutes(app, { auth: services.auth, headcount: services.headcount }),
});
