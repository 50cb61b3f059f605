import { defineModule } from '../module';
import { createCanteenService, type CanteenService } from './canteen.service';
import { createDishesService, type DishesService } from './dishes.service';
import { createMenuChanges, type MenuChanges } from './menu-changes';
import { createMenuService, type MenuService } from './menu.service';
import { registerCanteenRoutes } from './canteen.routes';
import { seedCanteenDemo } from './canteen.seed';

export type { CanteenService } from './canteen.service';
export type { DishesService } from './dishes.service';
export type { MenuService } from './menu.service';
export type { CanteenRecord } from './canteen.repository';

declare module '../module' {
  interface Services {
    /** Canteens, their meals and serving windows, and who manages them. */
    canteens: CanteenService;
    /** Each canteen's dish library. */
    dishes: DishesService;
    /** Daily menus, publishing, and diners' votes. */
    menu: MenuService;
    /** Menu change announcements (internal to the canteen module; the read cache listens). */
    menuChanges: MenuChanges;
  }
}

/** Canteen menus (今日菜品): canteens, dish libraries, daily menus and votes. */
export const canteenModule = defineModule({
  name: 'canteen',
  create: ({ db, clock, config, events, services }) => {
    const menuChanges = createMenuChanges(events);
    const canteens = createCanteenService({ db, changes: menuChanges });
    return {
      menuChanges,
      canteens,
      dishes: createDishesService({ db, clock, canteens, uploads: services.uploads, changes: menuChanges }),
      menu: createMenuService({ db, clock, canteens, changes: menuChanges, readCacheMs: config.menuCacheMs }),
    };
  },
  routes: (app, { services }) =>
    registerCanteenRoutes(app, {
      auth: services.auth,
      canteens: services.canteens,
      dishes: services.dishes,
      menu: services.menu,
    }),
  seedDemo: ({ db, clock, services }) => seedCanteenDemo(db, clock, services.storage),
  close: ({ services }) => {
    services.menu.close();
    services.menuChanges.close();
  },
});
