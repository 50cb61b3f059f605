import type { Kysely } from 'kysely';
import type { BoardOrder, CanteenBoard, Order, OrderList, OrderListQuery } from '@contract/takeaway.schema';
import { shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { requireDate } from '../../lib/date-params';
import type { Clock } from '../../lib/time';
import type { Person } from '../auth';
import { findOrder, linesOf, listOrdersOf, ordersOfCanteenDay, ordersWithPerson } from './orders.repository';
import { linesByOrder, toBoard, toBoardOrder, toOrder } from './takeaway.mappers';
import { findDay } from './takeaway.repository';
import type { TakeawayService } from './takeaway.service';

/** Orders as their buyer sees them (mine, one) and as the canteen's board shows them. */
export function createOrderReads(deps: { db: Kysely<Database>; clock: Clock; takeaway: TakeawayService }) {
  const { db, clock, takeaway } = deps;

  async function list(person: Person, query: OrderListQuery): Promise<OrderList> {
    const rows = await listOrdersOf(db, person.id, { status: query.status, limit: query.limit ?? 50 });
    const lines = linesByOrder(
      await linesOf(
        db,
        rows.map((r) => r.id),
      ),
    );
    return { items: rows.map((row) => toOrder(row, lines.get(row.id) ?? [])) };
  }

  /** Another person's order answers exactly like a missing one. */
  async function get(person: Person, orderId: string): Promise<Order> {
    const row = await findOrder(db, orderId);
    if (!row || row.person_id !== person.id) throw notFound('ORDER_NOT_FOUND');
    return toOrder(row, await linesOf(db, [row.id]));
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
   * The board's list: the canteen's orders for a day with the prep list. Only that canteen's staff,
   * the same rule as the live board's socket (board.service.ts) and pickups: it names every diner.
   */
  async function board(person: Person, canteenId: string, date: string | undefined): Promise<CanteenBoard> {
    await takeaway.assertStaffOf(person, canteenId);
    return boardOf(canteenId, date ?? shanghaiDate(clock.now()));
  }

  /** Orders by id as the board shows them (two queries, whatever the number). */
  async function boardOrders(ids: string[]): Promise<BoardOrder[]> {
    const rows = await ordersWithPerson(db, ids);
    const lines = linesByOrder(
      await linesOf(
        db,
        rows.map((r) => r.id),
      ),
    );
    return rows.map((row) => toBoardOrder(row, lines.get(row.id) ?? []));
  }

  return { list, get, boardOf, board, boardOrders };
}
