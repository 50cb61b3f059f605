import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ErrorBody } from '../contract/common.schema';
import { ERROR_MESSAGES, type ErrorCode } from '../contract/errors';
import type { MealCard, MealCardTransaction, TopupRequest, TopupResult } from '../contract/meal-card.schema';
import {
  TAKEAWAY_LIMITS,
  type BoardOrder,
  type CanteenBoard,
  type CloseDayResult,
  type NewOrder,
  type NewTakeawayItem,
  type Order,
  type OrderStatus,
  type PickupSlot,
  type TakeawayItem,
} from '../contract/takeaway.schema';
import { canteenMock } from './canteen';
import type { MockPerson } from './data';
import { mockState, nextId, onMockReset, toInstant } from './state';

/**
 * 食堂外卖 and 数字餐卡 from memory, behaving like the BFF (bff/src/modules/takeaway, meal-card):
 * the same refusal codes in the same order, money in fen, balance = sum of the card's ledger,
 * `Idempotency-Key` replays, staff links per canteen. Not modelled: concurrency storms.
 */

const HOUR = 3600_000;

interface MockOrder extends Order {
  personId: string;
  idempotencyKey: string;
  requestHash: string;
}

interface MockCard {
  balanceFen: number;
  /** Oldest first. */
  ledger: MealCardTransaction[];
}

interface TakeawayMockState {
  items: TakeawayItem[];
  orders: MockOrder[];
  cards: Map<string, MockCard>;
  /** `${personId}|${itemId}` → quantity bought (not cancelled). */
  purchases: Map<string, number>;
  refundExpired: Map<string, boolean>;
  /** `${canteenId}|${date}` → when the canteen closed that day (结束今天). */
  closedDays: Map<string, string>;
  topups: Map<string, { hash: string; result: TopupResult }>;
}

export const DEMO_TOPUP_NOTE = '演示初始餐补';
const SEED_BALANCE_FEN = 30_000;

/** Today in Asia/Shanghai by the mock's clock, `YYYY-MM-DD`. */
export function mockToday(): string {
  return toInstant(mockState.now()).slice(0, 10);
}

