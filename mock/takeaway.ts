import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  BoardOrder,
  CanteenBoard,
  CloseDay,
  CloseDayResult,
  NewOrder,
  NewTakeawayItem,
  Order,
  OrderList,
  OrderStatus,
  PickupRequest,
  PickupSlot,
  TakeawayItem,
  TakeawayItemList,
  TakeawaySettings,
  TakeawayStockChange,
} from '@contract/takeaway.schema';
import { findCanteen, runsCanteen } from './canteen';
import { chargeCard } from './meal-card';
import { mockState, nextId, onMockReset, toInstant } from './state';
import type { MockPerson } from './data';
import { errorResponse, isFailure, mockToday, signedIn, signedInWith, type Answer, type Params } from './support';

export { mockToday };

/**
 * 食堂外卖 from memory: today's items at both canteens, orders paid from the meal card (the meal-card
 * mock's `chargeCard`) with a 6-digit pickup code, replayed by `Idempotency-Key`, cancel with refund,
 * the canteen's board, pickup by code and 结束今天. Each write does what it says; the BFF's refusals
 * (sold out, limits, balance, sale windows, slots…) are not here: a test that needs one overrides.
 */

interface MockOrder extends Order {
  personId: string;
  idempotencyKey: string | null;
}

interface TakeawayMockState {
  items: TakeawayItem[];
  orders: MockOrder[];
  refundExpired: Map<string, boolean>;
  /** `${canteenId}|${date}` → when the canteen closed that day (结束今天). */
  closedDays: Map<string, string>;
}

