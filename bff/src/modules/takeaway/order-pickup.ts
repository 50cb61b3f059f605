import type { Kysely } from 'kysely';
import type { BoardOrder } from '@contract/takeaway.schema';
import { addDays, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import type { OrderEvents } from './order-events';
import { OrderMoved, refuseFinished } from './order-outcomes';
import { findOrder, linesOf, markCollected, ordersByCode, ordersWithPerson } from './orders.repository';
import { toBoardOrder } from './takeaway.mappers';
import type { TakeawayService } from './takeaway.service';

/** How far around today a typed pickup code is looked for (codes repeat across days). */
const PICKUP_SEARCH_DAYS = 7;

/** The canteen's staff hand out an order by its 6-digit code (typed, or read from the QR). */
export function createOrderPickup(deps: {
  db: Kysely<Database>;
  clock: Clock;
  messages: MessagesService;
  takeaway: TakeawayService;
  events: OrderEvents;
}) {
  const { db, clock, messages, takeaway, events } = deps;

  async function pickup(staff: Person, canteenId: string, rawCode: string): Promise<BoardOrder> {
    await takeaway.assertStaffOf(staff, canteenId);
    const code = rawCode.trim();
    if (!/^\d{6}$/.test(code)) throw badRequest('PICKUP_CODE_INVALID');
    const today = shanghaiDate(clock.now());
    const found = await ordersByCode(db, code, addDays(today, -PICKUP_SEARCH_DAYS), addDays(today, PICKUP_SEARCH_DAYS));
    // Another canteen's order answers exactly like an unknown code: its existence is not told.
    const here = found.filter((o) => o.canteen_id === canteenId);
    if (here.length === 0) throw notFound('PICKUP_CODE_INVALID');
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
          subject: { kind: 'takeaway-order', id: order.id },
        });
      });
    } catch (error) {
      if (!(error instanceof OrderMoved)) throw error;
      throw refuseFinished((await findOrder(db, order.id))?.status ?? 'expired');
    }
    events.ordersChanged(canteenId, order.date, [order.id]);
    const [withPerson] = await ordersWithPerson(db, [order.id]);
    return toBoardOrder(withPerson, await linesOf(db, [order.id]));
  }

  return { pickup };
}
