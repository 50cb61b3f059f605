import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  Availability,
  Booking,
  BookingPage,
  CarList,
  ExpectedList,
  GateDecision,
  GateEvent,
  GateFeedItem,
  GateFeedPage,
  LetIn,
  LotChange,
  NewBooking,
  NoShowPage,
  Occupancy,
  ParkingLot,
  ParkingLotList,
  SuspensionList,
} from '@contract/parking.schema';
import { parsePlate } from '@contract/plate';
import { addMessage, mockState, nextId, onMockReset, toInstant } from './state';
import { errorResponse, mockToday, signedIn, signedInWith, type Params } from './support';

/**
 * 停车预约: lots, availability, my cars, bookings (full → waiting list), cancel with promotion, the
 * guard's console (decisions, manual let-in, expected plates, the feed, occupancy) and the admin's
 * rules, no-shows and suspensions. The counting rules (capacity per half hour, limits, plate
 * overlaps, races) are the BFF's (bff/test/parking); here a lot is full when its bookings for the
 * day reach its spaces.
 */

const RULES = {
  openTime: '07:00',
  closeTime: '20:00',
  horizonDays: 7,
  workdaysOnly: true,
  bookingOpensAt: null,
  cancelDeadlineMinutes: 0,
  graceMinutes: 30,
  toleranceMinutes: 15,
  perDayLimit: 1,
  perWeekLimit: 5,
};

function seedLots(): ParkingLot[] {
  return [
    {
      id: 'lot-underground',
      name: '地下停车库',
      kind: 'staff',
      capacity: 480,
      standingCount: 3,
      gateId: 'gate-underground',
      ...RULES,
    },
    {
      id: 'lot-small',
      name: '东侧小停车场',
      kind: 'staff',
      capacity: 1,
      standingCount: 0,
      gateId: 'gate-small',
      ...RULES,
    },
    {
      id: 'lot-north',
      name: '北区地面停车场',
      kind: 'visitor',
      capacity: 120,
      standingCount: 0,
      gateId: 'gate-north',
      ...RULES,
    },
  ];
}

interface MockBooking extends Booking {
  personId: string;
}

let lots = seedLots();
let cars = new Map<string, string[]>([['demo-staff', ['浙A12345', '浙AD12345']]]);
let bookings: MockBooking[] = [];
let feed: GateFeedItem[] = [];
let suspensions: SuspensionList['items'] = [];
function reset() {
  lots = seedLots();
  cars = new Map([['demo-staff', ['浙A12345', '浙AD12345']]]);
  const now = mockState.now();
  bookings = [
    {
      id: 'pk-0001',
      personId: 'demo-staff',
      lotId: 'lot-underground',
      lotName: '地下停车库',
      date: mockToday(),
      startsAt: '07:00',
      endsAt: '20:00',
      plate: '浙A12345',
      status: 'entered',
      position: null,
      cancellableUntil: null,
      createdAt: toInstant(now - 86_400_000),
      enteredAt: toInstant(now - 3_600_000),
      leftAt: null,
    },
  ];
  feed = [
    {
      id: 'ev-0001',
      plate: '浙A12345',
      direction: 'in',
      decision: 'open',
      reason: '已预约 07:00–20:00',
      at: toInstant(now - 3_600_000),
      manual: false,
      by: null,
      note: null,
    },
  ];
  suspensions = [
    {
      id: 'sus-0001',
      personName: '赵敏',
      unit: '市市场监督管理局',
      from: toInstant(now - 2 * 86_400_000),
      until: toInstant(now + 5 * 86_400_000),
    },
  ];
}
reset();
onMockReset(reset);

const spacesOf = (lot: ParkingLot) => lot.capacity - lot.standingCount;
const holding = (b: Booking) => b.status === 'booked' || b.status === 'entered';
const used = (lotId: string, date: string) =>
  bookings.filter((b) => b.lotId === lotId && b.date === date && holding(b)).length;
