import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createLoadingCache } from '../../fast-paths/loading-cache';
import { findItem } from './takeaway.repository';
import type { TakeawayItemRow } from './takeaway.table';

/**
 * How long the order path reuses an item it read (per instance), so a popular item is read about
 * once a second rather than once per order. Safe because what an order relies on that can change
 * (status, stock, the day's close) is checked again by the transaction's conditional update, and
 * a refusal is always answered from a fresh read.
 */
const ITEM_MEMO_MS = 1000;

/** Items as the order path read them a moment ago (see ITEM_MEMO_MS). */
export function createItemMemo(db: Kysely<Database>) {
  const memo = createLoadingCache<TakeawayItemRow | undefined>({ ttlMs: ITEM_MEMO_MS, maxEntries: 1000 });
  return {
    /** The item as read a moment ago: synchronously on a hit. */
    get(id: string): TakeawayItemRow | undefined | Promise<TakeawayItemRow | undefined> {
      return memo.get(id, () => findItem(db, id));
    },
    /** The next read of these items goes to the database. */
    forget(ids: Iterable<string>): void {
      for (const id of ids) memo.delete(id);
    },
    clear(): void {
      memo.clear();
    },
  };
}

export type ItemMemo = ReturnType<typeof createItemMemo>;
