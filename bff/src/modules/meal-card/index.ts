import { defineModule } from '../module';
import { createMealCardService, type MealCardService } from './meal-card.service';
import { registerMealCardRoutes } from './meal-card.routes';
import { seedMealCardDemo } from './meal-card.seed';

export type { MealCardService } from './meal-card.service';

declare module '../module' {
  interface Services {
    /** The digital meal card (数字餐卡): balances, the ledger, top-ups, payments and refunds. */
    mealCards: MealCardService;
  }
}

/** The digital meal card (数字餐卡). */
export const mealCardModule = defineModule({
  name: 'meal-card',
  create: ({ db, clock, services }) => ({
    mealCards: createMealCardService({ db, clock, messages: services.messages }),
  }),
  routes: (app, { services }) =>
    registerMealCardRoutes(app, { auth: services.auth, mealCards: services.mealCards, directory: services.directory }),
  seedDemo: ({ db, clock }) => seedMealCardDemo(db, clock),
});