/** `HH:mm` on a Shanghai date as an instant with offset. */
export function shanghaiAt(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00.000+08:00`;
}

function seedItems(today: string): TakeawayItem[] {
  const dayEnd = toInstant(Date.parse(shanghaiAt(today, '00:00')) + 24 * HOUR);
  const slots = (itemId: string): PickupSlot[] =>
    [
      ['11:00', '11:30', 60],
      ['11:30', '12:00', 60],
      ['12:00', '12:30', 60],
    ].map(([starts, ends, capacity], i) => ({
      id: `${itemId}-slot-${i + 1}`,
      startsAt: shanghaiAt(today, starts as string),
      endsAt: shanghaiAt(today, ends as string),
      capacity: capacity as number,
      remaining: capacity as number,
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
      pickupStartsAt: shanghaiAt(today, '00:00'),
      pickupEndsAt: dayEnd,
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

function fresh(): TakeawayMockState {
  const cards = new Map<string, MockCard>();
  const at = toInstant(mockState.now() - 24 * HOUR);
  const admin = mockState.people.get('demo-admin');
  for (const person of mockState.people.values()) {
    if (person.roles.every((role) => role === 'visitor')) continue;
    cards.set(person.id, {
      balanceFen: SEED_BALANCE_FEN,
      ledger: [
        {
          id: `tx-seed-${person.id}`,
          kind: 'topup',
          amountFen: SEED_BALANCE_FEN,
          balanceAfterFen: SEED_BALANCE_FEN,
          note: DEMO_TOPUP_NOTE,
          ...(admin ? { by: { id: admin.id, name: admin.name } } : {}),
          at,
        },
      ],
    });
  }
  return {
    items: seedItems(mockToday()),
    orders: [],
    cards,
    purchases: new Map(),
    refundExpired: new Map(),
    closedDays: new Map(),
    topups: new Map(),
  };
}

/** The takeaway world; reset together with the rest of the mock (`resetMockState()`). */
export const takeawayState: TakeawayMockState = fresh();
onMockReset(() => Object.assign(takeawayState, fresh()));

// ---- test helpers ---------------------------------------------------------------------------------

/** Test helper: an item as the mock holds it (mutable). */
export function mockItem(name: string): TakeawayItem {
  const item = takeawayState.items.find((i) => i.name === name);
  if (!item) throw new Error(`mock: no takeaway item ${name}`);
  return item;
}

/** Test helper: set a card's balance (with a ledger row, so balance = sum of the ledger still holds). */
export function setCardBalance(personId: string, balanceFen: number): void {
  const card = cardOf(personId);
  addLedger(personId, card, {
    kind: balanceFen >= card.balanceFen ? 'topup' : 'payment',
    amountFen: balanceFen - card.balanceFen,
    note: '测试调整',
  });
}

// ---- plumbing -------------------------------------------------------------------------------------

type Failure = HttpResponse<ErrorBody>;
const isFailure = (value: unknown): value is Failure => value instanceof Response;

function fail(status: number, code: ErrorCode): Failure {
  return HttpResponse.json<ErrorBody>({ error: { code, message: ERROR_MESSAGES[code] } }, { status });
}

/** The signed-in person (holding one of `roles` when given), or the 401/403 the BFF would answer. */
export function authenticate(request: Request, roles?: readonly string[]): MockPerson | Failure {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const session = token ? mockState.sessions.get(token) : undefined;
  if (!session || session.revoked) return fail(401, 'UNAUTHENTICATED');
  if (session.expiresAt <= mockState.now()) return fail(401, 'TOKEN_EXPIRED');
  const person = mockState.people.get(session.personId);
  if (!person) return fail(401, 'UNAUTHENTICATED');
  if (person.disabled) return fail(403, 'USER_DISABLED');
  if (roles && !person.roles.some((role) => roles.includes(role))) return fail(403, 'FORBIDDEN');
  return person;
}

async function jsonBody<T>(request: Request): Promise<T | Failure> {
  try {
    const body = (await request.json()) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'VALIDATION_FAILED');
    return body as T;
  } catch {
    return fail(400, 'MALFORMED_JSON');
  }
}

function idempotencyKey(request: Request): string | Failure {
  const key = request.headers.get('idempotency-key') ?? '';
  return /^[\x21-\x7e]{1,128}$/.test(key) ? key : fail(400, 'IDEMPOTENCY_KEY_REQUIRED');
}

/** Canteens and who runs them come from the canteen mock (mock/canteen.ts), as in the BFF. */
const findCanteen = (canteenId: string) => canteenMock().canteens.find((c) => c.id === canteenId);

const isStaffOf = (person: MockPerson, canteenId: string) =>
  person.roles.includes('canteen') && (findCanteen(canteenId)?.staff.includes(person.id) ?? false);

function canteenOf(canteenId: string): { id: string } | Failure {
  return findCanteen(canteenId) ?? fail(404, 'CANTEEN_NOT_FOUND');
}

/** The canteen's staff, or an admin (for everything but pickups). */
function assertManager(person: MockPerson, canteenId: string): Failure | undefined {
  if (person.roles.includes('admin')) {
    const canteen = canteenOf(canteenId);
    return isFailure(canteen) ? canteen : undefined;
  }
  if (!person.roles.includes('canteen')) return fail(403, 'FORBIDDEN');
  return isStaffOf(person, canteenId) ? undefined : fail(403, 'NOT_CANTEEN_STAFF');
}

function cardOf(personId: string): MockCard {
  let card = takeawayState.cards.get(personId);
  if (!card) {
    card = { balanceFen: 0, ledger: [] };
    takeawayState.cards.set(personId, card);
  }
  return card;
}

function addLedger(
  personId: string,
  card: MockCard,
  row: Omit<MealCardTransaction, 'id' | 'balanceAfterFen' | 'at'>,
): MealCardTransaction {
  card.balanceFen += row.amountFen;
  const tx: MealCardTransaction = {
    id: nextId('tx'),
    ...row,
    balanceAfterFen: card.balanceFen,
    at: toInstant(mockState.now()),
  };
  card.ledger.push(tx);
  void personId;
  return tx;
}

const publicOrder = (order: MockOrder): Order => {
  const { personId: _p, idempotencyKey: _k, requestHash: _h, ...rest } = order;
  return structuredClone(rest);
};

function boardOrder(order: MockOrder): BoardOrder {
  const person = mockState.people.get(order.personId);
  return { ...publicOrder(order), person: { id: order.personId, name: person?.name ?? '', unit: person?.unit ?? '' } };
}

function boardOf(canteenId: string, date: string): CanteenBoard {
  const orders = takeawayState.orders.filter((o) => o.canteenId === canteenId && o.date === date);
  const prep = new Map<string, { itemId: string; name: string; quantity: number; collected: number }>();
  for (const order of orders) {
    if (order.status === 'cancelled' || order.status === 'expired') continue;
    for (const line of order.items) {
      const row = prep.get(line.itemId) ?? { itemId: line.itemId, name: line.name, quantity: 0, collected: 0 };
      row.quantity += line.quantity;
      if (order.status === 'collected') row.collected += line.quantity;
      prep.set(line.itemId, row);
    }
  }
  const closedAt = closedAtOf(canteenId, date);
  return {
    canteenId,
    date,
    orders: orders.map(boardOrder),
    prepList: [...prep.values()],
    ...(closedAt ? { closedAt } : {}),
  };
}

function moveOrder(order: MockOrder, status: OrderStatus): void {
  order.status = status;
  order.timeline.push({ status, at: toInstant(mockState.now()) });
}

/** Stock, slot and per-person counts go back (cancel). */
function releaseOrder(order: MockOrder): void {
  for (const line of order.items) {
    const item = takeawayState.items.find((i) => i.id === line.itemId);
    if (item) item.remaining += line.quantity;
    const key = `${order.personId}|${line.itemId}`;
    takeawayState.purchases.set(key, Math.max(0, (takeawayState.purchases.get(key) ?? 0) - line.quantity));
  }
  if (order.pickupSlot) {
    const slot = takeawayState.items.flatMap((i) => i.pickupSlots).find((s) => s.id === order.pickupSlot?.id);
    if (slot) slot.remaining += 1;
  }
}

function refund(order: MockOrder, note: string): void {
  if (order.totalFen <= 0) return;
  addLedger(order.personId, cardOf(order.personId), {
    kind: 'refund',
    amountFen: order.totalFen,
    orderId: order.id,
    note,
  });
  order.refundedFen = order.totalFen;
}

const refuseFinished = (status: OrderStatus): Failure =>
  status === 'collected'
    ? fail(409, 'ORDER_ALREADY_COLLECTED')
    : status === 'cancelled'
      ? fail(409, 'ORDER_CANCELLED')
      : fail(409, 'ORDER_EXPIRED');

function newPickupCode(canteenId: string, date: string): string {
  for (;;) {
    const code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
    if (!takeawayState.orders.some((o) => o.canteenId === canteenId && o.date === date && o.pickupCode === code))
      return code;
  }
}

function placeOrder(person: MockPerson, key: string, input: NewOrder): Order | Failure {
  const merged = new Map<string, number>();
  for (const { itemId, quantity } of input.items ?? []) {
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > TAKEAWAY_LIMITS.maxQuantity)
      return fail(400, 'INVALID_QUANTITY');
    merged.set(itemId, (merged.get(itemId) ?? 0) + quantity);
  }
  if (merged.size === 0) return fail(400, 'VALIDATION_FAILED');
  const lines = [...merged].sort(([a], [b]) => (a < b ? -1 : 1));
  if (lines.some(([, q]) => q > TAKEAWAY_LIMITS.maxQuantity)) return fail(400, 'INVALID_QUANTITY');
  const requestHash = JSON.stringify({ canteenId: input.canteenId, lines, slot: input.pickupSlotId ?? null });
  const earlier = takeawayState.orders.find((o) => o.personId === person.id && o.idempotencyKey === key);
  if (earlier) return earlier.requestHash === requestHash ? publicOrder(earlier) : fail(422, 'IDEMPOTENCY_KEY_REUSED');

  const now = toInstant(mockState.now());
  const at = mockState.now();
  const wanted: { item: TakeawayItem; quantity: number }[] = [];
  for (const [itemId, quantity] of lines) {
    const item = takeawayState.items.find((i) => i.id === itemId);
    if (!item) return fail(404, 'ITEM_NOT_FOUND');
    wanted.push({ item, quantity });
  }
  if (wanted.some(({ item }) => item.canteenId !== input.canteenId)) return fail(409, 'WRONG_CANTEEN');
  const date = wanted[0].item.date;
  if (wanted.some(({ item }) => item.date !== date)) return fail(400, 'ORDER_MIXED_DATES');
  if (wanted.filter(({ item }) => item.pickupSlots.length > 0).length > 1) return fail(400, 'ORDER_MIXED_SLOTS');
  if (closedAtOf(input.canteenId, date)) return fail(409, 'TAKEAWAY_DAY_CLOSED');
  for (const { item, quantity } of wanted) {
    if (item.status !== 'published') return fail(409, 'ITEM_WITHDRAWN');
    if (at < Date.parse(item.saleStartsAt)) return fail(409, 'SALE_NOT_OPEN');
    if (at >= Date.parse(item.saleEndsAt)) return fail(409, 'SALE_CLOSED');
    if (item.perPersonLimit !== null && quantity > item.perPersonLimit) return fail(409, 'LIMIT_EXCEEDED');
    if (item.remaining < quantity) return fail(409, 'SOLD_OUT');
  }
  const slots = wanted.flatMap(({ item }) => item.pickupSlots);
  const slot = input.pickupSlotId ? slots.find((s) => s.id === input.pickupSlotId) : undefined;
  if (input.pickupSlotId && !slot) {
    const elsewhere = takeawayState.items.some(
      (i) => i.canteenId !== input.canteenId && i.pickupSlots.some((s) => s.id === input.pickupSlotId),
    );
    return elsewhere ? fail(409, 'WRONG_CANTEEN') : fail(404, 'SLOT_NOT_FOUND');
  }
  if (!slot && slots.length > 0) return fail(400, 'PICKUP_SLOT_REQUIRED');
  if (slot && slot.remaining < 1) return fail(409, 'SLOT_FULL');
  const totalFen = wanted.reduce((sum, { item, quantity }) => sum + item.priceFen * quantity, 0);
  const card = cardOf(person.id);
  if (card.balanceFen < totalFen) return fail(409, 'INSUFFICIENT_BALANCE');
  for (const { item, quantity } of wanted) {
    const bought = takeawayState.purchases.get(`${person.id}|${item.id}`) ?? 0;
    if (item.perPersonLimit !== null && bought + quantity > item.perPersonLimit) return fail(409, 'LIMIT_EXCEEDED');
  }

  const order: MockOrder = {
    id: nextId('order'),
    canteenId: input.canteenId,
    date,
    status: 'placed',
    items: wanted.map(({ item, quantity }) => ({
      itemId: item.id,
      name: item.name,
      quantity,
      priceFen: item.priceFen,
      amountFen: item.priceFen * quantity,
    })),
    totalFen,
    pickupSlot: slot ? { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt } : null,
    pickupStartsAt: slot ? slot.startsAt : wanted.map(({ item }) => item.pickupStartsAt).sort()[0],
    pickupEndsAt: slot
      ? slot.endsAt
      : wanted
          .map(({ item }) => item.pickupEndsAt)
          .sort()
          .reverse()[0],
    pickupCode: newPickupCode(input.canteenId, date),
    cancellableUntil: wanted.map(({ item }) => item.saleEndsAt).sort()[0],
    refundedFen: 0,
    timeline: [{ status: 'placed', at: now }],
    createdAt: now,
    personId: person.id,
    idempotencyKey: key,
    requestHash,
  };
  addLedger(person.id, card, { kind: 'payment', amountFen: -totalFen || 0, orderId: order.id, note: '外卖订单' });
  for (const { item, quantity } of wanted) {
    item.remaining -= quantity;
    const purchaseKey = `${person.id}|${item.id}`;
    takeawayState.purchases.set(purchaseKey, (takeawayState.purchases.get(purchaseKey) ?? 0) + quantity);
  }
  if (slot) slot.remaining -= 1;
  takeawayState.orders.push(order);
  return publicOrder(order);
}

/** When the canteen closed the day (结束今天), or undefined while it sells. */
function closedAtOf(canteenId: string, date: string): string | undefined {
  return takeawayState.closedDays.get(`${canteenId}|${date}`);
}

function createItem(canteenId: string, input: NewTakeawayItem): TakeawayItem | Failure {
  if (!input.name?.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(input.date ?? '')) return fail(400, 'VALIDATION_FAILED');
  if (closedAtOf(canteenId, input.date)) return fail(409, 'TAKEAWAY_DAY_CLOSED');
  const ms = (s: string) => Date.parse(s);
  const [saleStarts, saleEnds, pickupStarts, pickupEnds] = [
    input.saleStartsAt,
    input.saleEndsAt,
    input.pickupStartsAt,
    input.pickupEndsAt,
  ].map(ms);
  if ([saleStarts, saleEnds, pickupStarts, pickupEnds].some(Number.isNaN)) return fail(400, 'TAKEAWAY_WINDOW_INVALID');
  if (saleStarts >= saleEnds || pickupStarts >= pickupEnds || pickupEnds <= saleStarts)
    return fail(400, 'TAKEAWAY_WINDOW_INVALID');
  if (toInstant(pickupStarts).slice(0, 10) !== input.date) return fail(400, 'TAKEAWAY_WINDOW_INVALID');
  const id = nextId('ta');
  const slots: PickupSlot[] = [];
  for (const slot of input.pickupSlots ?? []) {
    const starts = ms(slot.startsAt);
    const ends = ms(slot.endsAt);
    if (!(starts < ends) || starts < pickupStarts || ends > pickupEnds) return fail(400, 'TAKEAWAY_WINDOW_INVALID');
    slots.push({
      id: nextId('slot'),
      startsAt: toInstant(starts),
      endsAt: toInstant(ends),
      capacity: slot.capacity,
      remaining: slot.capacity,
    });
  }
  const item: TakeawayItem = {
    id,
    canteenId,
    date: input.date,
    name: input.name.trim(),
    priceFen: input.priceFen,
    stock: input.stock,
    remaining: input.stock,
    saleStartsAt: toInstant(saleStarts),
    saleEndsAt: toInstant(saleEnds),
    pickupStartsAt: toInstant(pickupStarts),
    pickupEndsAt: toInstant(pickupEnds),
    perPersonLimit: input.perPersonLimit ?? null,
    ...(input.dishId ? { dishId: input.dishId } : {}),
    pickupSlots: slots,
    status: input.publish === false ? 'withdrawn' : 'published',
  };
  takeawayState.items.push(item);
  return item;
}

type Params = Record<string, string>;

/** Every takeaway and meal-card route under `base` (GET /canteens is the canteen mock's). */
export function takeawayHandlers(base = '*/api'): HttpHandler[] {
  const item = (params: Params) =>
    takeawayState.items.find((i) => i.id === params.itemId && i.canteenId === params.canteenId);
  return [
    http.get<Params>(`${base}/canteens/:canteenId/takeaway`, ({ request, params }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const canteen = canteenOf(params.canteenId);
      if (isFailure(canteen)) return canteen;
      const date = new URL(request.url).searchParams.get('date') ?? mockToday();
      const manager = person.roles.includes('admin') || isStaffOf(person, canteen.id);
      const items = takeawayState.items.filter(
        (i) => i.canteenId === canteen.id && i.date === date && (manager || i.status === 'published'),
      );
      const closedAt = closedAtOf(canteen.id, date);
      return HttpResponse.json({ items: structuredClone(items), ...(closedAt ? { closedAt } : {}) });
    }),

    http.post<Params>(`${base}/canteens/:canteenId/takeaway`, async ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      const body = await jsonBody<NewTakeawayItem>(request);
      if (isFailure(body)) return body;
      const created = createItem(params.canteenId, body);
      return isFailure(created) ? created : HttpResponse.json(created, { status: 201 });
    }),

    http.post<Params>(`${base}/canteens/:canteenId/takeaway/:itemId/:action`, ({ request, params }) => {
      if (params.action !== 'publish' && params.action !== 'withdraw') return fail(404, 'NOT_FOUND');
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      const found = item(params);
      if (!found) return fail(404, 'ITEM_NOT_FOUND');
      found.status = params.action === 'publish' ? 'published' : 'withdrawn';
      return HttpResponse.json(structuredClone(found));
    }),

    http.put<Params>(`${base}/canteens/:canteenId/takeaway/:itemId/stock`, async ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      const body = await jsonBody<{ stock: number }>(request);
      if (isFailure(body)) return body;
      if (!Number.isSafeInteger(body.stock) || body.stock < 0 || body.stock > TAKEAWAY_LIMITS.maxStock)
        return fail(400, 'VALIDATION_FAILED');
      const found = item(params);
      if (!found) return fail(404, 'ITEM_NOT_FOUND');
      const sold = found.stock - found.remaining;
      if (body.stock < sold) return fail(409, 'STOCK_BELOW_SOLD');
      found.stock = body.stock;
      found.remaining = body.stock - sold;
      return HttpResponse.json(structuredClone(found));
    }),

    http.get<Params>(`${base}/canteens/:canteenId/takeaway/settings`, ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      return HttpResponse.json({ refundExpired: takeawayState.refundExpired.get(params.canteenId) ?? false });
    }),

    http.put<Params>(`${base}/canteens/:canteenId/takeaway/settings`, async ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      const body = await jsonBody<{ refundExpired: boolean }>(request);
      if (isFailure(body)) return body;
      if (typeof body.refundExpired !== 'boolean') return fail(400, 'VALIDATION_FAILED');
      takeawayState.refundExpired.set(params.canteenId, body.refundExpired);
      return HttpResponse.json({ refundExpired: body.refundExpired });
    }),

    http.post<Params>(`${base}/canteens/:canteenId/takeaway/close-day`, async ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      const body = await jsonBody<{ date: string }>(request);
      if (isFailure(body)) return body;
      if (body.date > mockToday()) return fail(400, 'CLOSE_DAY_IN_FUTURE');
      const dayKey = `${params.canteenId}|${body.date}`;
      if (!takeawayState.closedDays.has(dayKey)) takeawayState.closedDays.set(dayKey, toInstant(mockState.now()));
      const refundOn = takeawayState.refundExpired.get(params.canteenId) ?? false;
      const expired = takeawayState.orders.filter(
        (o) => o.canteenId === params.canteenId && o.date === body.date && o.status === 'placed',
      );
      let refundedFen = 0;
      let refunded = 0;
      for (const order of expired) {
        moveOrder(order, 'expired');
        if (refundOn && order.totalFen > 0) {
          refund(order, '过期订单退款');
          refunded += 1;
          refundedFen += order.totalFen;
        }
      }
      return HttpResponse.json<CloseDayResult>({ date: body.date, expired: expired.length, refunded, refundedFen });
    }),

    http.get<Params>(`${base}/canteens/:canteenId/orders`, ({ request, params }) => {
      const person = authenticate(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      const denied = assertManager(person, params.canteenId);
      if (denied) return denied;
      return HttpResponse.json(boardOf(params.canteenId, new URL(request.url).searchParams.get('date') ?? mockToday()));
    }),

    http.post<Params>(`${base}/canteens/:canteenId/pickups`, async ({ request, params }) => {
      const person = authenticate(request, ['canteen']);
      if (isFailure(person)) return person;
      if (!isStaffOf(person, params.canteenId)) return fail(403, 'NOT_CANTEEN_STAFF');
      const body = await jsonBody<{ code: string }>(request);
      if (isFailure(body)) return body;
      const code = String(body.code ?? '').trim();
      if (!/^\d{6}$/.test(code)) return fail(400, 'PICKUP_CODE_INVALID');
      const found = takeawayState.orders.filter((o) => o.pickupCode === code);
      const today = mockToday();
      const here = found.filter((o) => o.canteenId === params.canteenId);
      if (here.length === 0) return found.length > 0 ? fail(409, 'WRONG_CANTEEN') : fail(404, 'PICKUP_CODE_INVALID');
      const order = here.find((o) => o.date === today) ?? here[0];
      if (order.status !== 'placed') return refuseFinished(order.status);
      if (order.date > today) return fail(409, 'PICKUP_NOT_OPEN');
      moveOrder(order, 'collected');
      return HttpResponse.json(boardOrder(order));
    }),

    http.post(`${base}/orders`, async ({ request }) => {
      const person = authenticate(request, ['staff', 'admin']);
      if (isFailure(person)) return person;
      const key = idempotencyKey(request);
      if (isFailure(key)) return key;
      const body = await jsonBody<NewOrder>(request);
      if (isFailure(body)) return body;
      const order = placeOrder(person, key, body);
      return isFailure(order) ? order : HttpResponse.json(order, { status: 201 });
    }),

    http.get(`${base}/orders`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const mine = takeawayState.orders.filter((o) => o.personId === person.id).reverse();
      return HttpResponse.json({ items: mine.map(publicOrder) });
    }),

    http.get<Params>(`${base}/orders/:id`, ({ request, params }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const order = takeawayState.orders.find((o) => o.id === params.id && o.personId === person.id);
      return order ? HttpResponse.json(publicOrder(order)) : fail(404, 'ORDER_NOT_FOUND');
    }),

    http.post<Params>(`${base}/orders/:id/cancel`, ({ request, params }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const order = takeawayState.orders.find((o) => o.id === params.id && o.personId === person.id);
      if (!order) return fail(404, 'ORDER_NOT_FOUND');
      if (order.status === 'cancelled') return HttpResponse.json(publicOrder(order));
      if (order.status !== 'placed') return refuseFinished(order.status);
      if (mockState.now() >= Date.parse(order.cancellableUntil)) return fail(409, 'ORDER_NOT_CANCELLABLE');
      moveOrder(order, 'cancelled');
      refund(order, '取消订单退款');
      releaseOrder(order);
      return HttpResponse.json(publicOrder(order));
    }),

    http.get<never, never, MealCard | ErrorBody>(`${base}/meal-card`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const limit = Number(new URL(request.url).searchParams.get('limit') ?? 50);
      const card = cardOf(person.id);
      return HttpResponse.json<MealCard>({
        personId: person.id,
        balanceFen: card.balanceFen,
        transactions: [...card.ledger].reverse().slice(0, limit),
      });
    }),

    http.get<Params, never, MealCard | ErrorBody>(`${base}/meal-cards/:personId`, ({ request, params }) => {
      const person = authenticate(request, ['admin']);
      if (isFailure(person)) return person;
      if (!mockState.people.has(params.personId)) return fail(404, 'USER_NOT_FOUND');
      const limit = Number(new URL(request.url).searchParams.get('limit') ?? 50);
      const card = takeawayState.cards.get(params.personId) ?? { balanceFen: 0, ledger: [] };
      return HttpResponse.json<MealCard>({
        personId: params.personId,
        balanceFen: card.balanceFen,
        transactions: [...card.ledger].reverse().slice(0, limit),
      });
    }),

    http.post(`${base}/meal-cards/topups`, async ({ request }) => {
      const admin = authenticate(request, ['admin']);
      if (isFailure(admin)) return admin;
      const key = idempotencyKey(request);
      if (isFailure(key)) return key;
      const body = await jsonBody<TopupRequest>(request);
      if (isFailure(body)) return body;
      if ((body.personIds === undefined) === (body.unit === undefined)) return fail(400, 'VALIDATION_FAILED');
      if (!Number.isSafeInteger(body.amountFen) || body.amountFen < 1 || !body.note?.trim())
        return fail(400, 'VALIDATION_FAILED');
      const hash = JSON.stringify({
        p: body.personIds ? [...new Set(body.personIds)].sort() : null,
        u: body.unit?.trim() ?? null,
        a: body.amountFen,
        n: body.note.trim(),
      });
      const earlier = takeawayState.topups.get(`${admin.id}|${key}`);
      if (earlier)
        return earlier.hash === hash
          ? HttpResponse.json(earlier.result, { status: 201 })
          : fail(422, 'IDEMPOTENCY_KEY_REUSED');
      // Disabled accounts are never topped up (as the BFF: named ones are unknown, a unit skips them).
      const people = [...mockState.people.values()].filter((p) => !p.disabled);
      let recipients: MockPerson[];
      if (body.personIds) {
        const ids = [...new Set(body.personIds)];
        recipients = people.filter((p) => ids.includes(p.id));
        if (recipients.length < ids.length) return fail(404, 'USER_NOT_FOUND');
      } else {
        recipients = people.filter((p) => p.unit === body.unit?.trim());
      }
      if (recipients.length === 0) return fail(404, 'TOPUP_NO_RECIPIENTS');
      const note = body.note.trim();
      const result: TopupResult = {
        id: nextId('topup'),
        amountFen: body.amountFen,
        note,
        totalFen: body.amountFen * recipients.length,
        recipients: recipients
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((p) => {
            const card = cardOf(p.id);
            addLedger(p.id, card, {
              kind: 'topup',
              amountFen: body.amountFen,
              note,
              by: { id: admin.id, name: admin.name },
            });
            return { personId: p.id, name: p.name, balanceAfterFen: card.balanceFen };
          }),
        at: toInstant(mockState.now()),
      };
      takeawayState.topups.set(`${admin.id}|${key}`, { hash, result });
      return HttpResponse.json(result, { status: 201 });
    }),
  ];
}
