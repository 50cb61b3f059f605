import type {
  Availability,
  Booking,
  BookingPage,
  CarList,
  ExpectedList,
  GateDecision,
  GateFeedPage,
  LotChange,
  NewBooking,
  NoShowPage,
  Occupancy,
  ParkingLot,
  ParkingLotList,
  SuspensionList,
} from '@contract/parking.schema';
import { getJson, http, postJson } from '@/shared/http';
import { newIdempotencyKey } from '@/shared/http/idempotency-key';
import { nowInstant } from '@/shared/time';

/** How many rows one page of a growing list asks for. */
export const PAGE_SIZE = 20;

const enc = encodeURIComponent;
const page = (cursor: string | null, limit = PAGE_SIZE) => (cursor ? { limit, cursor } : { limit });

export const fetchLots = () => getJson<ParkingLotList>('/parking/lots');

export const fetchAvailability = (lotId: string, date: string) =>
  getJson<Availability>(`/parking/lots/${enc(lotId)}/availability`, { params: { date } });

export const fetchCars = () => getJson<CarList>('/parking/cars');
export const addCar = (plate: string) => postJson<CarList>('/parking/cars', { plate });
export const removeCar = (plate: string) => http.delete<CarList>(`/parking/cars/${enc(plate)}`).then((r) => r.data);

/** Books (or joins the waiting list); `key` belongs to one attempt, so a retry gets the same booking. */
export async function bookSpace(body: NewBooking, key: string): Promise<Booking> {
  return (await postJson<{ booking: Booking }>('/parking/bookings', body, { headers: { 'Idempotency-Key': key } }))
    .booking;
}

export const fetchBookings = (cursor: string | null) =>
  getJson<BookingPage>('/parking/bookings', { params: page(cursor) });
export const cancelBooking = (id: string) => postJson<Booking>(`/parking/bookings/${enc(id)}/cancel`);

/** The guard's console reports a plate it read (typed or picked) as an event of the lot's gate. */
export const reportPlate = (gateId: string, plate: string, direction: 'in' | 'out') =>
  postJson<GateDecision>('/parking/gate-events', {
    gateId,
    plate,
    direction,
    at: nowInstant(),
    eventId: newIdempotencyKey(),
  });

export const letIn = (lotId: string, plate: string, reason: string) =>
  postJson<GateDecision>('/parking/gate/let-in', { lotId, plate, reason });

export const fetchExpected = (lotId: string, date: string, q: string) =>
  getJson<ExpectedList>(`/parking/lots/${enc(lotId)}/expected`, { params: q ? { date, q } : { date } });

export const fetchFeed = (lotId: string, cursor: string | null) =>
  getJson<GateFeedPage>(`/parking/lots/${enc(lotId)}/feed`, { params: page(cursor, 10) });

export const fetchOccupancy = (lotId: string, date: string) =>
  getJson<Occupancy>(`/parking/lots/${enc(lotId)}/occupancy`, { params: { date } });

export const changeLot = (lotId: string, change: LotChange) =>
  http.patch<ParkingLot>(`/parking/lots/${enc(lotId)}`, change).then((r) => r.data);

export const fetchNoShows = (cursor: string | null) =>
  getJson<NoShowPage>('/parking/no-shows', { params: page(cursor) });
export const fetchSuspensions = () => getJson<SuspensionList>('/parking/suspensions');
export const liftSuspension = (id: string) => postJson<SuspensionList>(`/parking/suspensions/${enc(id)}/lift`);