/** `HH:mm` on a Shanghai date as an instant with offset. */
export function shanghaiAt(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00.000+08:00`;
}

function seedItems(today: string): TakeawayItem[] {
  const dayEnd = toInstant(Date.parse(shanghaiAt(today, '00:00')) + 24 * 3_600_000);
  const slots = (itemId: string): PickupSlot[] =>
    [
      ['11:00', '11:30'],
      ['11:30', '12:00'],
      ['12:00', '12:30'],
    ].map(([starts, ends], i) => ({
      id: `${itemId}-slot-${i + 1}`,
      startsAt: shanghaiAt(today, starts),
      endsAt: shanghaiAt(today, ends),
      capacity: 60,
      remaining: 60,
    }));
  const item = (
    key: string,
    canteenId: string,
    name: string,
    priceFen: number,
    stock: number,
    perPersonLimit: number | null,
    withSlots: boolean,
  ): TakeawayItem => {
    const id = `ta-${canteenId}-${key}`;
    return {
      id,
      canteenId,
      date: today,
      name,
      priceFen,
      stock,
      remaining: stock,
      saleStartsAt: shanghaiAt(today, '00:00'),
      saleEndsAt: dayEnd,
      // An item split into slots shows the window its slots cover, as the BFF's demo does.
      pickupStartsAt: shanghaiAt(today, withSlots ? '11:00' : '00:00'),
      pickupEndsAt: withSlots ? shanghaiAt(today, '12:30') : dayEnd,
      perPersonLimit,
      pickupSlots: withSlots ? slots(id) : [],
      status: 'published',
    };
  };
  return [
    item('braised-pork', 'canteen-1', '红烧肉套餐', 1800, 80, 2, true),
    item('tomato-egg', 'canteen-1', '番茄炒蛋盖浇饭', 1200, 120, 2, true),
    item('dumplings', 'canteen-1', '手工荠菜水饺（生，20只）', 1500, 50, 3, false),
    item('buns', 'canteen-1', '杂粮馒头（4个）', 400, 200, null, false),
    item('fish', 'canteen-2', '清蒸鲈鱼套餐', 2200, 40, 1, false),
    item('baozi', 'canteen-2', '鲜肉大包（2个）', 500, 0, null, false),
  ];
}

const fresh = (): TakeawayMockState => ({
  items: seedItems(mockToday()),
  orders: [],
  refundExpired: new Map(),
  closedDays: new Map(),
});

/** The takeaway world; tests may read and change it. Reset with the rest of the mock. */
export const takeawayState: TakeawayMockState = fresh();
onMockReset(() => Object.assign(takeawayState, fresh()));

/** Test helper: an item as the mock holds it (mutable). */
export function mockItem(name: string): TakeawayItem {
  const item = takeawayState.items.find((i) => i.name === name);
  if (!item) throw new Error(`mock: no takeaway item ${name}`);
  return item;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const publicOrder = ({ personId: _p, idempotencyKey: _k, ...order }: MockOrder): Order => structuredClone(order);

function boardOrder(order: MockOrder): BoardOrder {
  const person = mockState.people.get(order.personId);
  return { ...publicOrder(order), person: { id: order.personId, name: person?.name ?? '', unit: person?.unit ?? '' } };
}

const closedAtOf = (canteenId: string, date: string) => takeawayState.closedDays.get(`${canteenId}|${date}`);

function boardOf(canteenId: string, date: string): CanteenBoard {
  const orders = takeawayState.orders.filter((o) => o.canteenId === canteenId && o.date === date);
  const prep = new Map<string, { itemId: string; name: string; quantity: number; collected: number }>();
  for (const order of orders.filter((o) => o.status === 'placed' || o.status === 'collected')) {
    for (const { itemId, name, quantity } of order.items) {
      const row = prep.get(itemId) ?? { itemId, name, quantity: 0, collected: 0 };
      row.quantity += quantity;
      if (order.status === 'collected') row.collected += quantity;
      prep.set(itemId, row);
    }
  }
  const closedAt = closedAtOf(canteenId, date);
  return {
    canteenId,
    date,
    orders: orders.map(boardOrder),
    prepList: [...prep.values()],
    ...(closedAt && { closedAt }),
  };
}

function moveOrder(order: MockOrder, status: OrderStatus): void {
  order.status = status;
  order.timeline.push({ status, at: toInstant(mockState.now()) });
}

function refund(order: MockOrder, note: string): void {
  chargeCard(order.personId, { kind: 'refund', amountFen: order.totalFen, orderId: order.id, note });
  order.refundedFen = order.totalFen;
}

/** Stock and the slot's place go back (cancel). */
function release(order: MockOrder): void {
  for (const line of order.items) {
    const item = takeawayState.items.find((i) => i.id === line.itemId);
    if (item) item.remaining += line.quantity;
  }
  const slot = takeawayState.items.flatMap((i) => i.pickupSlots).find((s) => s.id === order.pickupSlot?.id);
  if (slot) slot.remaining += 1;
}

function placeOrder(personId: string, key: string | null, input: NewOrder): Order | undefined {
  const earlier = key && takeawayState.orders.find((o) => o.personId === personId && o.idempotencyKey === key);
  if (earlier) return publicOrder(earlier);
  const wanted = input.items.map(({ itemId, quantity }) => ({
    item: takeawayState.items.find((i) => i.id === itemId),
    quantity,
  }));
  if (wanted.some(({ item }) => !item)) return undefined;
  // The BFF keeps an order's lines in item-id order.
  const lines = (wanted as { item: TakeawayItem; quantity: number }[]).sort((a, b) => byText(a.item.id, b.item.id));
  const slot = lines.flatMap(({ item }) => item.pickupSlots).find((s) => s.id === input.pickupSlotId);
  const first = lines[0].item;
  const now = toInstant(mockState.now());
  const date = first.date;
  let code: string;
  do code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  while (takeawayState.orders.some((o) => o.date === date && o.pickupCode === code));
  const order: MockOrder = {
    id: nextId('order'),
    canteenId: input.canteenId,
    date,
    status: 'placed',
    items: lines.map(({ item, quantity }) => ({
      itemId: item.id,
      name: item.name,
      quantity,
      priceFen: item.priceFen,
      amountFen: item.priceFen * quantity,
    })),
    totalFen: lines.reduce((sum, { item, quantity }) => sum + item.priceFen * quantity, 0),
    pickupSlot: slot ? { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt } : null,
    pickupStartsAt: slot?.startsAt ?? first.pickupStartsAt,
    pickupEndsAt: slot?.endsAt ?? first.pickupEndsAt,
    pickupCode: code,
    cancellableUntil: [first.saleEndsAt, slot?.endsAt ?? first.pickupEndsAt].sort(
      (a, b) => Date.parse(a) - Date.parse(b),
    )[0],
    refundedFen: 0,
    timeline: [{ status: 'placed', at: now }],
    createdAt: now,
    personId,
    idempotencyKey: key,
  };
  chargeCard(personId, { kind: 'payment', amountFen: -order.totalFen, orderId: order.id, note: '外卖订单' });
  for (const { item, quantity } of lines) item.remaining -= quantity;
  if (slot) slot.remaining -= 1;
  takeawayState.orders.push(order);
  return publicOrder(order);
}

function newItem(canteenId: string, input: NewTakeawayItem): TakeawayItem {
  const { pickupSlots = [], publish, ...fields } = input;
  const instant = (value: string) => toInstant(Date.parse(value));
  const item: TakeawayItem = {
    ...fields,
    saleStartsAt: instant(input.saleStartsAt),
    saleEndsAt: instant(input.saleEndsAt),
    pickupStartsAt: instant(input.pickupStartsAt),
    pickupEndsAt: instant(input.pickupEndsAt),
    id: nextId('ta'),
    canteenId,
    remaining: input.stock,
    perPersonLimit: input.perPersonLimit ?? null,
    pickupSlots: pickupSlots.map((slot) => ({
      id: nextId('slot'),
      startsAt: instant(slot.startsAt),
      endsAt: instant(slot.endsAt),
      capacity: slot.capacity,
      remaining: slot.capacity,
    })),
    status: publish === false ? 'withdrawn' : 'published',
  };
  takeawayState.items.push(item);
  return item;
}

function closeDay(canteenId: string, date: string) {
  const day = `${canteenId}|${date}`;
  if (!takeawayState.closedDays.has(day)) takeawayState.closedDays.set(day, toInstant(mockState.now()));
  // As the BFF: only orders whose pickup window has ended expire; the others stay 待取餐.
  const now = mockState.now();
  const placed = takeawayState.orders.filter(
    (o) => o.canteenId === canteenId && o.date === date && o.status === 'placed',
  );
  const expired = placed.filter((o) => Date.parse(o.pickupEndsAt) <= now);
  const refunds = takeawayState.refundExpired.get(canteenId) ? expired : [];
  for (const order of expired) moveOrder(order, 'expired');
  for (const order of refunds) refund(order, '过期订单退款');
  const refundedFen = refunds.reduce((sum, o) => sum + o.totalFen, 0);
  return HttpResponse.json<CloseDayResult>({
    date,
    expired: expired.length,
    waiting: placed.length - expired.length,
    refunded: refunds.length,
    refundedFen,
  });
}

function cancel(order: MockOrder) {
  if (order.status === 'placed') {
    moveOrder(order, 'cancelled');
    refund(order, '取消订单退款');
    release(order);
  }
  return HttpResponse.json<Order>(publicOrder(order));
}

const itemOf = (params: Params) =>
  takeawayState.items.find((i) => i.id === params.itemId && i.canteenId === params.canteenId);

/** A route on one of the caller's items (404 for an unknown one). */
const onItem = (answer: (item: TakeawayItem) => Answer) => (params: Params) => {
  const item = itemOf(params);
  return item ? answer(item) : errorResponse(404, 'ITEM_NOT_FOUND');
};

/** A route on one of the caller's orders (404 for someone else's, as the BFF). */
const onMyOrder = (answer: (order: MockOrder) => Answer) =>
  signedIn((person, params) => {
    const order = takeawayState.orders.find((o) => o.id === params.id && o.personId === person.id);
    return order ? answer(order) : errorResponse(404, 'ORDER_NOT_FOUND');
  });

function shelf(person: MockPerson, params: Params, request: Request) {
  const canteen = findCanteen(params.canteenId);
  if (isFailure(canteen)) return canteen;
  const date = new URL(request.url).searchParams.get('date') ?? mockToday();
  const runs = runsCanteen(person, canteen);
  const items = takeawayState.items.filter(
    (i) => i.canteenId === canteen.id && i.date === date && (runs || i.status === 'published'),
  );
  const closedAt = closedAtOf(canteen.id, date);
  // As the BFF: a limited item says how many more this person may buy (their orders not cancelled).
  const held = (itemId: string) =>
    takeawayState.orders
      .filter((o) => o.personId === person.id && o.status !== 'cancelled')
      .flatMap((o) => o.items)
      .filter((l) => l.itemId === itemId)
      .reduce((sum, l) => sum + l.quantity, 0);
  const answered = structuredClone(items).map((item) =>
    item.perPersonLimit === null ? item : { ...item, limitLeft: Math.max(0, item.perPersonLimit - held(item.id)) },
  );
  return HttpResponse.json<TakeawayItemList>({ items: answered, ...(closedAt && { closedAt }) });
}

function pickup(canteenId: string, code: string) {
  const order = takeawayState.orders.find((o) => o.canteenId === canteenId && o.pickupCode === code.trim());
  if (!order) return errorResponse(404, 'PICKUP_CODE_INVALID');
  if (order.status === 'placed') moveOrder(order, 'collected');
  return HttpResponse.json<BoardOrder>(boardOrder(order));
}

const CANTEEN = '/canteens/:canteenId';

export function takeawayHandlers(base: string): HttpHandler[] {
  const canteen = `${base}${CANTEEN}`;
  const item = `${canteen}/takeaway/:itemId`;
  const settings = `${canteen}/takeaway/settings`;
  const json = (item: TakeawayItem) => HttpResponse.json<TakeawayItem>(structuredClone(item));
  const setStatus = (status: TakeawayItem['status']) =>
    signedIn((_person, params) => onItem((found) => json(Object.assign(found, { status })))(params));
  const refundExpired = (canteenId: string) => takeawayState.refundExpired.get(canteenId) ?? false;

  return [
    http.get<Params>(`${canteen}/takeaway`, signedIn(shelf)),
    http.post<Params>(
      `${canteen}/takeaway`,
      signedInWith<NewTakeawayItem>((_person, body, params) =>
        HttpResponse.json<TakeawayItem>(newItem(params.canteenId, body), { status: 201 }),
      ),
    ),
    http.post<Params>(`${item}/publish`, setStatus('published')),
    http.post<Params>(`${item}/withdraw`, setStatus('withdrawn')),
    http.put<Params>(
      `${item}/stock`,
      signedInWith<TakeawayStockChange>((_person, { stock }, params) =>
        onItem((found) => json(Object.assign(found, { stock, remaining: stock - (found.stock - found.remaining) })))(
          params,
        ),
      ),
    ),
    http.get<Params>(
      settings,
      signedIn((_person, params) =>
        HttpResponse.json<TakeawaySettings>({ refundExpired: refundExpired(params.canteenId) }),
      ),
    ),
    http.put<Params>(
      settings,
      signedInWith<TakeawaySettings>((_person, body, params) => {
        takeawayState.refundExpired.set(params.canteenId, body.refundExpired);
        return HttpResponse.json<TakeawaySettings>({ refundExpired: body.refundExpired });
      }),
    ),
    http.post<Params>(
      `${canteen}/takeaway/close-day`,
      signedInWith<CloseDay>((_person, body, params) => closeDay(params.canteenId, body.date)),
    ),
    http.get<Params>(
      `${canteen}/orders`,
      signedIn((_person, params, request) => {
        const date = new URL(request.url).searchParams.get('date') ?? mockToday();
        return HttpResponse.json<CanteenBoard>(boardOf(params.canteenId, date));
      }),
    ),
    http.post<Params>(
      `${canteen}/pickups`,
      signedInWith<PickupRequest>((_person, body, params) => pickup(params.canteenId, body.code)),
    ),
    http.post<Params>(
      `${base}/orders`,
      signedInWith<NewOrder>((person, body, _params, request) => {
        const order = placeOrder(person.id, request.headers.get('idempotency-key'), body);
        return order ? HttpResponse.json<Order>(order, { status: 201 }) : errorResponse(404, 'ITEM_NOT_FOUND');
      }),
    ),
    http.get<Params>(
      `${base}/orders`,
      signedIn((person) => {
        const orders = takeawayState.orders.filter((o) => o.personId === person.id).reverse();
        return HttpResponse.json<OrderList>({ items: orders.map(publicOrder) });
      }),
    ),
    http.get<Params>(
      `${base}/orders/:id`,
      onMyOrder((order) => HttpResponse.json<Order>(publicOrder(order))),
    ),
    http.post<Params>(`${base}/orders/:id/cancel`, onMyOrder(cancel)),
  ];
}
