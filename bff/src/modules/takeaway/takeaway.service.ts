import type { Kysely } from 'kysely';
import type { NewTakeawayItem, TakeawayItem, TakeawayItemList, TakeawaySettings } from '@contract/takeaway.schema';
import type { Database } from '../../db/schema';
import { shanghaiDate } from '@contract/workdays';
import { DomainError, badRequest, conflict, forbidden, notFound } from '../../errors';
import { requireDate } from '../../lib/date-params';
import { newId } from '../../lib/ids';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { CanteenService, DishesService } from '../canteen';
import { toItem, toItems } from './takeaway.mappers';
import {
  changeStock,
  findDay,
  findItem,
  findRefundExpired,
  insertItem,
  openDay,
  listItems,
  purchasesOf,
  saveRefundExpired,
  setItemStatus,
  slotsOfItems,
  type NewItemRow,
} from './takeaway.repository';
import type { PickupSlotRow } from './takeaway.table';

const windowInvalid = () => badRequest('TAKEAWAY_WINDOW_INVALID');

/** Parses an ISO instant from the wire into the stored UTC form. */
function stored(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw windowInvalid();
  return new Date(ms).toISOString();
}

/**
 * Takeaway items of a canteen and who may manage them: canteen staff of that canteen (the
 * `canteen` role and a canteen_staff link), and admins for everything except pickups.
 */
