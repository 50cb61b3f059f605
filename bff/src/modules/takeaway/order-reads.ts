import type { Kysely } from 'kysely';
import type {
  BoardCounts,
  BoardOrder,
  BoardOrderPage,
  BoardOrderQuery,
  BoardSlot,
  BoardSummary,
  CanteenBoard,
  Order,
  OrderList,
  OrderListQuery,
  PrepLine,
} from '@contract/takeaway.schema';
import type { OrderStatus } from '@contract/takeaway';
import { shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { createLoadingCache } from '../../fast-paths/loading-cache';
import { requireDate } from '../../lib/date-params';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { toInstant, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import {
  boardFigures,
  boardOrdersPage,
  findOrder,
  linesOf,
  listOrdersOf,
  ordersWithPerson,
  type SlotItemSum,
  type SlotStatusCount,
} from './orders.repository';
import type { OrderLineRow, OrderRow } from './takeaway.table';
import { linesByOrder, toBoardOrder, toOrder } from './takeaway.mappers';
import { findDay } from './takeaway.repository';
import type { TakeawayService } from './takeaway.service';

/** Orders still to hand out in the board's first answer (and its socket's first message). */
export const BOARD_FIRST_PAGE = 50;

/** How old a board read's summary may be (the live board pushes a fresh one after changes). */
export const SUMMARY_MEMO_MS = 1000;

/** A cursor names its list: another person's, canteen's, day's or status's cursor is refused. */
const myOrdersList = (personId: string) => `o/${personId}`;
const boardList = (canteenId: string, date: string, status: OrderStatus) => `b/${canteenId}/${date}/${status}`;

const noCounts = (): BoardCounts => ({ placed: 0, collected: 0, cancelled: 0, expired: 0 });

/** The database's sums → the board's summary: slots earliest first, prep list by name. */
export function toSummary(figures: { orders: SlotStatusCount[]; items: SlotItemSum[] }): BoardSummary {
  const counts = noCounts();
  const slots = new Map<string, BoardSlot>();
  const slotOf = (startsAt: string, endsAt: string) => {
    const key = `${startsAt}|${endsAt}`;
    let slot = slots.get(key);
    if (!slot) {
      slot = { startsAt, endsAt, slotted: false, counts: noCounts(), toHandOut: [] };
      slots.set(key, slot);
    }
    return slot;
  };
  for (const row of figures.orders) {
    counts[row.status] += row.orders;
    const slot = slotOf(row.pickup_starts_at, row.pickup_ends_at);
    slot.counts[row.status] += row.orders;
    if (row.slotted) slot.slotted = true;
  }
  const prep = new Map<string, PrepLine>();
  for (const row of figures.items) {
    if (row.status === 'placed') {
      slotOf(row.pickup_starts_at, row.pickup_ends_at).toHandOut.push({
        itemId: row.item_id,
        name: row.name,
        quantity: row.quantity,
      });
    }
    if (row.status !== 'placed' && row.status !== 'collected') continue;
    const line = prep.get(row.item_id) ?? { itemId: row.item_id, name: row.name, quantity: 0, collected: 0 };
    line.quantity += row.quantity;
    if (row.status === 'collected') line.collected += row.quantity;
    prep.set(row.item_id, line);
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');
  return {
    counts,
    slots: [...slots.values()]
      .map((slot) => ({
        ...slot,
        startsAt: toInstant(slot.startsAt),
        endsAt: toInstant(slot.endsAt),
        toHandOut: slot.toHandOut.sort(byName),
      }))
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(a.endsAt) - Date.parse(b.endsAt)),
    prepList: [...prep.values()].sort(byName),
  };
}

/** Orders as their buyer sees them (mine, one) and as the canteen's board shows them. */
export function createOrderReads(deps: { db: Kysely<Database>; clock: Clock; takeaway: TakeawayService }) {
  const { db, clock, takeaway } = deps;

  async function withLines(rows: OrderRow[]): Promise<Map<string, OrderLineRow[]>> {
    return linesByOrder(
      await linesOf(
        db,
        rows.map((r) => r.id),
      ),
    );
  }

  /** My orders, newest first, page by page (`?limit=&cursor=`). */
  async function list(person: Person, query: OrderListQuery): Promise<OrderList> {
    const limit = query.limit ?? 20;
    const list = myOrdersList(person.id);
    const rows = await listOrdersOf(db, person.id, {
      status: query.status,
      after: decodeCursor(list, query.cursor),
      limit: limit + 1,
    });
    const page = pageFrom(list, rows, limit);
    const lines = await withLines(page.rows);
    return { items: page.rows.map((row) => toOrder(row, lines.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  /** Another person's order answers exactly like a missing one. */
  async function get(person: Person, orderId: string): Promise<Order> {
    const row = await findOrder(db, orderId);
    if (!row || row.person_id !== person.id) throw notFound('ORDER_NOT_FOUND');
    return toOrder(row, await linesOf(db, [row.id]));
  }

  /** One page of a canteen's day in one status, newest first, as the board shows it. */
  async function pageOf(
    canteenId: string,
    date: string,
    status: OrderStatus,
    limit: number,
    cursor?: string,
  ): Promise<BoardOrderPage> {
    const list = boardList(canteenId, date, status);
    const rows = await boardOrdersPage(db, { canteenId, date, status }, decodeCursor(list, cursor), limit);
    const page = pageFrom(list, rows, limit);
    const lines = await withLines(page.rows);
    return { items: page.rows.map((row) => toBoardOrder(row, lines.get(row.id) ?? [])), nextCursor: page.nextCursor };
  }

  // On the busiest day the sums cost tens of milliseconds on SQLite, and every board read asked
  // for them (each screen, each reload): a read takes them if at most SUMMARY_MEMO_MS old (not
  // dropped on each order: in a rush that would be every read). A socket's first message and the
  // live board's pushes sum afresh (summaryOf) and leave the result for the reads.
  const summaries = createLoadingCache<BoardSummary>({ ttlMs: SUMMARY_MEMO_MS, maxEntries: 64 });
  const sum = (canteenId: string, date: string) => async () => toSummary(await boardFigures(db, canteenId, date));

  /** The day's counts, slots and prep list, summed by the database now. */
  async function summaryOf(canteenId: string, date: string): Promise<BoardSummary> {
    const key = `${canteenId}|${date}`;
    summaries.delete(key);
    return summaries.get(key, sum(canteenId, date));
  }

  /** The same, or a sum at most SUMMARY_MEMO_MS old. */
  const recentSummaryOf = async (canteenId: string, date: string): Promise<BoardSummary> =>
    summaries.get(`${canteenId}|${date}`, sum(canteenId, date));

  async function boardWith(
    canteenId: string,
    date: string,
    summary: (canteenId: string, date: string) => Promise<BoardSummary>,
  ): Promise<CanteenBoard> {
    requireDate(date);
    const [sums, open, day] = await Promise.all([
      summary(canteenId, date),
      pageOf(canteenId, date, 'placed', BOARD_FIRST_PAGE),
      findDay(db, canteenId, date),
    ]);
    return {
      canteenId,
      date,
      summary: sums,
      orders: open.items,
      nextCursor: open.nextCursor,
      ...(day?.closed_at ? { closedAt: toInstant(day.closed_at) } : {}),
    };
  }

  /**
   * The board without an access check, summed now (the live board socket's first message: a
   * screen that opens sees every order committed before it).
   */
  const boardOf = (canteenId: string, date: string) => boardWith(canteenId, date, summaryOf);

  /**
   * The board: the day's summary and the first page to hand out; its summary at most
   * SUMMARY_MEMO_MS old. Only that canteen's staff, the same rule as the live board's socket
   * (board.service.ts) and pickups: it names every diner.
   */
  async function board(person: Person, canteenId: string, date: string | undefined): Promise<CanteenBoard> {
    await takeaway.assertStaffOf(person, canteenId);
    return boardWith(canteenId, date ?? shanghaiDate(clock.now()), recentSummaryOf);
  }

  /** A page of the day's orders of one status (that canteen's staff only, like the board). */
  async function boardOrderPage(person: Person, canteenId: string, query: BoardOrderQuery): Promise<BoardOrderPage> {
    await takeaway.assertStaffOf(person, canteenId);
    const date = query.date ?? shanghaiDate(clock.now());
    requireDate(date);
    return pageOf(canteenId, date, query.status, query.limit ?? 20, query.cursor);
  }

  /** Orders by id as the board shows them (three queries, whatever the number). */
  async function boardOrders(ids: string[]): Promise<BoardOrder[]> {
    const rows = await ordersWithPerson(db, ids);
    const lines = await withLines(rows);
    return rows.map((row) => toBoardOrder(row, lines.get(row.id) ?? []));
  }

  return { list, get, boardOf, board, boardOrderPage, boardOrders, summaryOf };
}
