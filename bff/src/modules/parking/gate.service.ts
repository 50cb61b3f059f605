import type { Kysely } from 'kysely';
import type { IncomingHttpHeaders } from 'node:http';
import type {
  ExpectedList,
  ExpectedQuery,
  GateDecision,
  GateEvent,
  GateFeedPage,
  LetIn,
  Occupancy,
} from '@contract/parking.schema';
import type { PageQuery } from '@contract/page.schema';
import { normalizePlate, parsePlate } from '@contract/plate';
import { typedText } from '@contract/text';
import { shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import type { GateClient } from '../../integrations/gate/gate-client';
import {
  GATE_HEADERS,
  GATE_SIGNATURE_SKEW_MS,
  gateSignature,
  signatureMatches,
} from '../../integrations/gate/gate-signature';
import { newId, newSortableId } from '../../lib/ids';
import { requireDate } from '../../lib/date-params';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import { plateOrRefuse } from './bookings.service';
import {
  countByStatus,
  dayBookings,
  findGateEvent,
  findLot,
  findLotByGate,
  gateFeed,
  insertGateEvent,
  insideSince,
  isStanding,
  listStanding,
  moveBooking,
  plateBookings,
  purgeNonces,
  slotUsage,
  useNonce,
  type BookingRecord,
} from './parking.repository';
import { SLOT_MINUTES, gateOf, instantOf, minutesOf, spacesOf, timeOf } from './parking.rules';
import { queueWhitelist } from './whitelist';

const FEED = 'parking-feed';

const signatureRefused = () => new DomainError('PARKING_GATE_SIGNATURE', 401);

type StoredEvent = NonNullable<Awaited<ReturnType<typeof findGateEvent>>>;

/** A decision's answer from its stored event (the same whether asked once or again). */
function answerOf(event: StoredEvent, booking?: BookingRecord): GateDecision {
  return {
    decision: event.decision,
    reason: event.reason,
    ...(booking
      ? {
          booking: {
            id: booking.id,
            startsAt: timeOf(booking.start_min),
            endsAt: timeOf(booking.end_min),
            status: booking.status,
            holder: booking.holder_name ?? '访客车辆',
          },
        }
      : {}),
  };
}

/**
 * The gate (道闸): decisions on entry and exit events (from a signed gate controller or a guard's
 * console), manual let-in with its audit, and what the guard's console shows.
 */
export function createGateService(deps: { db: Kysely<Database>; clock: Clock; gate: GateClient }) {
  const { db, clock, gate } = deps;

  async function lotOfGate(gateId: string) {
    const lot = await findLotByGate(db, gateId);
    if (!lot) throw new DomainError('PARKING_GATE_UNKNOWN', 400);
    return lot;
  }

  async function lotOrRefuse(lotId: string) {
    const lot = await findLot(db, lotId);
    if (!lot) throw notFound('PARKING_LOT_NOT_FOUND');
    return lot;
  }

  /**
   * Decides one event and records it, once per event id of its source: an event seen before
   * answers what was decided then and changes nothing (its row is written before anything the
   * decision moves, so a replay rolls back at once). From a guard's console (`from`) the event
   * is now, by the server's clock, recorded with the guard, and its id is the guard's own: it can
   * neither be backdated nor take a gate controller's id.
   */
  async function decide(
    event: GateEvent,
    options: { from?: Person; manual?: { by: Person; note: string } } = {},
  ): Promise<GateDecision> {
    const { manual } = options;
    const person = manual?.by ?? options.from;
    const key = person ? `console:${person.id}:${event.eventId}` : `${event.gateId}:${event.eventId}`;
    const lot = await lotOfGate(event.gateId);
    const at = person ? clock.now() : new Date(event.at);
    const plate = parsePlate(event.plate) ?? normalizePlate(event.plate).slice(0, 20);
    const valid = parsePlate(event.plate) !== null;
    const date = shanghaiDate(at);
    const stamp = toStored(clock.now());
    const tolerance = lot.tolerance_minutes * 60_000;

    const outcome = await transactionWithRetry(db, async (trx) => {
      let decision: 'open' | 'deny' = 'deny';
      let reason = '车牌无法识别，请人工核对';
      let booking: BookingRecord | undefined;
      if (valid) {
        const candidates = await plateBookings(trx, lot.id, plate, date);
        const covering = (b: BookingRecord) =>
          new Date(b.starts_at).getTime() - tolerance <= at.getTime() &&
          at.getTime() <= new Date(b.ends_at).getTime() + tolerance;
        if (event.direction === 'out') {
          decision = 'open';
          booking = candidates.find((b) => b.status === 'entered');
          reason = booking ? `出场（预约 ${timeOf(booking.start_min)}–${timeOf(booking.end_min)}）` : '出场';
        } else if (manual) {
          decision = 'open';
          reason = `人工放行：${manual.note}`;
          booking = candidates.find((b) => b.status === 'booked' && covering(b));
        } else if (await isStanding(trx, lot.id, plate)) {
          decision = 'open';
          reason = '公务车（常备名单）';
        } else {
          booking = candidates.find((b) => (b.status === 'booked' || b.status === 'entered') && covering(b));
          if (booking) {
            decision = 'open';
            reason = `已预约 ${timeOf(booking.start_min)}–${timeOf(booking.end_min)}${booking.status === 'entered' ? '（再次入场）' : ''}`;
          } else {
            const later = candidates.find(
              (b) => b.status === 'booked' && new Date(b.starts_at).getTime() - tolerance > at.getTime(),
            );
            const ended = candidates.find((b) => b.status === 'released' || b.status === 'cancelled');
            reason = later
              ? `预约时段未到（${timeOf(later.start_min)} 起，可提前 ${lot.tolerance_minutes} 分钟）`
              : ended
                ? `预约已${ended.status === 'released' ? '因未按时入场释放' : '取消'}`
                : candidates.length > 0
                  ? '预约时段已过'
                  : '今日无预约，可核实后人工放行';
          }
        }
      }
      const row = {
        id: newSortableId(),
        event_id: key,
        gate_id: event.gateId,
        lot_id: lot.id,
        plate,
        direction: event.direction,
        at: toStored(at),
        decision,
        reason,
        booking_id: booking?.id ?? null,
        manual: manual ? 1 : 0,
        by_person_id: person?.id ?? null,
        note: manual?.note ?? null,
        created_at: stamp,
      };
      // The same event again (a replay, or two deliveries at once): the row is there, roll back.
      if (!(await insertGateEvent(trx, row))) throw new DuplicateEvent();
      if (booking && decision === 'open') {
        if (event.direction === 'out') {
          if (await moveBooking(trx, booking.id, ['entered'], 'left', { left_at: toStored(at), updated_at: stamp })) {
            await queueWhitelist(trx, clock, gateOf(lot), 'remove', booking, lot.tolerance_minutes);
            booking = { ...booking, status: 'left' };
          }
        } else if (
          booking.status === 'booked' &&
          (await moveBooking(trx, booking.id, ['booked'], 'entered', {
            // When the car came in, as the gate saw it (a console event is now, by our clock).
            entered_at: toStored(at),
            release_due_at: null,
            updated_at: stamp,
          }))
        ) {
          booking = { ...booking, status: 'entered' };
        }
      }
      return answerOf(row, booking);
    }).catch(async (error: unknown) => {
      if (!(error instanceof DuplicateEvent)) throw error;
      const first = await findGateEvent(db, key);
      if (!first) throw error;
      // The same id for another car, way or gate is not a retry: answering the first would hide it.
      if (first.plate !== plate || first.direction !== event.direction || first.gate_id !== event.gateId)
        throw new DomainError('PARKING_EVENT_ID_REUSED', 409);
      return answerOf(first);
    });
    return outcome;
  }

  return {
    decide,

    /**
     * Checks a gate controller's signed request (headers and the body exactly as received): the
     * gate must be known and the same as the event's, the timestamp recent, the nonce new.
     */
    async verifySigned(headers: IncomingHttpHeaders, rawBody: string, gateId: string): Promise<void> {
      const header = (name: string) => {
        const v = headers[name];
        return typeof v === 'string' ? v : undefined;
      };
      const signer = header(GATE_HEADERS.gate);
      const timestamp = header(GATE_HEADERS.timestamp);
      const nonce = header(GATE_HEADERS.nonce);
      const signature = header(GATE_HEADERS.signature);
      if (!signer || !timestamp || !nonce || !signature || signer !== gateId || nonce.length > 100)
        throw signatureRefused();
      const secret = gate.secretOf(signer);
      if (!secret) throw signatureRefused();
      if (
        !/^\d{1,15}$/.test(timestamp) ||
        Math.abs(clock.now().getTime() - Number(timestamp)) > GATE_SIGNATURE_SKEW_MS
      ) {
        throw signatureRefused();
      }
      if (!signatureMatches(gateSignature(secret, timestamp, nonce, rawBody), signature)) throw signatureRefused();
      const at = clock.now();
      if (!(await useNonce(db, signer, nonce, toStored(at)))) throw signatureRefused();
      await purgeNonces(db, toStored(new Date(at.getTime() - 2 * GATE_SIGNATURE_SKEW_MS)));
    },

    /** The guard lets a car in by hand, with a reason (audited: who, when, why). */
    async letIn(person: Person, input: LetIn): Promise<GateDecision> {
      // One line, not blank: reasons are shown to admins and kept for audit.
      const reason = typedText(input.reason, false);
      if (reason === undefined) throw new DomainError('PARKING_REASON_BLANK', 400);
      const plate = plateOrRefuse(input.plate);
      const lot = await lotOrRefuse(input.lotId);
      return decide(
        { gateId: gateOf(lot), plate, direction: 'in', at: toInstant(clock.now()), eventId: `manual-${newId()}` },
        { manual: { by: person, note: reason } },
      );
    },

    /** Today's (or a day's) expected plates at a lot: bookings and the standing list. */
    async expected(lotId: string, query: ExpectedQuery): Promise<ExpectedList> {
      const lot = await lotOrRefuse(lotId);
      const date = query.date === undefined ? shanghaiDate(clock.now()) : requireDate(query.date);
      const q = query.q ? normalizePlate(query.q) : undefined;
      const rows = await dayBookings(db, lot.id, date, q);
      const standing = (await listStanding(db, lot.id)).filter((s) => !q || s.plate.includes(q));
      return {
        items: [
          ...rows.map((b) => ({
            plate: b.plate,
            source: b.visit_id ? ('visitor' as const) : ('booking' as const),
            holder: b.holder_name ?? '访客车辆',
            startsAt: timeOf(b.start_min),
            endsAt: timeOf(b.end_min),
            status: b.status,
          })),
          ...standing.map((s) => ({
            plate: s.plate,
            source: 'standing' as const,
            holder: s.note || '公务车',
            startsAt: null,
            endsAt: null,
            status: null,
          })),
        ],
      };
    },

    async feed(lotId: string, query: PageQuery): Promise<GateFeedPage> {
      const lot = await lotOrRefuse(lotId);
      const limit = query.limit ?? 20;
      const rows = await gateFeed(db, lot.id, decodeCursor(FEED, query.cursor), limit);
      const page = pageFrom(FEED, rows, limit);
      return {
        items: page.rows.map((e) => ({
          id: e.id,
          plate: e.plate,
          direction: e.direction,
          decision: e.decision,
          reason: e.reason,
          at: toInstant(e.created_at),
          manual: e.manual === 1,
          by: e.by_name,
          note: e.note,
        })),
        nextCursor: page.nextCursor,
      };
    },

    /** Booked per half hour over a day, cars inside now, no-shows and waiting. */
    async occupancy(lotId: string, date: string | undefined): Promise<Occupancy> {
      const lot = await lotOrRefuse(lotId);
      const now = clock.now();
      const day = date === undefined ? shanghaiDate(now) : requireDate(date);
      const used = await slotUsage(db, lot.id, day);
      const slots = [];
      for (let m = minutesOf(lot.open_time); m < minutesOf(lot.close_time); m += SLOT_MINUTES) {
        slots.push({ startsAt: timeOf(m), booked: used.get(m / SLOT_MINUTES) ?? 0 });
      }
      const counts = await countByStatus(db, lot.id, day);
      const today = shanghaiDate(now);
      return {
        lotId: lot.id,
        date: day,
        spaces: spacesOf(lot),
        inside: day === today ? await insideSince(db, lot.id, toStored(instantOf(day, 0))) : 0,
        slots,
        noShows: counts.get('released') ?? 0,
        waiting: counts.get('waitlisted') ?? 0,
      };
    },
  };
}

class DuplicateEvent extends Error {}

export type GateService = ReturnType<typeof createGateService>;
