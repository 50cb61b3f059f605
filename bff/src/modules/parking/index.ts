import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createGateClient } from '../../integrations/gate/gate-client';
import { defineModule } from '../module';
import { createBookingsService, type VisitorCar } from './bookings.service';
import { createGateService } from './gate.service';
import { createLotsService } from './lots.service';
import { registerParkingRoutes } from './parking.routes';
import { seedParkingDemo } from './parking.seed';
import { GATE_TOPIC, gateHandler } from './whitelist';

export type { VisitorCar } from './bookings.service';

/** What parking offers the app and other modules (`services.parking`). */
export interface ParkingService {
  /**
   * A visitor's car (visitors module): a space in the visitor lot (or `lotId`) for its window,
   * its plate pushed to the gate's whitelist through the outbox, all in the caller's transaction.
   * Throws DomainError PLATE_INVALID (400), PARKING_LOT_NOT_FOUND (404), PARKING_WINDOW_INVALID
   * (400), PARKING_PLATE_OVERLAP or PARKING_FULL (409); after a throw roll the transaction back.
   */
  whitelistVisitorCar(
    trx: Kysely<Database>,
    car: VisitorCar,
  ): Promise<{ bookingId: string; plate: string; lotId: string }>;
  /** Takes a visit's car off the whitelist and frees its space (idempotent); answers how many ended. */
  removeVisitorCar(trx: Kysely<Database>, visitId: string): Promise<number>;
  /** Masks the plates of these visits' cars wherever parking kept them (visit deleted or purged). */
  forgetVisitorCars(trx: Kysely<Database>, visitIds: string[]): Promise<number>;
  /** Housekeeping: no-show release, waiting-list expiry and promotion. */
  releaseNoShows(): Promise<{ released: number; promoted: number }>;
  /** The parts the routes use (not for other modules). */
  bookings: ReturnType<typeof createBookingsService>;
  gate: ReturnType<typeof createGateService>;
  lots: ReturnType<typeof createLotsService>;
}

declare module '../module' {
  interface Services {
    /** Parking (停车预约) and the gate's plate whitelist. */
    parking: ParkingService;
  }
}

/** Parking (停车预约): lots and rules, bookings by half hour, waiting list, the gate. */
export const parkingModule = defineModule({
  name: 'parking',
  create: ({ db, clock, config, services }) => {
    const gateClient = createGateClient(config.gates, { clock });
    const bookings = createBookingsService({ db, clock, messages: services.messages });
    const gate = createGateService({ db, clock, gate: gateClient });
    const lots = createLotsService({ db, clock });
    const parking: ParkingService = {
      whitelistVisitorCar: (trx, car) => bookings.whitelistVisitorCar(trx, car),
      removeVisitorCar: (trx, visitId) => bookings.removeVisitorCar(trx, visitId),
      forgetVisitorCars: (trx, visitIds) => bookings.forgetVisitorCars(trx, visitIds),
      releaseNoShows: () => bookings.releaseNoShows(),
      bookings,
      gate,
      lots,
    };
    return { parking };
  },
  routes: (app, { services }) =>
    registerParkingRoutes(app, {
      auth: services.auth,
      bookings: services.parking.bookings,
      gate: services.parking.gate,
      lots: services.parking.lots,
    }),
  // The client is stateless (addresses and secrets from the configuration): one for deliveries.
  outboxHandlers: ({ clock, config }) => ({
    [GATE_TOPIC]: gateHandler({ clock, gate: createGateClient(config.gates, { clock }) }),
  }),
  seedDemo: ({ db, clock }) => seedParkingDemo(db, clock),
});