export function createTakeawayService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  dishes: DishesService;
}) {
  const { db, clock, canteens, dishes } = deps;

  /** Without the canteen role at all: FORBIDDEN; a canteen worker of another canteen: NOT_CANTEEN_STAFF. */
  async function assertStaffOf(person: Person, canteenId: string): Promise<void> {
    if (!person.roles.includes('canteen')) throw forbidden();
    if (!(await canteens.isStaff(person.id, canteenId))) throw new DomainError('NOT_CANTEEN_STAFF', 403);
  }

  /** Managing takeaway is managing the canteen: its staff, or any admin (the canteen module's rule). */
  async function assertManagerOf(person: Person, canteenId: string): Promise<void> {
    await canteens.getManaged(person, canteenId);
  }

  async function itemOf(canteenId: string, itemId: string): Promise<TakeawayItem> {
    const row = await findItem(db, itemId);
    if (!row || row.canteen_id !== canteenId) throw notFound('ITEM_NOT_FOUND');
    return toItem(row, await slotsOfItems(db, [row.id]));
  }

  return {
    assertStaffOf,
    assertManagerOf,

    async create(person: Person, canteenId: string, input: NewTakeawayItem): Promise<TakeawayItem> {
      await assertManagerOf(person, canteenId);
      requireDate(input.date);
      if (input.dishId !== undefined) {
        // From the canteen's dish library (canteen menus): it must be this canteen's, in use.
        const dish = await dishes.find(input.dishId);
        if (!dish || dish.canteen_id !== canteenId) throw notFound('DISH_NOT_FOUND');
        if (dish.retired) throw conflict('DISH_RETIRED');
      }
      const sale = { starts: stored(input.saleStartsAt), ends: stored(input.saleEndsAt) };
      const pickup = { starts: stored(input.pickupStartsAt), ends: stored(input.pickupEndsAt) };
      // ISO-8601 UTC strings of the same shape compare as instants.
      if (sale.starts >= sale.ends || pickup.starts >= pickup.ends || pickup.ends <= sale.starts) throw windowInvalid();
      if (shanghaiDate(new Date(pickup.starts)) !== input.date) throw windowInvalid();
      const now = toStored(clock.now());
      // A sale already over could never sell: staff would see it listed while diners see 已停售.
      if (sale.ends <= now) throw badRequest('SALE_WINDOW_PAST');
      const id = newId();
      const slots: PickupSlotRow[] = (input.pickupSlots ?? []).map((slot) => {
        const starts = stored(slot.startsAt);
        const ends = stored(slot.endsAt);
        if (starts >= ends || starts < pickup.starts || ends > pickup.ends) throw windowInvalid();
        return {
          id: newId(),
          item_id: id,
          canteen_id: canteenId,
          starts_at: starts,
          ends_at: ends,
          capacity: slot.capacity,
          remaining: slot.capacity,
        };
      });
      const row: NewItemRow = {
        id,
        canteen_id: canteenId,
        date: input.date,
        name: input.name.trim(),
        price_fen: input.priceFen,
        stock: input.stock,
        remaining: input.stock,
        sale_starts_at: sale.starts,
        sale_ends_at: sale.ends,
        pickup_starts_at: pickup.starts,
        pickup_ends_at: pickup.ends,
        per_person_limit: input.perPersonLimit ?? null,
        has_slots: slots.length > 0 ? 1 : 0,
        dish_id: input.dishId ?? null,
        status: input.publish === false ? 'withdrawn' : 'published',
        created_by: person.id,
        created_at: now,
        updated_at: now,
      };
      if (!row.name) throw badRequest('VALIDATION_FAILED', '请填写菜品名称');
      await transactionWithRetry(db, async (trx) => {
        if (!(await openDay(trx, canteenId, input.date))) throw conflict('TAKEAWAY_DAY_CLOSED');
        await insertItem(trx, row, slots);
      });
      return toItem({ ...row, closed_at: null }, slots);
    },

    /** Everyone sees what is on sale; the canteen's own staff and admins also see withdrawn items. */
    async list(person: Person, canteenId: string, date: string | undefined): Promise<TakeawayItemList> {
      const day = requireDate(date ?? shanghaiDate(clock.now()));
      await canteens.get(canteenId); // CANTEEN_NOT_FOUND
      const manager = await canteens.manages(person, canteenId);
      const [rows, closed] = await Promise.all([listItems(db, canteenId, day, manager), findDay(db, canteenId, day)]);
      const limited = rows.filter((r) => r.per_person_limit !== null).map((r) => r.id);
      const [slots, bought] = await Promise.all([
        slotsOfItems(
          db,
          rows.map((r) => r.id),
        ),
        purchasesOf(db, person.id, limited),
      ]);
      // The cart counts what this person already holds of a limited item (limitLeft).
      const items = toItems(rows, slots).map((item) =>
        item.perPersonLimit === null
          ? item
          : { ...item, limitLeft: Math.max(0, item.perPersonLimit - (bought.get(item.id) ?? 0)) },
      );
      return {
        items,
        ...(closed?.closed_at ? { closedAt: toInstant(closed.closed_at) } : {}),
      };
    },

    async setStatus(
      person: Person,
      canteenId: string,
      itemId: string,
      status: 'published' | 'withdrawn',
    ): Promise<TakeawayItem> {
      await assertManagerOf(person, canteenId);
      if (!(await setItemStatus(db, canteenId, itemId, status, toStored(clock.now()))))
        throw notFound('ITEM_NOT_FOUND');
      return itemOf(canteenId, itemId);
    },

    async changeStock(person: Person, canteenId: string, itemId: string, stock: number): Promise<TakeawayItem> {
      await assertManagerOf(person, canteenId);
      if (!(await changeStock(db, canteenId, itemId, stock, toStored(clock.now())))) {
        await itemOf(canteenId, itemId); // ITEM_NOT_FOUND when it is not this canteen's
        throw conflict('STOCK_BELOW_SOLD');
      }
      return itemOf(canteenId, itemId);
    },

    async settings(person: Person, canteenId: string): Promise<TakeawaySettings> {
      await assertManagerOf(person, canteenId);
      return { refundExpired: await findRefundExpired(db, canteenId) };
    },

    async saveSettings(person: Person, canteenId: string, settings: TakeawaySettings): Promise<TakeawaySettings> {
      await assertManagerOf(person, canteenId);
      await saveRefundExpired(db, canteenId, settings.refundExpired, person.id, toStored(clock.now()));
      return { refundExpired: settings.refundExpired };
    },
  };
}

export type TakeawayService = ReturnType<typeof createTakeawayService>;
