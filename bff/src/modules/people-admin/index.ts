import { defineModule } from '../module';
import { createPeopleAdmin, type PeopleAdmin } from './people-admin.service';
import { registerPeopleAdminRoutes } from './people-admin.routes';

export type { PeopleAdmin } from './people-admin.service';

declare module '../module' {
  interface Services {
    /** 人员与角色: admins grant and take away roles, audited. */
    peopleAdmin: PeopleAdmin;
  }
}

/** 人员与角色 (admins): a person's roles and canteens, changed as one audited set; never no admin. */
export const peopleAdminModule = defineModule({
  name: 'people-admin',
  create: ({ db, clock, services }) => ({
    peopleAdmin: createPeopleAdmin({
      db,
      clock,
      auth: services.auth,
      canteens: services.canteens,
      messages: services.messages,
    }),
  }),
  routes: (app, { services }) => registerPeopleAdminRoutes(app, { auth: services.auth, people: services.peopleAdmin }),
});
