import { defineModule } from '../module';
import { createAuthService, type AuthService } from './auth.service';
import { registerAuthRoutes } from './auth.routes';
import { createPeopleDirectory, type PeopleDirectory } from './people-directory.service';

export type { AuthService, SignedIn } from './auth.service';
export type { PeopleDirectory } from './people-directory.service';
export type { Person } from './people.repository';
export { findPerson, insertPerson } from './people.repository';
export { pushAddressOf, type PushAddress } from './push-address';
export { lockRoleHolders, replaceRoles, rolesOfPerson } from './roles.repository';

declare module '../module' {
  interface Services {
    auth: AuthService;
    /** Finding people by name and unit (pickers in admin screens). */
    directory: PeopleDirectory;
  }
}

/** Sign-in (dev, WeChat, 浙政钉), sessions, people and their roles. */
export const authModule = defineModule({
  name: 'auth',
  create: ({ db, clock, config, integrations }) => ({
    auth: createAuthService({
      db,
      clock,
      providers: config.authProviders,
      sessionTtlHours: config.sessionTtlHours,
      sessionCacheMs: config.sessionCacheMs,
      wechat: integrations.wechat,
      zzd: integrations.zzd,
    }),
    directory: createPeopleDirectory({ db }),
  }),
  routes: (app, { config, services }) =>
    registerAuthRoutes(app, { auth: services.auth, rateLimitPerMinute: config.authRateLimitPerMinute }),
});
