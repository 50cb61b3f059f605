import type { Kysely } from 'kysely';
import {
  ORDER_STATUS_LABELS,
  TAKEAWAY_LIMITS,
  type BoardOrder,
  type CanteenBoard,
  type CloseDayResult,
  type NewOrder,
  type Order,
  type OrderList,
  type OrderListQuery,
} from '../../../../contract/takeaway.schema';
import { addDays, shanghaiDate } from '../../../../contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError, badRequest, conflict, notFound } from '../../errors';
import type { ErrorCode } from '../../../../contract/errors';
import type { EventBus } from '../../events/event-bus';
import { requireDate } from '../../lib/date-params';
import { createLoadingCache } from '../../fast-paths/loading-cache';
import { newSortableId, sha256Hex } from '../../lib/ids';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth/people.repository';
import type { MealCardService } from '../meal-card/meal-card.service';
import type { MessagesService } from '../messages/messages.service';
import {
  expirePlaced,
  findOrder,
  findOrderByKey,
  linesOf,
  listOrdersOf,
  markCancelled,
  markCollected,
  markRefunded,
  openDaysBefore,
  ordersByCode,
  ordersOfCanteenDay,
  ordersWithPerson,
} from './orders.repository';
import { linesByOrder, toBoard, toBoardOrder, toOrder } from './takeaway.mappers';
import {
  closeDayAndItems,
  findDay,
  findItem,
  findRefundExpired,
  findSlot,
  findItems,
  removePurchase,
  returnSlot,
  returnStock,
  slotsOfItems,
} from './takeaway.repository';
import { KeyTaken, type OrderWrite } from '../../fast-paths/orders/order-transaction';
import { createInlineOrderWriter, type OrderWriter } from '../../fast-paths/orders/order-writer';
import type { OrderLineRow, OrderRow, TakeawayItemRow } from './takeaway.table';
import type { TakeawayService } from './takeaway.service';

/** The bus channel of order changes: `{ canteenId, date, orderIds }`. */
export const ORDER_EVENTS = 'takeaway.orders';
/** A canteen closed a day (结束今天): `{canteenId, date, closedAt}`, closedAt an ISO instant. */
export const DAY_CLOSED_EVENTS = 'takeaway.day-closed';

export interface DayClosedPayload {
  canteenId: string;
  date: string;
  closedAt: string;
}
export interface OrderEventPayload {
  canteenId: string;
  date: string;
  orderIds: string[];
}
/** Keeps a NOTIFY payload well under PostgreSQL's 8000 bytes. */
const IDS_PER_EVENT = 100;

/**
 * How long the order path reuses an item it read (per instance), so a popular item is read about
 * once a second rather than once per order. Safe because what an order relies on that can change
 * (status, stock, the day's close) is checked again by the transaction's conditional update, and
 * a refusal is always answered from a fresh read.
 */
const ITEM_MEMO_MS = 1000;
/** How long a shutdown waits for orders still being placed (see flush) before it goes on. */
const FLUSH_WAIT_MS = 10_000;
/** How far around today a typed pickup code is looked for (codes repeat across days). */
const PICKUP_SEARCH_DAYS = 7;

const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Thrown inside a transaction whose conditional update found the order no longer placed. */
class OrderMoved extends Error {}

/** Why an order in this state cannot be collected or cancelled. */
function refuseFinished(status: OrderRow['status']): DomainError {
  if (status === 'collected') return conflict('ORDER_ALREADY_COLLECTED');
  if (status === 'cancelled') return conflict('ORDER_CANCELLED');
  return conflict('ORDER_EXPIRED');
}

/**
 * Refusals that depend on an item's changing state (stock, status, sale window, close of day,
 * limit), which a memoised item may show out of date. Others (slots, balance, mixed orders) are
 * decided from fresh reads or from the request itself.
 */
const ITEM_REFUSALS = new Set<ErrorCode>([
  'ITEM_NOT_FOUND',
  'TAKEAWAY_DAY_CLOSED',
  'ITEM_WITHDRAWN',
  'SALE_NOT_OPEN',
  'SALE_CLOSED',
  'LIMIT_EXCEEDED',
  'SOLD_OUT',
]);
const isItemRefusal = (error: unknown): boolean => error instanceof DomainError && ITEM_REFUSALS.has(error.code);

