import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from '../lib/ids';
import type { OutboxRow } from './outbox.table';

type Db = Kysely<Database>;

/** Call inside the business transaction, so the change and its side effect commit together. */
export async function enqueue(db: Db, topic: string, payload: unknown, at: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('outbox')
    .values({ id, topic, payload: JSON.stringify(payload), created_at: at, attempts: 0, next_attempt_at: at })
    .execute();
  return id;
}

/**
 * Leases due rows to one worker. Portable on both dialects and safe across instances: the UPDATE
 * re-checks the lease condition per row, so on PostgreSQL a row another worker leased in the
 * meantime is skipped (READ COMMITTED re-evaluates it), and SQLite has one writer at a time.
 *
 * Due rows are first looked for by a plain read: an idle poll (nearly every poll) writes nothing.
 * On SQLite an UPDATE takes the file's write lock even when it changes no row, and waiting for it
 * (busy_timeout, while the order writer commits) holds the event loop.
 */
export async function claimDue(
  db: Db,
  workerId: string,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  const due = await db
    .selectFrom('outbox')
    .select('id')
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  await db
    .updateTable('outbox')
    .set({ locked_by: workerId, locked_until: leaseUntil })
    .where(
      'id',
      'in',
      due.map((r) => r.id),
    )
    .where('delivered_at', 'is', null)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('locked_by', '=', workerId)
    .where('locked_until', '=', leaseUntil)
    .where('delivered_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/**
 * Extends this worker's lease on one row just before delivering it; false when the lease ran out
 * and another worker claimed the row meanwhile (it delivers it then, not this one).
 */
export async function renewLease(db: Db, id: string, workerId: string, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ locked_until: leaseUntil })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markDelivered(db: Db, id: string, workerId: string, at: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: at, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function markAttemptFailed(
  db: Db,
  id: string,
  workerId: string,
  failure: { attempts: number; error: string; nextAttemptAt: string; giveUpAt?: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      attempts: failure.attempts,
      last_error: failure.error.slice(0, 500),
      next_attempt_at: failure.nextAttemptAt,
      failed_at: failure.giveUpAt ?? null,
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}