const present = (b: MockBooking): Booking => {
  const { personId: _owner, ...booking } = b;
  if (b.status !== 'waitlisted') return { ...booking, position: null };
  const queue = bookings.filter((w) => w.lotId === b.lotId && w.date === b.date && w.status === 'waitlisted');
  return { ...booking, position: queue.length - queue.indexOf(b) };
};

/** The mock's bookings (for tests that look at what a tap did). */
export const parkingMock = () => ({ bookings, feed });

export function parkingHandlers(base: string): HttpHandler[] {
  const lot = (id: string | undefined) => lots.find((l) => l.id === id);
  const noLot = () => errorResponse(404, 'PARKING_LOT_NOT_FOUND');
  return [
    http.get<Params>(
      `${base}/parking/lots`,
      signedIn(() => HttpResponse.json<ParkingLotList>({ items: lots })),
    ),

    http.patch<Params>(
      `${base}/parking/lots/:lotId`,
      signedInWith<LotChange>((_p, body, params) => {
        const found = lot(params.lotId);
        if (!found) return noLot();
        const { anyHour, ...change } = body;
        Object.assign(found, change, anyHour ? { bookingOpensAt: null } : {});
        return HttpResponse.json<ParkingLot>(found);
      }),
    ),

    http.get<Params>(
      `${base}/parking/lots/:lotId/availability`,
      signedIn((_p, params, request) => {
        const found = lot(params.lotId);
        if (!found) return noLot();
        const date = new URL(request.url).searchParams.get('date') ?? mockToday();
        const free = Math.max(0, spacesOf(found) - used(found.id, date));
        const slots = [];
        for (let h = 7; h < 20; h++) {
          for (const m of ['00', '30']) {
            const start = `${String(h).padStart(2, '0')}:${m}`;
            const end = m === '00' ? `${String(h).padStart(2, '0')}:30` : `${String(h + 1).padStart(2, '0')}:00`;
            slots.push({ startsAt: start, endsAt: end, free });
          }
        }
        const refusal = found.kind === 'visitor' ? 'PARKING_LOT_NOT_BOOKABLE' : null;
        return HttpResponse.json<Availability>({
          lotId: found.id,
          date,
          spaces: spacesOf(found),
          bookable: refusal === null,
          refusal,
          openTime: found.openTime,
          closeTime: found.closeTime,
          slots,
          freeAllDay: free,
        });
      }),
    ),

    http.get<Params>(
      `${base}/parking/cars`,
      signedIn((person) =>
        HttpResponse.json<CarList>({
          items: (cars.get(person.id) ?? []).map((plate) => ({ plate, createdAt: toInstant(mockState.now()) })),
        }),
      ),
    ),

    http.post<Params>(
      `${base}/parking/cars`,
      signedInWith<{ plate: string }>((person, body) => {
        const plate = parsePlate(body.plate);
        if (!plate) return errorResponse(400, 'PLATE_INVALID');
        const mine = cars.get(person.id) ?? [];
        if (!mine.includes(plate)) {
          if (mine.length >= 3) return errorResponse(409, 'PARKING_CARS_LIMIT');
          cars.set(person.id, [...mine, plate]);
        }
        const items = (cars.get(person.id) ?? []).map((p) => ({ plate: p, createdAt: toInstant(mockState.now()) }));
        return HttpResponse.json<CarList>({ items }, { status: 201 });
      }),
    ),

    http.delete<Params>(
      `${base}/parking/cars/:plate`,
      signedIn((person, params) => {
        const mine = cars.get(person.id) ?? [];
        if (!mine.includes(params.plate)) return errorResponse(404, 'PARKING_CAR_NOT_FOUND');
        cars.set(
          person.id,
          mine.filter((p) => p !== params.plate),
        );
        const items = (cars.get(person.id) ?? []).map((p) => ({ plate: p, createdAt: toInstant(mockState.now()) }));
        return HttpResponse.json<CarList>({ items });
      }),
    ),

    http.post<Params>(
      `${base}/parking/bookings`,
      signedInWith<NewBooking>((person, body) => {
        const found = lot(body.lotId);
        if (!found) return noLot();
        const plate = parsePlate(body.plate);
        if (!plate) return errorResponse(400, 'PLATE_INVALID');
        const full = used(found.id, body.date) >= spacesOf(found);
        if (full && body.waitlist !== true) return errorResponse(409, 'PARKING_FULL');
        const booking: MockBooking = {
          id: nextId('pk'),
          personId: person.id,
          lotId: found.id,
          lotName: found.name,
          date: body.date,
          startsAt: body.startsAt ?? found.openTime,
          endsAt: body.endsAt ?? found.closeTime,
          plate,
          status: full ? 'waitlisted' : 'booked',
          position: null,
          cancellableUntil: toInstant(Date.parse(`${body.date}T${body.startsAt ?? found.openTime}:00+08:00`)),
          createdAt: toInstant(mockState.now()),
          enteredAt: null,
          leftAt: null,
        };
        bookings.unshift(booking);
        return HttpResponse.json({ booking: present(booking) }, { status: 201 });
      }),
    ),

    http.get<Params>(
      `${base}/parking/bookings`,
      signedIn((person, _params, request) => {
        const query = new URL(request.url).searchParams;
        const limit = Number(query.get('limit') ?? 20);
        const cursor = query.get('cursor');
        const mine = bookings.filter((b) => b.personId === person.id);
        const start = cursor ? mine.findIndex((b) => b.id === cursor) + 1 : 0;
        const page = mine.slice(start, start + limit);
        return HttpResponse.json<BookingPage>({
          items: page.map(present),
          nextCursor: start + limit < mine.length ? page[page.length - 1].id : null,
        });
      }),
    ),

    http.post<Params>(
      `${base}/parking/bookings/:id/cancel`,
      signedIn((person, params) => {
        const b = bookings.find((x) => x.id === params.id && x.personId === person.id);
        if (!b) return errorResponse(404, 'PARKING_BOOKING_NOT_FOUND');
        if (b.status !== 'booked' && b.status !== 'waitlisted') return errorResponse(409, 'PARKING_NOT_CANCELLABLE');
        const freed = b.status === 'booked';
        Object.assign(b, { status: 'cancelled', cancellableUntil: null });
        const next = freed
          ? bookings.filter((w) => w.lotId === b.lotId && w.date === b.date && w.status === 'waitlisted').at(-1)
          : undefined;
        if (next) {
          next.status = 'booked';
          addMessage(next.personId, '停车候补成功', `您候补的${next.lotName}已自动预约成功，车牌 ${next.plate}。`, {
            kind: 'parking-booking',
            id: next.id,
          });
        }
        return HttpResponse.json<Booking>(present(b));
      }),
    ),

    http.post<Params>(
      `${base}/parking/gate-events`,
      signedInWith<GateEvent>((_p, body) => {
        const plate = parsePlate(body.plate) ?? body.plate;
        const found = lots.find((l) => l.gateId === body.gateId);
        if (!found) return errorResponse(400, 'PARKING_GATE_UNKNOWN');
        const b = bookings.find(
          (x) => x.plate === plate && x.lotId === found.id && x.date === mockToday() && holding(x),
        );
        const answer: GateDecision =
          body.direction === 'out'
            ? { decision: 'open', reason: '出场' }
            : b
              ? {
                  decision: 'open',
                  reason: `已预约 ${b.startsAt}–${b.endsAt}`,
                  booking: { id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, status: 'entered', holder: '测试员' },
                }
              : { decision: 'deny', reason: '今日无预约，可核实后人工放行' };
        if (b && body.direction === 'in') Object.assign(b, { status: 'entered', enteredAt: body.at });
        feed.unshift({
          id: nextId('ev'),
          plate,
          direction: body.direction,
          decision: answer.decision,
          reason: answer.reason,
          at: body.at,
          manual: false,
          by: null,
          note: null,
        });
        return HttpResponse.json<GateDecision>(answer);
      }),
    ),

    http.post<Params>(
      `${base}/parking/gate/let-in`,
      signedInWith<LetIn>((person, body) => {
        if (!body.reason.trim()) return errorResponse(400, 'PARKING_REASON_BLANK');
        const plate = parsePlate(body.plate);
        if (!plate) return errorResponse(400, 'PLATE_INVALID');
        const answer: GateDecision = { decision: 'open', reason: `人工放行：${body.reason.trim()}` };
        feed.unshift({
          id: nextId('ev'),
          plate,
          direction: 'in',
          decision: 'open',
          reason: answer.reason,
          at: toInstant(mockState.now()),
          manual: true,
          by: person.name,
          note: body.reason.trim(),
        });
        return HttpResponse.json<GateDecision>(answer);
      }),
    ),

    http.get<Params>(
      `${base}/parking/lots/:lotId/expected`,
      signedIn((_p, params, request) => {
        const found = lot(params.lotId);
        if (!found) return noLot();
        const query = new URL(request.url).searchParams;
        const q = (query.get('q') ?? '').toUpperCase();
        const date = query.get('date') ?? mockToday();
        const items = bookings
          .filter((b) => b.lotId === found.id && b.date === date && (holding(b) || b.status === 'left'))
          .filter((b) => !q || b.plate.includes(q))
          .map((b) => ({
            plate: b.plate,
            source: 'booking' as const,
            holder: mockState.people.get(b.personId)?.name ?? '职工',
            startsAt: b.startsAt,
            endsAt: b.endsAt,
            status: b.status,
          }));
        return HttpResponse.json<ExpectedList>({ items });
      }),
    ),

    http.get<Params>(
      `${base}/parking/lots/:lotId/feed`,
      signedIn((_p, params) => {
        if (!lot(params.lotId)) return noLot();
        return HttpResponse.json<GateFeedPage>({ items: feed.slice(0, 10), nextCursor: null });
      }),
    ),

    http.get<Params>(
      `${base}/parking/lots/:lotId/occupancy`,
      signedIn((_p, params, request) => {
        const found = lot(params.lotId);
        if (!found) return noLot();
        const date = new URL(request.url).searchParams.get('date') ?? mockToday();
        const booked = used(found.id, date);
        const slots = Array.from({ length: 26 }, (_, i) => ({
          startsAt: `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
          booked,
        }));
        return HttpResponse.json<Occupancy>({
          lotId: found.id,
          date,
          spaces: spacesOf(found),
          inside: bookings.filter((b) => b.lotId === found.id && b.status === 'entered').length,
          slots,
          noShows: 0,
          waiting: bookings.filter((b) => b.lotId === found.id && b.date === date && b.status === 'waitlisted').length,
        });
      }),
    ),

    http.get<Params>(
      `${base}/parking/no-shows`,
      signedIn(() =>
        HttpResponse.json<NoShowPage>({
          items: [
            {
              bookingId: 'pk-noshow-1',
              holder: '赵敏',
              plate: '浙A7N007',
              lotName: '地下停车库',
              date: mockToday(),
              startsAt: '08:00',
              releasedAt: toInstant(mockState.now() - 3_600_000),
            },
          ],
          nextCursor: null,
        }),
      ),
    ),

    http.get<Params>(
      `${base}/parking/suspensions`,
      signedIn(() => HttpResponse.json<SuspensionList>({ items: suspensions })),
    ),

    http.post<Params>(
      `${base}/parking/suspensions/:id/lift`,
      signedIn((_p, params) => {
        if (!suspensions.some((s) => s.id === params.id)) return errorResponse(404, 'PARKING_SUSPENSION_NOT_FOUND');
        suspensions = suspensions.filter((s) => s.id !== params.id);
        return HttpResponse.json<SuspensionList>({ items: suspensions });
      }),
    ),
  ];
}
