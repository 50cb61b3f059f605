import { defineModule } from '../module';
import { firstCampusId } from './repairs.repository';
import { registerRepairsRoutes } from './repairs.routes';
import { seedRepairsDemo } from './repairs.seed';
import { createSetupService, type SetupService } from './setup.service';
import { createSlaService, type SlaService } from './sla.service';
import { createTicketsService, type TicketsService } from './tickets.service';

export type { TicketsService as RepairTicketsService } from './tickets.service';
export type { SetupService as RepairSetupService } from './setup.service';
export type { SlaService as RepairSlaService } from './sla.service';

declare module '../module' {
  interface Services {
    /** Repair tickets: report, automatic dispatch, the state machine, lists. */
    repairs: TicketsService;
    /** Repair categories and SLA, places, dispatch rules, repairer profiles. */
    repairSetup: SetupService;
    /** The SLA timer (escalations) and the dispatcher's board. */
    repairSla: SlaService;
  }
}

/** Repairs (报修 · 派单): tickets dispatched by rules, SLA clocks with escalation, the board. */
export const repairsModule = defineModule({
  name: 'repairs',
  create: ({ db, clock, database, log, services }) => ({
    repairs: createTicketsService({
      db,
      clock,
      postgres: database.dialect === 'postgres',
      messages: services.messages,
      uploads: services.uploads,
    }),
    repairSetup: createSetupService({
      db,
      clock,
      postgres: database.dialect === 'postgres',
      campusId: () => firstCampusId(db),
    }),
    repairSla: createSlaService({ db, clock, messages: services.messages, log }),
  }),
  routes: (app, { services }) =>
    registerRepairsRoutes(app, {
      auth: services.auth,
      tickets: services.repairs,
      setup: services.repairSetup,
      sla: services.repairSla,
    }),
  seedDemo: ({ db, clock }) => seedRepairsDemo(db, clock),
  close: ({ services }) => services.repairSla.close(),
});