interface Line {
  item: TakeawayItemRow;
  quantity: number;
}

export function createOrdersService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  bus: EventBus;
  messages: MessagesService;
  mealCards: MealCardService;
  takeaway: TakeawayService;
  /** Runs the order transactions; by default on this thread (see order-writer.ts). */
  writer?: OrderWriter;
}) {
  const { db, clock, bus, messages, mealCards, takeaway } = deps;
  const writer = deps.writer ?? createInlineOrderWriter(db);
  const itemMemo = createLoadingCache<TakeawayItemRow | undefined>({ ttlMs: ITEM_MEMO_MS, maxEntries: 1000 });

  /** Changed orders not yet announced, by canteen and day; sent together after this turn of the event loop. */
  const unannounced = new Map<string, OrderEventPayload>();
  /** Announcements on their way, so a shutdown can wait for them before the bus and database close. */
  const sending = new Set<Promise<unknown>>();

  function announce(): void {
    const events = [...unannounced.values()];
    unannounced.clear();
    for (const { canteenId, date, orderIds } of events) {
      for (let i = 0; i < orderIds.length; i += IDS_PER_EVENT) {
        // The bus never throws: a lost event only delays a board until it reloads.
        const sent = bus.publish(ORDER_EVENTS, {
          canteenId,
          date,
          orderIds: orderIds.slice(i, i + IDS_PER_EVENT),
        } satisfies OrderEventPayload);
        heldIn(sending, sent);
      }
    }
  }

  /**
   * Placings, cancels, pickups and closes of day still running: each writes, then announces, so a
   * shutdown lets them finish before the bus and the database close (see flush). A request whose
   * client has gone is still running when the server has closed its last connection.
   */
  const running = new Set<Promise<unknown>>();

  /** Keeps `work` in `set` until it settles, so a shutdown can wait for it; answers `work`. */
  function heldIn<T>(set: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
    set.add(work);
    const done = () => set.delete(work);
    work.then(done, done);
    return work;
  }

  /**
   * After commit: tell every instance's boards which orders changed. Orders committed in the same
   * turn of the event loop (a lunch rush) go out as one event per canteen and day, not one each
   * (on PostgreSQL each event is a NOTIFY round trip).
   */
  function publish(canteenId: string, date: string, orderIds: string[]): void {
    if (orderIds.length === 0) return;
    const key = `${canteenId}\u0000${date}`;
    const pending = unannounced.get(key);
    if (pending) pending.orderIds.push(...orderIds);
    else {
      if (unannounced.size === 0) setImmediate(announce);
      unannounced.set(key, { canteenId, date, orderIds: [...orderIds] });
    }
  }

  async function orderWithLines(row: OrderRow): Promise<Order> {
    return toOrder(row, await linesOf(db, [row.id]));
  }

  /** Quantities must be whole numbers from 1 to the maximum; lines for one item are merged. */
  function normaliseLines(items: NewOrder['items']): { itemId: string; quantity: number }[] {
    const merged = new Map<string, number>();
    for (const { itemId, quantity } of items) {
      if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > TAKEAWAY_LIMITS.maxQuantity)
        throw badRequest('INVALID_QUANTITY');
      merged.set(itemId, (merged.get(itemId) ?? 0) + quantity);
    }
    const lines = [...merged]
      .map(([itemId, quantity]) => ({ itemId, quantity }))
      .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
    if (lines.some((l) => l.quantity > TAKEAWAY_LIMITS.maxQuantity)) throw badRequest('INVALID_QUANTITY');
    return lines;
  }

  async function replay(personId: string, idempotencyKey: string, requestHash: string): Promise<Order> {
    const earlier = await findOrderByKey(db, personId, idempotencyKey);
    if (!earlier) throw new Error('order replay without a stored order');
    if (earlier.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
    return orderWithLines(earlier);
  }

  /** The board without an access check: for callers that did their own (the live board socket). */
  async function boardOf(canteenId: string, date: string): Promise<CanteenBoard> {
    requireDate(date);
    const [rows, day] = await Promise.all([ordersOfCanteenDay(db, canteenId, date), findDay(db, canteenId, date)]);
    const lines = linesByOrder(
      await linesOf(
        db,
        rows.map((r) => r.id),
      ),
    );
    return toBoard(
      canteenId,
      date,
      rows.map((row) => toBoardOrder(row, lines.get(row.id) ?? [])),
      day?.closed_at ?? null,
    );
  }

  /**
   * Close of day: the day's items stop selling (for good), then every still-placed order of the
   * canteen's day becomes expired; with the canteen's refundExpired setting its money returns to
   * the card. Run again (or by housekeeping after a crash in between), it finishes the job.
   */
  async function closeDay(person: Person | undefined, canteenId: string, date: string): Promise<CloseDayResult> {
    if (person) await takeaway.assertManagerOf(person, canteenId);
    requireDate(date);
    if (date > shanghaiDate(clock.now())) throw badRequest('CLOSE_DAY_IN_FUTURE');
    const refund = await findRefundExpired(db, canteenId);
    const at = toStored(clock.now());
    // First the sales stop: once this commits, no order of the day can commit any more (an order
    // holding an item's row lock commits before the items are closed, so the expiry below sees it).
    // Its own transaction: it locks items, the expiry then cards, and orders lock cards before
    // items, so one transaction holding both could deadlock with an order on PostgreSQL.
    await transactionWithRetry(db, (trx) => closeDayAndItems(trx, canteenId, date, at, person?.id ?? null));
    itemMemo.clear();
    // Every board of the day, on every instance, learns of it (the first close counts).
    const day = await findDay(db, canteenId, date);
    if (day?.closed_at) {
      const sent = bus.publish(DAY_CLOSED_EVENTS, {
        canteenId,
        date,
        closedAt: toInstant(day.closed_at),
      } satisfies DayClosedPayload);
      heldIn(sending, sent);
    }
    const expired = await transactionWithRetry(db, async (trx) => {
      const rows = await expirePlaced(trx, canteenId, date, at);
      // Cards in person order, like every other writer that takes several card locks.
      const refundable = refund
        ? rows
            .filter((r) => r.total_fen > 0)
            .sort((a, b) => (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : byId(a, b)))
        : [];
      for (const r of refundable) {
        await mealCards.refund(trx, {
          personId: r.person_id,
          amountFen: r.total_fen,
          orderId: r.id,
          at,
          note: '过期订单退款',
        });
      }
      await markRefunded(
        trx,
        refundable.map((r) => r.id),
      );
      for (const r of rows) {
        await messages.send(trx, {
          personId: r.person_id,
          title: `外卖订单${ORDER_STATUS_LABELS.expired}`,
          body:
            refund && r.total_fen > 0
              ? `${date} 的外卖订单未取餐，已过期，${yuan(r.total_fen)} 已退回餐卡。`
              : `${date} 的外卖订单未取餐，已过期。`,
        });
      }
      return { rows, refundable };
    });
    publish(
      canteenId,
      date,
      expired.rows.map((r) => r.id),
    );
    return {
      date,
      expired: expired.rows.length,
      refunded: expired.refundable.length,
      refundedFen: expired.refundable.reduce((sum, r) => sum + r.total_fen, 0),
    };
  }

  /** An item as read a moment ago (see `check`); the order path reads each popular item once a second. */
  function memoItem(id: string): TakeawayItemRow | undefined | Promise<TakeawayItemRow | undefined> {
    return itemMemo.get(id, () => findItem(db, id));
  }

  /**
   * The refusals a read can decide, before any write: unknown, foreign, withdrawn, closed, sold
   * out, slots. Items come from the memo: an order it lets through is still decided by the
   * transaction's conditional updates (which check status, sale window and stock again), and a
   * refusal is only ever answered from a fresh read, so a stale memo never refuses an order.
   */
  async function check(input: NewOrder, wanted: { itemId: string; quantity: number }[], now: string) {
    const memo = await Promise.all(wanted.map((l) => memoItem(l.itemId)));
    try {
      return await decide(input, wanted, memo, now);
    } catch (error) {
      if (!isItemRefusal(error)) throw error;
      for (const { itemId } of wanted) itemMemo.delete(itemId);
      const fresh = await Promise.all(wanted.map((l) => memoItem(l.itemId)));
      return decide(input, wanted, fresh, now);
    }
  }

  async function decide(
    input: NewOrder,
    wanted: { itemId: string; quantity: number }[],
    items: (TakeawayItemRow | undefined)[],
    now: string,
  ) {
    const lines: Line[] = wanted.map(({ quantity }, i) => {
      const item = items[i];
      if (!item) throw notFound('ITEM_NOT_FOUND');
      return { item, quantity };
    });
    for (const { item } of lines) if (item.canteen_id !== input.canteenId) throw conflict('WRONG_CANTEEN');
    const date = lines[0].item.date;
    if (lines.some((l) => l.item.date !== date)) throw badRequest('ORDER_MIXED_DATES');
    // A pickup slot is one item's, and an order names one slot: an item split into slots is
    // ordered without another such item, so every slotted item's places are counted.
    if (lines.filter((l) => l.item.has_slots === 1).length > 1) throw badRequest('ORDER_MIXED_SLOTS');
    for (const { item, quantity } of lines) {
      if (item.closed_at !== null) throw conflict('TAKEAWAY_DAY_CLOSED');
      if (item.status !== 'published') throw conflict('ITEM_WITHDRAWN');
      if (now < item.sale_starts_at) throw conflict('SALE_NOT_OPEN');
      if (now >= item.sale_ends_at) throw conflict('SALE_CLOSED');
      if (item.per_person_limit !== null && quantity > item.per_person_limit) throw conflict('LIMIT_EXCEEDED');
      if (item.remaining < quantity) throw conflict('SOLD_OUT');
    }

    // Slots are read only when they matter: a slot was chosen, or an item is split into slots.
    const slots =
      input.pickupSlotId !== undefined || lines.some((l) => l.item.has_slots === 1)
        ? await slotsOfItems(
            db,
            lines.map((l) => l.item.id),
          )
        : [];
    const slot = input.pickupSlotId ? slots.find((s) => s.id === input.pickupSlotId) : undefined;
    if (input.pickupSlotId && !slot) {
      const elsewhere = await findSlot(db, input.pickupSlotId);
      throw elsewhere && elsewhere.canteen_id !== input.canteenId
        ? conflict('WRONG_CANTEEN')
        : notFound('SLOT_NOT_FOUND');
    }
    if (!slot && slots.length > 0) throw badRequest('PICKUP_SLOT_REQUIRED');
    if (slot && slot.remaining < 1) throw conflict('SLOT_FULL');
    return { lines, date, slot };
  }

  const service = {
    /**
     * Places and pays for an order in one transaction. The checks before it answer the common
     * refusals cheaply; inside it, conditional updates on the card, each item (in id order), the
     * per-person counters and the slot are what actually hold the rules under concurrency.
     */
    async place(person: Person, idempotencyKey: string, input: NewOrder): Promise<{ order: Order; replayed: boolean }> {
      const wanted = normaliseLines(input.items);
      const requestHash = sha256Hex(
        JSON.stringify({ canteenId: input.canteenId, lines: wanted, slot: input.pickupSlotId ?? null }),
      );
      const now = toStored(clock.now());
      let checked: Awaited<ReturnType<typeof check>>;
      try {
        checked = await check(input, wanted, now);
      } catch (error) {
        // Retries are rare, so the key is looked up only here (and on a key collision below): a
        // retry of an order that took the last portion must answer that order, not SOLD_OUT.
        if (error instanceof DomainError && (await findOrderByKey(db, person.id, idempotencyKey))) {
          return { order: await replay(person.id, idempotencyKey, requestHash), replayed: true };
        }
        throw error;
      }
      const { lines, date, slot } = checked;

      const totalFen = lines.reduce((sum, l) => sum + l.item.price_fen * l.quantity, 0);
      const orderId = newSortableId();
      const base: Omit<OrderRow, 'pickup_code'> = {
        id: orderId,
        person_id: person.id,
        canteen_id: input.canteenId,
        date,
        status: 'placed',
        total_fen: totalFen,
        refunded_fen: 0,
        pickup_slot_id: slot?.id ?? null,
        pickup_starts_at: slot ? slot.starts_at : lines.map((l) => l.item.pickup_starts_at).sort()[0],
        pickup_ends_at: slot
          ? slot.ends_at
          : lines
              .map((l) => l.item.pickup_ends_at)
              .sort()
              .reverse()[0],
        cancel_until: lines.map((l) => l.item.sale_ends_at).sort()[0],
        idempotency_key: idempotencyKey,
        request_hash: requestHash,
        created_at: now,
        collected_at: null,
        collected_by: null,
        cancelled_at: null,
        expired_at: null,
      };
      const lineRows: OrderLineRow[] = lines.map((l) => ({
        order_id: orderId,
        item_id: l.item.id,
        name: l.item.name,
        quantity: l.quantity,
        price_fen: l.item.price_fen,
      }));

      const write: OrderWrite = {
        order: base,
        lines: lineRows,
        limits: lines.map((l) => l.item.per_person_limit),
        messageLead: `${lines.map((l) => `${l.item.name}×${l.quantity}`).join('、')}，已从餐卡支付 ${yuan(totalFen)}。`,
      };
      let row: OrderRow;
      try {
        row = await writer.write(write);
      } catch (error) {
        if (error instanceof KeyTaken)
          return { order: await replay(person.id, idempotencyKey, requestHash), replayed: true };
        // The memo let through what the transaction refused: the next order reads the items afresh.
        if (isItemRefusal(error)) for (const { item } of lines) itemMemo.delete(item.id);
        throw error;
      }
      publish(row.canteen_id, row.date, [row.id]);
      return { order: toOrder(row, lineRows), replayed: false };
    },

    async list(person: Person, query: OrderListQuery): Promise<OrderList> {
      const rows = await listOrdersOf(db, person.id, { status: query.status, limit: query.limit ?? 50 });
      const lines = linesByOrder(
        await linesOf(
          db,
          rows.map((r) => r.id),
        ),
      );
      return { items: rows.map((row) => toOrder(row, lines.get(row.id) ?? [])) };
    },

    /** Another person's order answers exactly like a missing one. */
    async get(person: Person, orderId: string): Promise<Order> {
      const row = await findOrder(db, orderId);
      if (!row || row.person_id !== person.id) throw notFound('ORDER_NOT_FOUND');
      return orderWithLines(row);
    },

    /** Until the sale window closes: stock, slot, limit and money all return, in one transaction. */
    async cancel(person: Person, orderId: string): Promise<Order> {
      const row = await findOrder(db, orderId);
      if (!row || row.person_id !== person.id) throw notFound('ORDER_NOT_FOUND');
      if (row.status === 'cancelled') return orderWithLines(row);
      if (row.status !== 'placed') throw refuseFinished(row.status);
      const at = toStored(clock.now());
      if (at >= row.cancel_until) throw conflict('ORDER_NOT_CANCELLABLE');
      const lines = await linesOf(db, [row.id]);
      const limited = new Set(
        (
          await findItems(
            db,
            lines.map((l) => l.item_id),
          )
        )
          .filter((i) => i.per_person_limit !== null)
          .map((i) => i.id),
      );
      try {
        await transactionWithRetry(db, async (trx) => {
          if (!(await markCancelled(trx, row.id, at))) throw new OrderMoved();
          if (row.total_fen > 0)
            await mealCards.refund(trx, {
              personId: row.person_id,
              amountFen: row.total_fen,
              orderId: row.id,
              at,
              note: '取消订单退款',
            });
          for (const line of lines) {
            await returnStock(trx, line.item_id, line.quantity);
            if (limited.has(line.item_id)) await removePurchase(trx, row.person_id, line.item_id, line.quantity);
          }
          if (row.pickup_slot_id) await returnSlot(trx, row.pickup_slot_id);
          await messages.send(trx, {
            personId: row.person_id,
            title: '外卖订单已取消',
            body: `取餐码 ${row.pickup_code} 的订单已取消，${yuan(row.total_fen)} 已退回餐卡。`,
          });
        });
      } catch (error) {
        if (!(error instanceof OrderMoved)) throw error;
        // Someone else changed it first (a pickup, close of day, or a second cancel).
        const now = await findOrder(db, row.id);
        if (now?.status === 'cancelled') return orderWithLines(now);
        throw refuseFinished(now?.status ?? 'expired');
      }
      publish(row.canteen_id, row.date, [row.id]);
      return orderWithLines((await findOrder(db, row.id))!);
    },

    /** The canteen's staff hand out an order by its 6-digit code (typed, or read from the QR). */
    async pickup(staff: Person, canteenId: string, rawCode: string): Promise<BoardOrder> {
      await takeaway.assertStaffOf(staff, canteenId);
      const code = rawCode.trim();
      if (!/^\d{6}$/.test(code)) throw badRequest('PICKUP_CODE_INVALID');
      const today = shanghaiDate(clock.now());
      const found = await ordersByCode(
        db,
        code,
        addDays(today, -PICKUP_SEARCH_DAYS),
        addDays(today, PICKUP_SEARCH_DAYS),
      );
      const here = found.filter((o) => o.canteen_id === canteenId);
      if (here.length === 0) throw found.length > 0 ? conflict('WRONG_CANTEEN') : notFound('PICKUP_CODE_INVALID');
      // Today's order first, otherwise the nearest earlier day's, then the nearest later day's.
      const order =
        here.find((o) => o.date === today) ??
        here.filter((o) => o.date < today).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ??
        here.sort((a, b) => (a.date < b.date ? -1 : 1))[0];
      if (order.status !== 'placed') throw refuseFinished(order.status);
      if (order.date > today) throw conflict('PICKUP_NOT_OPEN');
      const at = toStored(clock.now());
      try {
        await transactionWithRetry(db, async (trx) => {
          if (!(await markCollected(trx, order.id, staff.id, at))) throw new OrderMoved();
          await messages.send(trx, {
            personId: order.person_id,
            title: '外卖已取餐',
            body: `取餐码 ${order.pickup_code} 的订单已取餐，祝您用餐愉快。`,
          });
        });
      } catch (error) {
        if (!(error instanceof OrderMoved)) throw error;
        throw refuseFinished((await findOrder(db, order.id))?.status ?? 'expired');
      }
      publish(canteenId, order.date, [order.id]);
      const [withPerson] = await ordersWithPerson(db, [order.id]);
      return toBoardOrder(withPerson, await linesOf(db, [order.id]));
    },

    /** The board's list: the canteen's orders for a day with the prep list (staff of that canteen, admins). */
    async board(person: Person, canteenId: string, date: string | undefined): Promise<CanteenBoard> {
      await takeaway.assertManagerOf(person, canteenId);
      return boardOf(canteenId, date ?? shanghaiDate(clock.now()));
    },

    boardOf,
    closeDay,

    /** Orders by id as the board shows them (two queries, whatever the number). */
    async boardOrders(ids: string[]): Promise<BoardOrder[]> {
      const rows = await ordersWithPerson(db, ids);
      const lines = linesByOrder(
        await linesOf(
          db,
          rows.map((r) => r.id),
        ),
      );
      return rows.map((row) => toBoardOrder(row, lines.get(row.id) ?? []));
    },

    /**
     * On shutdown, before the bus and the database close: waits (a while at most) for the orders
     * being placed, cancelled or picked up and the days being closed, then for the order writer,
     * then sends what is still waiting to be announced and waits for that.
     */
    async flush(): Promise<void> {
      const finished = (async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
      })();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_WAIT_MS)))]);
      clearTimeout(timer);
      await writer.close();
      announce();
      await Promise.all(sending);
    },

    /** Closes every earlier day someone left open (for a daily job); answers what it did per day. */
    async closeOverdueDays(): Promise<(CloseDayResult & { canteenId: string })[]> {
      const today = shanghaiDate(clock.now());
      const results: (CloseDayResult & { canteenId: string })[] = [];
      for (const day of await openDaysBefore(db, today)) {
        results.push({ canteenId: day.canteen_id, ...(await closeDay(undefined, day.canteen_id, day.date)) });
      }
      return results;
    },
  };
  return {
    ...service,
    place: (...args: Parameters<typeof service.place>) => heldIn(running, service.place(...args)),
    cancel: (...args: Parameters<typeof service.cancel>) => heldIn(running, service.cancel(...args)),
    pickup: (...args: Parameters<typeof service.pickup>) => heldIn(running, service.pickup(...args)),
    closeDay: (...args: Parameters<typeof closeDay>) => heldIn(running, closeDay(...args)),
    closeOverdueDays: () => heldIn(running, service.closeOverdueDays()),
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
