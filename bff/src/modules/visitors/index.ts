import { defineModule } from '../module';
import { createPersonalData, keyFileBeside } from './personal-data';
import { createVisitorsService, type VisitorsService } from './visitors.service';
import { registerVisitorsRoutes } from './visitors.routes';
import { seedVisitorsDemo } from './visitors.seed';
import { randomBytes } from 'node:crypto';

export type { VisitorsService } from './visitors.service';

declare module '../module' {
  interface Services {
    /** Visitors (访客预约): invitations, applications, passes, the guard's scan, purge. */
    visitors: VisitorsService;
  }
}

/** Visitors (访客预约). */
export const visitorsModule = defineModule({
  name: 'visitors',
  create: ({ db, clock, config, database, services, log }) => {
    let spec = config.visitorDataKey;
    if (!spec && database.dialect === 'sqlite' && database.file && database.file !== ':memory:') {
      spec = keyFileBeside(database.file);
    }
    if (!spec) {
      // Only reachable without DATABASE_URL in config (tests building an app on a PostgreSQL test
      // database): a key for this process alone. Deployments on PostgreSQL must set the variable.
      log.warn('VISITOR_DATA_KEY unset: visitors data sealed with a key of this process only');
      spec = `ephemeral:${randomBytes(32).toString('base64')}`;
    }
    const crypto = createPersonalData(spec, config.visitorLookupKey);
    return {
      visitors: createVisitorsService({
        db,
        clock,
        crypto,
        messages: services.messages,
        parking: services.parking,
        rescanMs: config.visitRescanSeconds * 1000,
      }),
    };
  },
  routes: (app, { config, services }) =>
    registerVisitorsRoutes(app, {
      auth: services.auth,
      visitors: services.visitors,
      applicationsPerHour: config.visitApplicationsPerHour,
    }),
  seedDemo: ({ db, clock, services }) => seedVisitorsDemo(db, clock, services.visitors),
});
